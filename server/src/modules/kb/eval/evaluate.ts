// The search evaluation: hand-written help-center queries with the article a person would want,
// scored as top-1 / top-3 accuracy per locale. Shared by the test, `npm run kb:eval` and the bench.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BUNDLED_CONTENT_DIR, loadArticleFolder, toSearchableArticles } from '../content.js';
import { KnowledgeIndex, type Locale } from '../search.js';

export const QUERIES_FILE = fileURLToPath(new URL('./queries.jsonl', import.meta.url));

const EvalQuery = z.object({
  q: z.string().min(1),
  locale: z.enum(['zh-CN', 'id-ID', 'en']),
  expected: z.string().min(1),
});
export type EvalQuery = z.infer<typeof EvalQuery>;

export interface LocaleFigures {
  queries: number;
  top1: number;
  top3: number;
  mrr: number;
}
export interface EvalReport {
  byLocale: Record<Locale, LocaleFigures>;
  misses: Array<EvalQuery & { got: string[] }>;
}

export async function loadQueries(file = QUERIES_FILE): Promise<EvalQuery[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.flatMap((line, i) => {
    if (!line.trim()) return [];
    const parsed = EvalQuery.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
    return [parsed.data];
  });
}

/** An index of the bundled articles, every locale. */
export async function buildBundledIndex(): Promise<KnowledgeIndex> {
  const index = new KnowledgeIndex();
  for (const doc of toSearchableArticles(await loadArticleFolder(BUNDLED_CONTENT_DIR))) index.upsert(doc);
  return index;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Runs every query in its locale (as the help center does) and scores the ranking. */
export function evaluate(index: KnowledgeIndex, queries: readonly EvalQuery[]): EvalReport {
  const acc = {} as Record<Locale, { n: number; top1: number; top3: number; rr: number }>;
  const misses: EvalReport['misses'] = [];
  for (const q of queries) {
    const a = (acc[q.locale] ??= { n: 0, top1: 0, top3: 0, rr: 0 });
    const got = index.search(q.q, { locale: q.locale, limit: 10 }).map((h) => h.slug);
    const rank = got.indexOf(q.expected);
    a.n++;
    if (rank === 0) a.top1++;
    if (rank >= 0 && rank < 3) a.top3++;
    if (rank >= 0) a.rr += 1 / (rank + 1);
    if (rank !== 0) misses.push({ ...q, got: got.slice(0, 3) });
  }
  const byLocale = {} as Record<Locale, LocaleFigures>;
  for (const locale of ['zh-CN', 'id-ID', 'en'] as const) {
    const a = acc[locale] ?? { n: 0, top1: 0, top3: 0, rr: 0 };
    const n = Math.max(1, a.n);
    byLocale[locale] = { queries: a.n, top1: round(a.top1 / n), top3: round(a.top3 / n), mrr: round(a.rr / n) };
  }
  return { byLocale, misses };
}

/** The flat figures printed by `kb:eval` and merged into the bench line. */
export function flatFigures(report: EvalReport): Record<string, number> {
  const short: Record<Locale, string> = { 'zh-CN': 'zh', 'id-ID': 'id', en: 'en' };
  const out: Record<string, number> = {};
  for (const [locale, f] of Object.entries(report.byLocale) as Array<[Locale, LocaleFigures]>) {
    out[`eval_top1_${short[locale]}`] = f.top1;
    out[`eval_top3_${short[locale]}`] = f.top3;
  }
  return out;
}
