/**
 * nlu command line:
 *   train          --train <csv> --out <model.json> [--shots N] [--seed N]
 *                  [--extra <csv>] [--test <csv> [--baseline <model.json>]]
 *   evaluate       --train <csv> --test <csv> [--shots N] [--seed N] [--threshold T]
 *   evaluate-jsonl [--model <model.json>] [--file <examples.jsonl>] [--threshold T]
 *   classify       [--model <model.json>] [--threshold T] <text...>
 * Every command prints exactly one JSON line on stdout.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateModel, loadPerCore, readLabelledFile, sampleShots, timeTraining, toExamples } from './evaluation.js';
import { detectLanguage, type Lang } from './lang.js';
import { round, score } from './metrics.js';
import { IntentModel, OUT_OF_SCOPE, type TrainOptions } from './model.js';
import { SHIPPED_MODEL_PATH } from './index.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_JSONL = process.env.SAPA_INTENT_EXAMPLES ?? resolve(REPO_ROOT, '../shared/examples/intent_examples.jsonl');

interface Args {
  command: string;
  flags: Map<string, string>;
  positional: string[];
}

function parseArgs(argv: string[]): Args {
  const [command = 'help', ...rest] = argv;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) flags.set(a.slice(2), rest[++i]);
      else flags.set(a.slice(2), 'true');
    } else {
      positional.push(a);
    }
  }
  return { command, flags, positional };
}

function required(flags: Map<string, string>, name: string): string {
  const v = flags.get(name);
  if (!v) throw new Error(`missing --${name}`);
  return v;
}

function numberFlag(flags: Map<string, string>, name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number`);
  return n;
}

function trainOptions(flags: Map<string, string>): TrainOptions {
  const seed = numberFlag(flags, 'seed');
  return seed === undefined ? {} : { seed };
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/**
 * `--extra`: more labelled rows (agents' corrections); a text also in `--train` takes the extra row's intent.
 * `--test`: the held-out rows the new model is scored on, and with `--baseline` the model in force too, so a caller can
 * decide whether to install it (the assistant's retraining does).
 */
async function trainCommand(flags: Map<string, string>): Promise<void> {
  let rows = await readLabelledFile(required(flags, 'train'));
  const shots = numberFlag(flags, 'shots');
  if (shots !== undefined) rows = sampleShots(rows, shots, 'seeded');
  const extraFile = flags.get('extra');
  const extra = extraFile ? await readLabelledFile(extraFile) : [];
  if (extra.length) {
    const corrected = new Set(extra.map((r) => r.text.trim().toLowerCase()));
    rows = [...rows.filter((r) => !corrected.has(r.text.trim().toLowerCase())), ...extra];
  }
  const { model, train_s, train_cpu_s } = timeTraining(toExamples(rows), trainOptions(flags));
  const out = required(flags, 'out');
  await model.save(out);
  const testFile = flags.get('test');
  const testRows = testFile ? await readLabelledFile(testFile) : [];
  const accuracyOf = (m: IntentModel) => evaluateModel(m, testRows, m.intents.includes(OUT_OF_SCOPE) ? m.threshold : 0).accuracy;
  const baselineFile = flags.get('baseline');
  print({
    out,
    examples: rows.length,
    extra_examples: extra.length,
    intents: model.intents.length,
    features: model.featureCount,
    train_s,
    train_cpu_s,
    ...(testFile ? { test_examples: testRows.length, accuracy: accuracyOf(model) } : {}),
    ...(testFile && baselineFile ? { baseline_accuracy: accuracyOf(await IntentModel.load(baselineFile)) } : {}),
  });
}

