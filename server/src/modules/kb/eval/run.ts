// `npm run kb:eval`: prints the search evaluation as one JSON line (add --misses to list failures).
import { buildBundledIndex, evaluate, flatFigures, loadQueries } from './evaluate.js';

const index = await buildBundledIndex();
const queries = await loadQueries();
const report = evaluate(index, queries);
if (process.argv.includes('--misses')) {
  for (const m of report.misses) console.error(`${m.locale}\t${m.q}\texpected ${m.expected}\tgot ${m.got.join(', ')}`);
}
const mrr = Object.fromEntries(
  Object.entries(report.byLocale).map(([l, f]) => [`eval_mrr_${l.slice(0, 2)}`, f.mrr]),
);
console.log(JSON.stringify({ queries: queries.length, ...flatFigures(report), ...mrr }));
