// The knowledge base's search engine: an in-process index per locale (MiniSearch underneath) with
// our own analysis (Chinese segmentation + bigrams, Indonesian and English stemming, slang), query-
// time synonyms across the three languages, typo tolerance, title and recency boosts, and
// highlighted snippets. A pure library: storage and routes feed it documents and ask it questions.
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
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

/** A fresh article gets up to 10 % more score, fading with a half-life of half a year. */
function recencyBoost(updatedAt: Date, now: number): number {
  const ageDays = Math.max(0, (now - updatedAt.getTime()) / DAY_MS);
  return 1 + 0.1 * Math.pow(0.5, ageDays / 182);
}

const isLatin = (t: string): boolean => !hasHan(t);

/** Edit distance allowed for a query term: none below 4 letters, 1 up to 6, then 2. */
function fuzziness(term: string): number | false {
  if (!isLatin(term) || /\d/.test(term) || term.length < 4) return false;
  return term.length <= 6 ? 1 : 2;
}

// Terms reach MiniSearch already analysed; at query time it must only split them apart again.
const splitTerms = (s: string): string[] => s.split(' ');
const keepTerm = (t: string): string => t;

class LocaleIndex {
  readonly docs = new Map<string, StoredArticle>();
  readonly mini: MiniSearch<IndexedFields>;

  constructor(readonly locale: Locale) {
    this.mini = new MiniSearch<IndexedFields>({
      idField: 'id',
      fields: [...FIELDS],
      storeFields: [],
      tokenize: (text) => analyze(text, locale),
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
    if (this.docs.has(doc.id)) this.mini.replace(fields);
    else this.mini.add(fields);
    this.docs.set(doc.id, {
      slug: doc.slug,
      title: doc.title,
      text,
      internal: doc.visibility === 'internal',
      recency: recencyBoost(doc.updatedAt, now),
    });
  }

  remove(id: string): void {
    if (!this.docs.has(id)) return;
    this.mini.discard(id);
    this.docs.delete(id);
  }
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

    const terms = [...new Set(analyze(q, locale))];
    const expansions = expandSynonyms(normalize(q), terms, locale);
    if (terms.length === 0 && expansions.length === 0) return [];

    const common: SearchOptions = {
      boost: FIELD_BOOST,
      boostDocument: (id: string) => {
        const doc = index.docs.get(id);
        if (!doc || (doc.internal && !includeInternal)) return 0;
        return doc.recency;
      },
    };
    // The customer's own words, with typo tolerance. MiniSearch multiplies each score by the number
    // of query terms a document matched, which rewards covering the whole query.
    const base = terms.length
      ? index.mini.search(terms.join(' '), {
          ...common,
          fuzzy: (t) => fuzziness(t),
          // Prefixes catch half-typed words ("verif"); short ones would match too much.
          prefix: (t) => isLatin(t) && t.length >= 3,
          boostTerm: (t) => (hasHan(t) && t.length === 1 ? HAN_CHAR_WEIGHT : 1),
        })
      : [];
    // Synonyms are searched apart and added at a lower weight, without that coverage multiplier:
    // a long synonym list must not make an article look like it matches the whole query.
    const widened = expansions.length
      ? index.mini.search(expansions.join(' '), { ...common, fuzzy: false, prefix: false })
      : [];

    const merged = new Map<string, { score: number; terms: Set<string> }>();
    const add = (r: SearchResult, score: number) => {
      const id = String(r.id);
      const m = merged.get(id);
      if (m) {
        m.score += score;
        for (const t of r.terms) m.terms.add(t);
      } else merged.set(id, { score, terms: new Set(r.terms) });
    };
    for (const r of base) add(r, r.score);
    for (const r of widened) add(r, (SYNONYM_WEIGHT * r.score) / Math.max(1, r.queryTerms.length));
    const results = [...merged].sort((a, b) => b[1].score - a[1].score);

    const hits: SearchHit[] = [];
    for (const [id, r] of results) {
      if (hits.length >= limit) break;
      const doc = index.docs.get(id);
      if (!doc) continue;
      hits.push({
        id,
        slug: doc.slug,
        title: doc.title,
        snippet: makeSnippet(doc.text, r.terms, locale, locale === 'zh-CN' ? 100 : 160),
        locale,
        score: Math.round(r.score * 1000) / 1000,
      });
    }
    return hits;
  }
}
