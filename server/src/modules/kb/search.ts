// The knowledge base's search engine: an in-process index per locale (MiniSearch underneath) with
// our own analysis (Chinese segmentation + bigrams, Indonesian and English stemming, slang), query-
// time synonyms across the three languages, typo tolerance, title and recency boosts, and
// highlighted snippets. A pure library: storage and routes feed it documents and ask it questions.
import MiniSearch, { type SearchResult } from 'minisearch';
import { analyze, detectLocale, hasHan, LOCALES, normalize, type Locale } from './search-analyze.js';
import { expandSynonyms } from './search-synonyms.js';
import { makeSnippet, stripMarkdown } from './search-text.js';

export type { Locale } from './search-analyze.js';

export interface SearchableArticle {
  id: string;
  slug: string;
  locale: Locale;
  title: string;
  body: string;
  description?: string;
  tags?: string[];
  category?: string;
  visibility: 'public' | 'internal';
  updatedAt: Date;
}

export interface SearchHit {
  id: string;
  slug: string;
  title: string;
  snippet: string;
  locale: Locale;
  score: number;
}

export interface KnowledgeSearchOptions {
  locale?: Locale;
  limit?: number;
  includeInternal?: boolean;
}

/** The locale a query is most likely written in (Han -> zh-CN, else Indonesian vs English). */
export function detectQueryLocale(q: string): Locale {
  return detectLocale(q);
}

interface IndexedFields {
  id: string;
  title: string;
  description: string;
  tags: string;
  body: string;
}

interface StoredArticle {
  slug: string;
  title: string;
  text: string;
  internal: boolean;
  recency: number;
  /** Distinct terms, sorted (code-unit order): vocabulary upkeep on removal, common-term rescoring. */
  terms: string[];
  titleTerms: string[];
}

const FIELDS = ['title', 'description', 'tags', 'body'] as const;
// A title hit says much more about what an article is about than a passing mention in the body.
const FIELD_BOOST = { title: 3, tags: 2, description: 1.5, body: 1 };
const MAX_QUERY_CHARS = 256;
const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 10;
// Synonyms widen recall but must not outrank the customer's own words.
const SYNONYM_WEIGHT = 0.5;
// A single Han character matches almost everything; it only helps when nothing longer does.
const HAN_CHAR_WEIGHT = 0.3;
const DAY_MS = 86_400_000;
// A synonym in more than this share of a locale's articles adds noise rather than recall.
const BROAD_SHARE = 0.3;
const BROAD_MIN_DOCS = 5;
// In a large index, a query word in more than this share of the articles costs a pass over a big part
// of it for little ranking value: it only rescores what the rarer words found ("common terms" query).
const COMMON_SHARE = 0.1;
const COMMON_MIN_DOCS = 300;
const RESCORE_DEPTH = 500;
const MERGE_DEPTH = 300;
const MAX_EXPANSIONS = 10;
// Postings the synonyms of one query may visit in total, so a broad synonym group stays cheap.
const EXPANSION_BUDGET = 1500;
// What one occurrence in the body (and again in the title) adds, matching MiniSearch's BM25+ scale.
const COMMON_BODY_WEIGHT = 1.5;

/** A fresh article gets up to 10 % more score, fading with a half-life of half a year. */
function recencyBoost(updatedAt: Date, now: number): number {
  const ageDays = Math.max(0, (now - updatedAt.getTime()) / DAY_MS);
  return 1 + 0.1 * Math.pow(0.5, ageDays / 182);
}

const isLatin = (t: string): boolean => !hasHan(t);

// Terms reach MiniSearch already analysed; at query time it must only split them apart again.
const splitTerms = (s: string): string[] => s.split(' ');
const keepTerm = (t: string): string => t;

class LocaleIndex {
  readonly docs = new Map<string, StoredArticle>();
  /** Document frequency of every indexed term: typo tolerance is only needed for unknown words. */
  readonly vocabulary = new Map<string, number>();
  readonly mini: MiniSearch<IndexedFields>;
  // Terms of the document being added, collected as MiniSearch tokenizes its fields.
  private collecting: Set<string> | null = null;

  constructor(readonly locale: Locale) {
    this.mini = new MiniSearch<IndexedFields>({
      idField: 'id',
      fields: [...FIELDS],
      storeFields: [],
      tokenize: (text) => {
        const terms = analyze(text, locale);
        if (this.collecting) for (const t of terms) this.collecting.add(t);
        return terms;
      },
      processTerm: keepTerm,
      searchOptions: { tokenize: splitTerms, processTerm: keepTerm },
    });
  }

