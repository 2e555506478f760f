/** Classification metrics shared by the CLI, the benchmark and the tests. */

export interface Scores {
  accuracy: number;
  macro_f1: number;
  /** Mean recall per gold label: the accuracy expected on a test set with every label equally frequent. */
  balanced_accuracy: number;
}

export function score(gold: readonly string[], predicted: readonly string[]): Scores {
  if (gold.length !== predicted.length) throw new Error('gold and predicted differ in length');
  const labels = [...new Set(gold)].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i];
    const p = predicted[i];
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fn.set(g, (fn.get(g) ?? 0) + 1);
      fp.set(p, (fp.get(p) ?? 0) + 1);
    }
  }
  // Macro-F1 over the gold label set, as scikit-learn does with labels=gold classes.
  let f1Sum = 0;
  let recallSum = 0;
  for (const label of labels) {
    const t = tp.get(label) ?? 0;
    const precisionDen = t + (fp.get(label) ?? 0);
    const recallDen = t + (fn.get(label) ?? 0);
    const precision = precisionDen ? t / precisionDen : 0;
    const recall = recallDen ? t / recallDen : 0;
    recallSum += recall;
    f1Sum += precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return {
    accuracy: gold.length ? correct / gold.length : 0,
    macro_f1: labels.length ? f1Sum / labels.length : 0,
    balanced_accuracy: labels.length ? recallSum / labels.length : 0,
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
