import { describe, expect, it } from 'vitest';
import { toCsr } from './features.js';
import { foldLinearMlp, scoreMlp, trainMlp } from './mlp.js';
import { scoreSparse } from './linear.js';

// Features 0 and 1 (plus an always-on feature 2); the class is their XOR, which no linear model can learn.
const rows = [
  [[2], 0],
  [[0, 2], 1],
  [[1, 2], 1],
  [[0, 1, 2], 0],
] as const;

describe('trainMlp', () => {
  it('learns a non-linear rule and is deterministic for a seed', () => {
    const X = toCsr(
      rows.map(([idx]) => ({ indices: Int32Array.from(idx), values: Float32Array.from(idx, () => 1) })),
      3,
    );
    const labels = Int32Array.from(rows.map(([, y]) => y));
    const options = { hidden: 16, epochs: 300, learningRate: 0.01, dropout: 0, batchSize: 2, seed: 3 };
    const m = trainMlp(X, labels, 2, options);
    const hidden = new Float64Array(m.hidden);
    for (const [idx, y] of rows) {
      const out = scoreMlp(m, idx, Array.from(idx, () => 1), hidden, new Float64Array(2));
      expect(out[y]).toBeGreaterThan(out[1 - y]);
    }
    const again = trainMlp(X, labels, 2, options);
    expect(Buffer.from(again.w1.buffer).equals(Buffer.from(m.w1.buffer))).toBe(true);
    expect(Buffer.from(again.w2.buffer).equals(Buffer.from(m.w2.buffer))).toBe(true);
  });

  it('folds a linear-activation network (the low-rank member) into one linear matrix', () => {
    const X = toCsr(
      rows.map(([idx]) => ({ indices: Int32Array.from(idx), values: Float32Array.from(idx, () => 0.5) })),
      3,
    );
    const labels = Int32Array.from(rows.map(([, y]) => y));
    const m = trainMlp(X, labels, 2, { hidden: 4, epochs: 20, learningRate: 0.01, dropout: 0, batchSize: 2, seed: 5, activation: 'linear' });
    const folded = foldLinearMlp(m);
    for (const [idx] of rows) {
      const values = Array.from(idx, () => 0.5);
      // The network's own output: hidden = b1 + x W1 (no ReLU), logits = b2 + hidden W2.
      const hidden = Array.from(m.b1);
      idx.forEach((f, k) => hidden.forEach((_, j) => (hidden[j] += values[k] * m.w1[f * m.hidden + j])));
      const direct = [0, 1].map((c) => m.b2[c] + hidden.reduce((sum, h, j) => sum + h * m.w2[j * 2 + c], 0));
      const viaFold = scoreSparse(folded, idx, values, new Float64Array(2));
      for (const c of [0, 1]) expect(viaFold[c]).toBeCloseTo(direct[c], 5);
    }
  });
});