  upsert(doc: SearchableArticle, now: number): void {
    const text = stripMarkdown(doc.body);
    const fields: IndexedFields = {
      id: doc.id,
      title: doc.title,
      description: doc.description ?? '',
      tags: (doc.tags ?? []).join(' '),
      body: text,
    };
    const previous = this.docs.get(doc.id);
    const collected = new Set<string>();
    this.collecting = collected;
    try {
      if (previous) this.mini.replace(fields);
      else this.mini.add(fields);
    } finally {
      this.collecting = null;
    }
    // Sorted, so that rescoring can look a term up without a set per article.
    const terms = [...collected].sort();
    if (previous) this.forget(previous.terms);
    for (const t of terms) this.vocabulary.set(t, (this.vocabulary.get(t) ?? 0) + 1);
    this.docs.set(doc.id, {
      slug: doc.slug,
      title: doc.title,
      text,
      internal: doc.visibility === 'internal',
      recency: recencyBoost(doc.updatedAt, now),
      terms,
      titleTerms: [...new Set(analyze(doc.title, this.locale))],
    });
  }

  remove(id: string): void {
    const doc = this.docs.get(id);
    if (!doc) return;
    this.mini.discard(id);
    this.docs.delete(id);
    this.forget(doc.terms);
  }

  private forget(terms: readonly string[]): void {
    for (const t of terms) {
      const n = (this.vocabulary.get(t) ?? 0) - 1;
      if (n > 0) this.vocabulary.set(t, n);
      else this.vocabulary.delete(t);
    }
  }

  /** Share of this locale's articles that contain the term (0 for unknown terms). */
  share(term: string): number {
    return (this.vocabulary.get(term) ?? 0) / Math.max(1, this.docs.size);
  }

  /** In so many articles that, as a synonym, it would add noise rather than recall. */
  isBroad(term: string): boolean {
    const df = this.vocabulary.get(term) ?? 0;
    return df >= BROAD_MIN_DOCS && df > BROAD_SHARE * this.docs.size;
  }

  /** Too frequent to be worth its own pass over a large index. */
  isCommon(term: string): boolean {
    const df = this.vocabulary.get(term) ?? 0;
    return df >= COMMON_MIN_DOCS && df > COMMON_SHARE * this.docs.size;
  }

  idf(term: string): number {
    const n = this.vocabulary.get(term) ?? 0;
    return Math.log(1 + (this.docs.size - n + 0.5) / (n + 0.5));
  }

  /** Synonyms that exist here and say something: the rarest first, a bounded number. */
  selectExpansions(terms: readonly string[]): string[] {
    const candidates = terms
      .filter((t) => this.vocabulary.has(t) && !this.isBroad(t))
      .sort((a, b) => this.share(a) - this.share(b));
    const chosen: string[] = [];
    let postings = 0;
    for (const t of candidates) {
      const df = this.vocabulary.get(t) ?? 0;
      if (chosen.length >= MAX_EXPANSIONS || (chosen.length > 0 && postings + df > EXPANSION_BUDGET)) break;
      chosen.push(t);
      postings += df;
    }
    return chosen;
  }

  /** Edit distance allowed for a query term: none for known words or below 4 letters, then 1, then 2. */
  fuzziness(term: string): number | false {
    if (this.vocabulary.has(term) || !isLatin(term) || /\d/.test(term) || term.length < 4) return false;
    return term.length <= 6 ? 1 : 2;
  }

  /** Prefix matching for the word being typed (the last one) and for words the index does not know. */
  prefix(term: string, i: number, all: readonly string[]): boolean {
    return isLatin(term) && term.length >= 3 && (i === all.length - 1 || !this.vocabulary.has(term));
  }
}

/**
 * Adds the contribution of frequent query terms to results found by the rarer ones, from each
 * article's term list: cheaper than a pass over the postings of words most articles contain.
 */
function rescoreCommon(index: LocaleIndex, results: SearchResult[], common: readonly string[]): SearchResult[] {
  const idf = common.map((t) => index.idf(t));
  for (const r of results) {
    const doc = index.docs.get(String(r.id));
    if (!doc) continue;
    let raw = r.score / Math.max(1, r.queryTerms.length);
    let matched = r.queryTerms.length;
    common.forEach((t, i) => {
      if (!hasSorted(doc.terms, t)) return;
      raw += idf[i]! * COMMON_BODY_WEIGHT * (doc.titleTerms.includes(t) ? 1 + FIELD_BOOST.title : 1);
      matched++;
      r.terms.push(t);
    });
    r.score = raw * matched;
  }
  return results;
}

