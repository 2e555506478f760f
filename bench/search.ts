/**
 * Knowledge-base search benchmark. Builds an index of 10,000 articles (the bundled ones plus generated
 * variants across the three locales, from a fixed seed), runs a few thousand help-center queries against
 * it and prints one JSON line: build time, query latency percentiles, and the evaluation figures
 * (top-1 / top-3 per locale on the bundled articles, as shipped).
 * Options: SAPA_BENCH_ARTICLES (default 10000), SAPA_BENCH_QUERIES (default 3000), SAPA_BENCH_PROFILE (a file
 * to write a CPU profile of the query phase to, for chrome://inspect or speedscope).
 * Latency is wall-clock per query (p50_ms, p99_ms). On a busy shared machine those mostly measure the other
 * processes, so the line also has process CPU time per query (cpu_*) and the best of five runs of 500
 * queries (best_of_5_*), with the load average at the end of the run.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { BUNDLED_CONTENT_DIR, loadArticleFolder, toSearchableArticles } from '../server/src/modules/kb/content.js';
import { buildBundledIndex, evaluate, flatFigures, loadQueries } from '../server/src/modules/kb/eval/evaluate.js';
import { KnowledgeIndex, type Locale, type SearchableArticle } from '../server/src/modules/kb/search.js';
import { createRng } from '../nlu/src/rng.js';

const ARTICLES = Number(process.env.SAPA_BENCH_ARTICLES ?? 10_000);
const QUERIES = Number(process.env.SAPA_BENCH_QUERIES ?? 3_000);
const WARMUP = 200;
const SEED = 20261120;

const random = createRng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

// Vocabulary a real knowledge base grows: product, merchant, bank and place names, versions, amounts.
const SYLLABLES = ['ma', 'ju', 'sen', 'to', 'sa', 'ri', 'ba', 'ru', 'ka', 'ya', 'pa', 'da', 'ni', 'lo', 'wi', 'ra', 'ta', 'mu'];
const HAN_WORDS = ['商城', '超市', '便利店', '外卖', '话费', '电费', '水费', '机票', '酒店', '打车', '网购', '会员', '积分', '红包', '分期'];
function name(): string {
  let s = '';
  for (let i = 0, n = 2 + Math.floor(random() * 3); i < n; i++) s += pick(SYLLABLES);
  return s[0]!.toUpperCase() + s.slice(1);
}
function filler(locale: Locale): string {
  const amount = `Rp${(1 + Math.floor(random() * 500)) * 1000}`;
  const version = `${4 + Math.floor(random() * 3)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`;
  if (locale === 'zh-CN') return `在${name()}${pick(HAN_WORDS)}使用 ${amount} 时（App ${version}），请参考以下说明。`;
  if (locale === 'id-ID') return `Untuk transaksi ${amount} di ${name()} ${name()} (aplikasi ${version}), ikuti langkah berikut.`;
  return `When paying ${amount} at ${name()} ${name()} (app ${version}), follow the steps below.`;
}

function paragraphs(md: string): string[] {
  return md.split(/\n{2,}/).filter((p) => p.trim());
}

/** The bundled articles, then variants: paragraphs of a base article mixed with another's, plus new words. */
function corpus(real: SearchableArticle[], total: number): SearchableArticle[] {
  const docs = [...real];
  const byLocale = new Map<Locale, SearchableArticle[]>();
  for (const d of real) byLocale.set(d.locale, [...(byLocale.get(d.locale) ?? []), d]);
  const locales: Locale[] = ['zh-CN', 'id-ID', 'en'];
  for (let i = 0; docs.length < total; i++) {
    const locale = locales[i % 3]!;
    const pool = byLocale.get(locale)!;
    const base = pick(pool);
    const other = pick(pool);
    const own = paragraphs(base.body);
    const borrowed = paragraphs(other.body).filter(() => random() < 0.3);
    const body = [filler(locale), ...own.filter(() => random() < 0.8), ...borrowed, filler(locale)].join('\n\n');
    docs.push({
      id: `gen-${i}`,
      slug: `${base.slug}-v${i}`,
      locale,
      title: `${base.title} (${name()})`,
      description: base.description,
      body,
      tags: base.tags,
      category: base.category,
      visibility: random() < 0.05 ? 'internal' : 'public',
      updatedAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 700) * 86_400_000),
    });
  }
  return docs;
}

