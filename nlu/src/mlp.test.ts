import { describe, expect, it } from 'vitest';
import { toCsr } from './features.js';
import { scoreMlp, trainMlp } from './mlp.js';

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
});