async function evaluateCommand(flags: Map<string, string>): Promise<void> {
  let trainRows = await readLabelledFile(required(flags, 'train'));
  const testRows = await readLabelledFile(required(flags, 'test'));
  const shots = numberFlag(flags, 'shots');
  if (shots !== undefined) trainRows = sampleShots(trainRows, shots, 'seeded');
  const { model, train_s, train_cpu_s } = timeTraining(toExamples(trainRows), trainOptions(flags));
  // Rejection only makes sense when the taxonomy has an out-of-scope class to be right about.
  const threshold = numberFlag(flags, 'threshold') ?? (model.intents.includes(OUT_OF_SCOPE) ? model.threshold : 0);
  const result = evaluateModel(model, testRows, threshold);
  const top1 = evaluateModel(model, testRows, 0);
  print({
    accuracy: result.accuracy,
    macro_f1: result.macro_f1,
    balanced_accuracy: result.balanced_accuracy,
    top1_accuracy: top1.accuracy,
    threshold,
    train_s,
    train_cpu_s,
    p99_ms: result.p99_ms,
    p50_ms: result.p50_ms,
    train_examples: trainRows.length,
    test_examples: testRows.length,
    shots: shots ?? null,
    load_per_core: loadPerCore(),
    ...perLanguage(testRows, result.predictions),
  });
}

/** Accuracy split by language (from a `lang` column when present, else detected). */
function perLanguage(rows: { text: string; category: string; lang?: string }[], predictions: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const lang of ['zh', 'id', 'en'] as Lang[]) {
    const idx = rows.map((r, i) => ((r.lang ?? detectLanguage(r.text)) === lang ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    out[`accuracy_${lang}`] = round(
      score(
        idx.map((i) => rows[i].category),
        idx.map((i) => predictions[i]),
      ).accuracy,
    );
  }
  return out;
}

async function evaluateJsonlCommand(flags: Map<string, string>): Promise<void> {
  const model = await IntentModel.load(flags.get('model') ?? SHIPPED_MODEL_PATH);
  const file = flags.get('file') ?? DEFAULT_JSONL;
  const rows = (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const d = JSON.parse(line) as { text: string; intent: string; lang?: string };
      return { text: d.text, category: d.intent, lang: d.lang };
    });
  const threshold = numberFlag(flags, 'threshold');
  const result = evaluateModel(model, rows, threshold);
  const top1 = evaluateModel(model, rows, 0);
  const langKnown = rows.filter((r) => r.lang);
  const langOk = langKnown.filter((r) => detectLanguage(r.text) === r.lang).length;
  print({
    file,
    accuracy: result.accuracy,
    macro_f1: result.macro_f1,
    balanced_accuracy: result.balanced_accuracy,
    top1_accuracy: top1.accuracy,
    threshold: threshold ?? model.threshold,
    p99_ms: result.p99_ms,
    n: rows.length,
    lang_detection_accuracy: langKnown.length ? round(langOk / langKnown.length) : null,
    ...perLanguage(rows, result.predictions),
  });
  if (flags.has('errors')) {
    rows.forEach((r, i) => {
      if (result.predictions[i] !== r.category) process.stderr.write(`${r.category}\t${result.predictions[i]}\t${r.text}\n`);
    });
  }
}

async function classifyCommand(flags: Map<string, string>, positional: string[]): Promise<void> {
  const model = await IntentModel.load(flags.get('model') ?? SHIPPED_MODEL_PATH);
  const result = model.classify(positional.join(' '), { threshold: numberFlag(flags, 'threshold') });
  print({ ...result, ranking: result.ranking.slice(0, 5) });
}

async function main(): Promise<void> {
  const { command, flags, positional } = parseArgs(process.argv.slice(2));
  switch (command) {
    case 'train':
      return trainCommand(flags);
    case 'evaluate':
      return evaluateCommand(flags);
    case 'evaluate-jsonl':
      return evaluateJsonlCommand(flags);
    case 'classify':
      return classifyCommand(flags, positional);
    default:
      process.stderr.write(
        'usage: nlu train --train <csv> --out <model.json> [--shots N] [--seed N] [--extra <csv>] [--test <csv> [--baseline <model.json>]]\n' +
          '       nlu evaluate --train <csv> --test <csv> [--shots N] [--seed N] [--threshold T]\n' +
          '       nlu evaluate-jsonl [--model <model.json>] [--file <jsonl>] [--threshold T] [--errors]\n' +
          '       nlu classify [--model <model.json>] [--threshold T] <text>\n',
      );
      process.exitCode = command === 'help' ? 0 : 2;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`nlu: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