/** Fragments of titles with the slips people make: a dropped or swapped letter, lower case, extra words. */
function typo(word: string): string {
  if (word.length < 5 || /\p{Script=Han}/u.test(word)) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  return random() < 0.5 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}
function generatedQuery(doc: SearchableArticle): string {
  if (doc.locale === 'zh-CN') {
    const t = doc.title.replace(/[^\p{Script=Han}]/gu, '');
    const start = Math.floor(random() * Math.max(1, t.length - 4));
    return t.slice(start, start + 2 + Math.floor(random() * 5));
  }
  const words = doc.title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2);
  const start = Math.floor(random() * Math.max(1, words.length - 2));
  return words
    .slice(start, start + 1 + Math.floor(random() * 3))
    .map((w) => (random() < 0.2 ? typo(w) : w))
    .join(' ');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round2 = (x: number) => Math.round(x * 100) / 100;

const real = toSearchableArticles(await loadArticleFolder(BUNDLED_CONTENT_DIR));
const docs = corpus(real, ARTICLES);

const index = new KnowledgeIndex();
const t0 = performance.now();
for (const d of docs) index.upsert(d);
const buildMs = performance.now() - t0;

const evalQueries = await loadQueries();
const queries: Array<{ q: string; locale?: Locale }> = [];
while (queries.length < QUERIES) {
  const r = random();
  if (r < 0.5) {
    const e = pick(evalQueries);
    queries.push({ q: e.q, locale: e.locale });
  } else if (r < 0.6) {
    queries.push({ q: pick(evalQueries).q }); // no locale: the engine detects it
  } else {
    const d = pick(real);
    queries.push({ q: generatedQuery(d), locale: d.locale });
  }
}

const profileFile = process.env.SAPA_BENCH_PROFILE;
const session = profileFile ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const times: number[] = [];
const cpuTimes: number[] = [];
let hits = 0;
for (let i = 0; i < queries.length + WARMUP; i++) {
  const { q, locale } = queries[i % queries.length]!;
  const c = process.cpuUsage();
  const t = performance.now();
  const res = index.search(q, { locale, limit: 10 });
  const dt = performance.now() - t;
  const dc = process.cpuUsage(c);
  if (i >= WARMUP) {
    times.push(dt);
    cpuTimes.push((dc.user + dc.system) / 1000);
    if (res.length) hits++;
  }
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  await writeFile(profileFile!, JSON.stringify(profile));
  session.disconnect();
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);

// On a shared machine a single run mostly measures who else is running. The best of five runs of
// each of 500 queries estimates what the engine itself costs.
const bestTimes: number[] = [];
for (const { q, locale } of queries.slice(0, 500)) {
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    index.search(q, { locale, limit: 10 });
    best = Math.min(best, performance.now() - t);
  }
  bestTimes.push(best);
}
bestTimes.sort((a, b) => a - b);

const report = evaluate(await buildBundledIndex(), evalQueries);

// The same queries against the 10,000-article index: a variant of the expected article counts as it.
let top1At10k = 0;
let top3At10k = 0;
for (const e of evalQueries) {
  const slugs = index.search(e.q, { locale: e.locale, limit: 3 }).map((h) => h.slug.replace(/-v\d+$/, ''));
  if (slugs[0] === e.expected) top1At10k++;
  if (slugs.includes(e.expected)) top3At10k++;
}
console.log(
  JSON.stringify({
    articles: index.size,
    index_build_ms: Math.round(buildMs),
    queries: times.length,
    p50_ms: round2(percentile(times, 50)),
    p95_ms: round2(percentile(times, 95)),
    p99_ms: round2(percentile(times, 99)),
    max_ms: round2(times[times.length - 1]!),
    best_of_5_p50_ms: round2(percentile(bestTimes, 50)),
    best_of_5_p99_ms: round2(percentile(bestTimes, 99)),
    cpu_p50_ms: round2(percentile(cpuTimes, 50)),
    cpu_p99_ms: round2(percentile(cpuTimes, 99)),
    load_avg: round2(loadavg()[0]!),
    with_results: round2(hits / times.length),
    heap_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    eval_queries: evalQueries.length,
    ...flatFigures(report),
    eval_top1_at_10k: round2(top1At10k / evalQueries.length),
    eval_top3_at_10k: round2(top3At10k / evalQueries.length),
  }),
);
