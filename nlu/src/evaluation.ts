/** Dataset helpers and the evaluation loop shared by the CLI, the benchmark and the tests. */
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { parseLabelledCsv, type LabelledRow } from './csv.js';
import { percentile, round, score } from './metrics.js';
import { IntentModel, type TrainingExample } from './model.js';
import { createRng, shuffleInPlace } from './rng.js';

export async function readLabelledFile(file: string): Promise<LabelledRow[]> {
  return parseLabelledCsv(await readFile(file, 'utf8'));
}

export function toExamples(rows: readonly LabelledRow[]): TrainingExample[] {
  return rows.map((r) => ({ text: r.text, intent: r.category }));
}

function groupByCategory<T extends { category: string }>(rows: readonly T[]): Map<string, number[]> {
  const byClass = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const list = byClass.get(r.category);
    if (list) list.push(i);
    else byClass.set(r.category, [i]);
  });
  return byClass;
}

/** Stratified split with a fixed seed; both parts keep file order. */
export function stratifiedSplit<T extends { category: string }>(rows: readonly T[], testFraction: number, seed: number): { train: T[]; test: T[] } {
  const rng = createRng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const [, idx] of [...groupByCategory(rows).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const shuffled = [...idx];
    shuffleInPlace(shuffled, rng);
    const k = Math.round(shuffled.length * testFraction);
    test.push(...shuffled.slice(0, k));
    train.push(...shuffled.slice(k));
  }
  const byOrder = (a: number, b: number): number => a - b;
  return { train: train.sort(byOrder).map((i) => rows[i]), test: test.sort(byOrder).map((i) => rows[i]) };
}

/**
 * N examples per class. `first` takes them in file order (the BANKING77 few-shot convention); `seeded`
 * draws a reproducible random sample (better when a file is ordered by language or source).
 */
export function sampleShots<T extends { category: string }>(rows: readonly T[], shots: number, mode: 'first' | 'seeded', seed = 13): T[] {
  const keep = new Set<number>();
  const rng = createRng(seed);
  for (const [, idx] of [...groupByCategory(rows).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pool = [...idx];
    if (mode === 'seeded') shuffleInPlace(pool, rng);
    for (const i of pool.slice(0, shots)) keep.add(i);
  }
  return rows.filter((_, i) => keep.has(i));
}

export interface EvaluationResult {
  accuracy: number;
  macro_f1: number;
  balanced_accuracy: number;
  p99_ms: number;
  p50_ms: number;
  n: number;
  predictions: string[];
}

/**
 * Classifies every row, timing each call. The first pass warms up the JIT so that p99 reflects steady
 * state serving, not compilation.
 */
export function evaluateModel(model: IntentModel, rows: readonly LabelledRow[], threshold?: number): EvaluationResult {
  for (const r of rows.slice(0, 200)) model.classify(r.text, { threshold });
  const predictions: string[] = [];
  const times: number[] = [];
  for (const r of rows) {
    const t0 = performance.now();
    const result = model.classify(r.text, { threshold });
    times.push(performance.now() - t0);
    predictions.push(result.intent);
  }
  const s = score(
    rows.map((r) => r.category),
    predictions,
  );
  return {
    accuracy: round(s.accuracy),
    macro_f1: round(s.macro_f1),
    balanced_accuracy: round(s.balanced_accuracy),
    p99_ms: round(percentile(times, 99), 3),
    p50_ms: round(percentile(times, 50), 3),
    n: rows.length,
    predictions,
  };
}

/**
 * Trains and reports wall-clock seconds and CPU seconds of this process: on a shared machine the wall
 * clock also counts time spent waiting for other people's jobs, the CPU time does not.
 */
export function timeTraining(
  examples: TrainingExample[],
  options: Parameters<typeof IntentModel.train>[1],
): { model: IntentModel; train_s: number; train_cpu_s: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const model = IntentModel.train(examples, options);
  const cpu = process.cpuUsage(c0);
  return { model, train_s: round((performance.now() - t0) / 1000, 2), train_cpu_s: round((cpu.user + cpu.system) / 1e6, 2) };
}

/** One-minute load average per core when a figure was taken, so that timings can be judged. */
export function loadPerCore(): number {
  return round(loadavg()[0] / Math.max(1, availableParallelism()), 2);
}