/** Binary search in a sorted array of terms. */
function hasSorted(sorted: readonly string[], term: string): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === term) return true;
    if (v < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The `k` best entries by score, best first, without sorting every match. */
function topK<T extends { score: number }>(items: Iterable<T>, k: number): T[] {
  const best: T[] = [];
  for (const it of items) {
    if (best.length === k && it.score <= best[k - 1]!.score) continue;
    let i = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(it);
    while (i > 0 && best[i - 1]!.score < it.score) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = it;
  }
  return best;
}

export class KnowledgeIndex {
  private readonly byLocale: Record<Locale, LocaleIndex> = {
    'zh-CN': new LocaleIndex('zh-CN'),
    'id-ID': new LocaleIndex('id-ID'),
    en: new LocaleIndex('en'),
  };

  /** Number of (article, locale) documents indexed. */
  get size(): number {
    let n = 0;
    for (const l of LOCALES) n += this.byLocale[l].docs.size;
    return n;
  }

  /** Add a document, or replace the one with the same id in the same locale. */
  upsert(doc: SearchableArticle): void {
    const index = this.byLocale[doc.locale];
    if (!index) throw new Error(`unknown locale ${String(doc.locale)} for article ${doc.id}`);
    index.upsert(doc, Date.now());
  }

  /** Remove a document from one locale, or from every locale when none is given. */
  remove(id: string, locale?: Locale): void {
    for (const l of locale ? [locale] : LOCALES) this.byLocale[l].remove(id);
  }

  search(query: string, options: KnowledgeSearchOptions = {}): SearchHit[] {
    const q = query.slice(0, MAX_QUERY_CHARS).trim();
    if (!q) return [];
    const locale = options.locale ?? detectQueryLocale(q);
    const index = this.byLocale[locale];
    if (!index || index.docs.size === 0) return [];
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    const includeInternal = options.includeInternal === true;

    let terms = [...new Set(analyze(q, locale))];
    const expansions = index.selectExpansions(expandSynonyms(normalize(q), terms, locale));
    // Lone Han characters (账, 钱) are a fallback for when no longer term of the query is known:
    // alongside real words they add little but cost a pass over most of the index.
    if (terms.some((t) => hasHan(t) && t.length > 1 && index.vocabulary.has(t))) {
      terms = terms.filter((t) => !(hasHan(t) && t.length === 1));
    }
    if (terms.length === 0 && expansions.length === 0) return [];

    // In a large index the most frequent words of the query only rescore what the others found;
    // when every word is frequent, the two rarest lead.
    let common = terms.filter((t) => index.isCommon(t));
    let lead = terms.filter((t) => !index.isCommon(t));
    if (lead.length === 0) {
      common.sort((a, b) => index.idf(b) - index.idf(a));
      lead = common.slice(0, 2);
      common = common.slice(2);
    }
    // The customer's own words, with typo tolerance. MiniSearch multiplies each score by the number
    // of query terms a document matched, which rewards covering the whole query.
    let base = lead.length
      ? index.mini.search(lead.join(' '), {
          boost: FIELD_BOOST,
          fuzzy: (t) => index.fuzziness(t),
          prefix: (t, i, all) => index.prefix(t, i, all),
          boostTerm: (t) => (hasHan(t) && t.length === 1 ? HAN_CHAR_WEIGHT : 1),
        })
      : [];
    // Synonyms are searched apart and added at a lower weight, without that coverage multiplier:
    // a long synonym list must not make an article look like it matches the whole query.
    if (common.length > 0) base = rescoreCommon(index, base.slice(0, RESCORE_DEPTH), common);
    const widened = expansions.length
      ? index.mini.search(expansions.join(' '), { boost: FIELD_BOOST, fuzzy: false, prefix: false })
      : [];

    interface Candidate {
      id: string;
      doc: StoredArticle;
      score: number;
      terms: string[];
    }
    const merged = new Map<string, Candidate>();
    const add = (r: SearchResult, score: number) => {
      const id = String(r.id);
      const m = merged.get(id);
      if (m) {
        m.score += score;
        m.terms.push(...r.terms);
        return;
      }
      const doc = index.docs.get(id);
      // Internal playbooks are for agents only; filtering here costs one look-up per matching article.
      if (!doc || (doc.internal && !includeInternal)) return;
      merged.set(id, { id, doc, score, terms: [...r.terms] });
    };
    // Both lists come best first; what lies deep in either cannot reach the first page.
    for (const r of base.slice(0, MERGE_DEPTH)) add(r, r.score);
    for (const r of widened.slice(0, MERGE_DEPTH)) add(r, (SYNONYM_WEIGHT * r.score) / Math.max(1, r.queryTerms.length));
    // Recency multiplies the whole score, so it is applied once per article rather than per term.
    for (const c of merged.values()) c.score *= c.doc.recency;
    const results = topK(merged.values(), limit);

    const hits: SearchHit[] = results.map((c) => ({
      id: c.id,
      slug: c.doc.slug,
      title: c.doc.title,
      snippet: makeSnippet(c.doc.text, new Set(c.terms), locale, locale === 'zh-CN' ? 100 : 160),
      locale,
      score: Math.round(c.score * 1000) / 1000,
    }));
    return hits;
  }
}
