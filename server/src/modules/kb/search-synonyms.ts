// Query-time synonyms. Each group of the lexicon is analysed once per index language: the phrases of
// every language become triggers, the phrases of the index's own language become the added terms.
// Expanding the query (rather than the documents) keeps the index small and lets the lexicon change
// without re-indexing.
import { analyze, type Locale } from './search-analyze.js';
import { SYNONYMS, type SynonymGroup } from './search-lexicon.js';

interface CompiledGroup {
  triggers: string[][];
  targets: string[];
}

const OWN: Record<Locale, keyof SynonymGroup> = { 'zh-CN': 'zh', 'id-ID': 'id', en: 'en' };
const compiled = new Map<Locale, CompiledGroup[]>();

function compile(locale: Locale): CompiledGroup[] {
  const groups: CompiledGroup[] = [];
  for (const g of SYNONYMS) {
    const triggers: string[][] = [];
    for (const lang of ['en', 'id', 'zh'] as const) {
      for (const phrase of g[lang]) {
        const terms = [...new Set(analyze(phrase, locale))];
        if (terms.length) triggers.push(terms);
      }
    }
    const targets = [...new Set(g[OWN[locale]].flatMap((p) => analyze(p, locale)))];
    groups.push({ triggers, targets });
  }
  return groups;
}

/** Terms to add to a query: those of every group one of whose phrases the query contains. */
export function expandSynonyms(queryTerms: readonly string[], locale: Locale): string[] {
  let groups = compiled.get(locale);
  if (!groups) {
    groups = compile(locale);
    compiled.set(locale, groups);
  }
  const have = new Set(queryTerms);
  const added = new Set<string>();
  for (const g of groups) {
    if (!g.triggers.some((t) => t.every((x) => have.has(x)))) continue;
    for (const t of g.targets) if (!have.has(t)) added.add(t);
  }
  return [...added];
}
