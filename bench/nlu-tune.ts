/**
 * Option search for the intent engine WITHOUT touching the BANKING77 test split: the 80% training part
 * of bench/nlu.ts is split again 80/20 (another seed) into inner-train / validation, and every variant
 * is scored there, full data and 10-shot (first 10 per intent in file order, plus a seeded draw).
 * Usage: npx tsx bench/nlu-tune.ts '{"svmCost":2}' '{"features":{"conceptWeight":1}}' …
 * (each argument is a JSON TrainOptions; '{}' is the default). Prints one JSON line per variant.
 * TUNE_SKIP_FULL=1 scores 10-shot only, TUNE_SKIP_FEW=1 full data only; TUNE_SAPA=1 uses sapa-train.csv.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateModel, readLabelledFile, sampleShots, stratifiedSplit, timeTraining, toExamples } from '../nlu/src/evaluation.js';
import type { TrainOptions } from '../nlu/src/model.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = process.env.SAPA_BANKING77_CSV ?? resolve(REPO_ROOT, '../shared/data/banking77/train.csv');
const SPLIT_SEED = 20240601; // same outer split as bench/nlu.ts; its test part is never read here
// TUNE_INNER_SEED draws another inner split of the same training part, to check a choice is not one split's luck.
const INNER_SEED = Number(process.env.TUNE_INNER_SEED ?? 4242);

async function main(): Promise<void> {
  // TUNE_SAPA=1: Sapa's own training file instead (its test file is never read here either); the file is
  // ordered by language, so its 10-shot draws are all seeded.
  const sapa = process.env.TUNE_SAPA === '1';
  const outer = sapa
    ? await readLabelledFile(resolve(REPO_ROOT, 'nlu/data/sapa-train.csv'))
    : stratifiedSplit(await readLabelledFile(DATA), 0.2, SPLIT_SEED).train;
  const { train, test: val } = stratifiedSplit(outer, 0.2, INNER_SEED);
  const skipFull = process.env.TUNE_SKIP_FULL === '1';
  const skipFew = process.env.TUNE_SKIP_FEW === '1';
  const variants = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['{}'];
  for (const v of variants) {
    const options = JSON.parse(v) as TrainOptions;
    const out: Record<string, unknown> = { variant: v };
    if (!skipFull) {
      const full = timeTraining(toExamples(train), options);
      out.full = evaluateModel(full.model, val, 0).accuracy;
      out.full_cpu_s = full.train_cpu_s;
      out.full_members = full.model.meta.members;
      out.full_scales = full.model.meta.memberScales;
    }
    const shots: number[] = [];
    const draws = sapa
      ? ([['seeded', 1], ['seeded', 2], ['seeded', 3], ['seeded', 4]] as const)
      : ([['first', 13], ['seeded', 1], ['seeded', 2]] as const);
    for (const [mode, seed] of skipFew ? [] : draws) {
      const few = timeTraining(toExamples(sampleShots(train, 10, mode, seed)), options);
      shots.push(evaluateModel(few.model, val, 0).accuracy);
    }
    if (!skipFew) {
      out.shot10 = shots;
      out.shot10_mean = Number((shots.reduce((a, b) => a + b, 0) / shots.length).toFixed(4));
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`nlu-tune: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
