// Query-time synonyms. Each group of the lexicon is analysed once per index language: the phrases of
// every language become triggers, the phrases of the index's own language become the added terms.
// Expanding the query (rather than the documents) keeps the index small and lets the lexicon change
// without re-indexing.
import { analyze, hasHan, NEGATIONS, normalize, type Locale } from './search-analyze.js';
import { SYNONYMS, type SynonymGroup } from './search-lexicon.js';

interface CompiledGroup {
  /** Chinese phrases, matched as substrings: Chinese has no spaces to split on. */
  hanTriggers: string[];
  /** Other phrases as analysed terms, matched when the query has all of them. */
  termTriggers: string[][];
  targets: string[];
}

const OWN: Record<Locale, keyof SynonymGroup> = { 'zh-CN': 'zh', 'id-ID': 'id', en: 'en' };
const compiled = new Map<Locale, CompiledGroup[]>();

/** Terms a phrase adds; a lone Han character split off a longer phrase (住 of 锁住) only adds noise. */
function targetTerms(phrase: string, locale: Locale): string[] {
  const terms = analyze(phrase, locale);
  // Without its negation "tidak berhasil" would add "hasil" (success); such phrases only trigger.
  if (terms.some((t) => NEGATIONS.has(t))) return [];
  return terms.length > 1 ? terms.filter((t) => !(hasHan(t) && t.length === 1)) : terms;
}

function compile(locale: Locale): CompiledGroup[] {
  return SYNONYMS.map((g) => {
    const hanTriggers: string[] = [];
    const termTriggers: string[][] = [];
    for (const lang of ['en', 'id', 'zh'] as const) {
      for (const phrase of g[lang]) {
        if (hasHan(phrase)) hanTriggers.push(normalize(phrase));
        else {
          const terms = [...new Set(analyze(phrase, locale))];
          // "not me" keeps only its negation once "me" is dropped: it would fire on every "can't".
          if (terms.some((t) => !NEGATIONS.has(t))) termTriggers.push(terms);
        }
      }
    }
    const targets = [...new Set(g[OWN[locale]].flatMap((p) => targetTerms(p, locale)))];
    return { hanTriggers, termTriggers, targets };
  });
}

/**
 * Terms to add to a query: those of every group one of whose phrases the query contains.
 * `normalizedQuery` is the query after `normalize`, `queryTerms` its analysed terms.
 */
export function expandSynonyms(normalizedQuery: string, queryTerms: readonly string[], locale: Locale): string[] {
  let groups = compiled.get(locale);
  if (!groups) {
    groups = compile(locale);
    compiled.set(locale, groups);
  }
  const have = new Set(queryTerms);
  const han = hasHan(normalizedQuery);
  const added = new Set<string>();
  for (const g of groups) {
    const hit =
      (han && g.hanTriggers.some((p) => normalizedQuery.includes(p))) ||
      g.termTriggers.some((t) => t.every((x) => have.has(x)));
    if (!hit) continue;
    for (const t of g.targets) if (!have.has(t)) added.add(t);
  }
  return [...added];
}
