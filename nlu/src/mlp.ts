/**
 * A one-hidden-layer perceptron over the same sparse TF-IDF rows as the linear members: ReLU hidden
 * units, inverted dropout, softmax output, mini-batch Adam (lazy for the input layer: only the rows of
 * features present in a batch are updated, as in PyTorch's SparseAdam). It is the only non-linear member;
 * it cannot be folded into the linear matrix, so it is scored beside it (a sparse x dense product, then a
 * small dense one).
 */
import type { CsrMatrix } from './features.js';
import { exponentiate } from './linear.js';
import { createRng } from './rng.js';

export interface MlpWeights {
  features: number;
  hidden: number;
  classes: number;
  /** features x hidden, feature-major (one contiguous strip per active feature at serving time). */
  w1: Float32Array;
  b1: Float32Array;
  /** hidden x classes. */
  w2: Float32Array;
  b2: Float32Array;
}

export interface MlpOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  /** Share of hidden units dropped at each training step. */
  dropout: number;
  batchSize: number;
  seed: number;
  /** 'linear': no ReLU, a low-rank (factorised) softmax regression that folds into one linear matrix. */
  activation?: 'relu' | 'linear';
}

/** Adds the MLP's class scores (logits) to `out`, using `hidden` (length >= m.hidden) as scratch. */
export function scoreMlp(
  m: MlpWeights,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  hidden: Float64Array,
  out: Float64Array,
): Float64Array {
  const H = m.hidden;
  const C = m.classes;
  const { w1, b1, w2, b2 } = m;
  for (let j = 0; j < H; j++) hidden[j] = b1[j];
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * H;
    const v = values[k];
    for (let j = 0; j < H; j++) hidden[j] += v * w1[base + j];
  }
  for (let c = 0; c < C; c++) out[c] += b2[c];
  for (let j = 0; j < H; j++) {
    const h = hidden[j];
    if (h <= 0) continue;
    const base = j * C;
    for (let c = 0; c < C; c++) out[c] += h * w2[base + c];
  }
  return out;
}

export function trainMlp(X: CsrMatrix, labels: Int32Array, classes: number, o: MlpOptions): MlpWeights {
  const n = X.rows;
  const D = X.cols;
  const H = o.hidden;
  const C = classes;
  const { indptr, indices, values } = X;
  const rng = createRng(o.seed);
  // Glorot-uniform initialisation, seeded: same data + seed gives the same weights.
  const w1 = new Float32Array(D * H);
  const a1 = Math.sqrt(6 / (D + H));
  for (let k = 0; k < w1.length; k++) w1[k] = (rng() * 2 - 1) * a1;
  const w2 = new Float32Array(H * C);
  const a2 = Math.sqrt(6 / (H + C));
  for (let k = 0; k < w2.length; k++) w2[k] = (rng() * 2 - 1) * a2;
  const b1 = new Float32Array(H);
  const b2 = new Float32Array(C);

  // Adam moments; gradients of the input layer are accumulated only for the rows a batch touches.
  const m1 = new Float32Array(D * H);
  const v1 = new Float32Array(D * H);
  const g1 = new Float64Array(D * H);
  const m2 = new Float32Array(H * C);
  const v2 = new Float32Array(H * C);
  const g2 = new Float32Array(H * C);
  const mb1 = new Float32Array(H);
  const vb1 = new Float32Array(H);
  const gb1 = new Float64Array(H);
  const mb2 = new Float32Array(C);
  const vb2 = new Float32Array(C);
  const gb2 = new Float64Array(C);
  const stamp = new Int32Array(D).fill(-1);
  const touched = new Int32Array(D);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;

  const h = new Float64Array(H);
  const keep = new Float64Array(H);
  const p = new Float64Array(C);
  const dh = new Float64Array(H);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const keepScale = 1 / (1 - o.dropout);
  const linear = o.activation === 'linear';
  let step = 0;

  const adam = (w: Float32Array, m: Float32Array, v: Float32Array, g: ArrayLike<number>, from: number, to: number, lr: number): void => {
    for (let k = from; k < to; k++) {
      const gk = g[k];
      let mk = beta1 * m[k] + (1 - beta1) * gk;
      let vk = beta2 * v[k] + (1 - beta2) * gk * gk;
      // Flush to zero: Float32 subnormals can take a slow path on x86, and such tiny moments do nothing.
      if (mk < 1e-30 && mk > -1e-30) mk = 0;
      if (vk < 1e-30) vk = 0;
      m[k] = mk;
      v[k] = vk;
      w[k] -= (lr * mk) / (Math.sqrt(vk) + eps);
    }
  };

  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (let start = 0; start < n; start += o.batchSize) {
      const end = Math.min(n, start + o.batchSize);
      const inv = 1 / (end - start);
      let nTouched = 0;
      g2.fill(0);
      gb1.fill(0);
      gb2.fill(0);
      for (let s = start; s < end; s++) {
        const i = order[s];
        const from = indptr[i];
        const to = indptr[i + 1];
        for (let j = 0; j < H; j++) h[j] = b1[j];
        for (let q = from; q < to; q++) {
          const base = indices[q] * H;
          const x = values[q];
          for (let j = 0; j < H; j++) h[j] += x * w1[base + j];
        }
        for (let j = 0; j < H; j++) {
          // Inverted dropout: a unit is either zeroed or scaled up so that serving needs no rescaling.
          // (ReLU units draw from the RNG exactly as before the linear option; linear ones skip it without dropout.)
          keep[j] = (linear || h[j] > 0) && ((linear && o.dropout === 0) || rng() >= o.dropout) ? keepScale : 0;
          h[j] *= keep[j];
        }
        for (let c = 0; c < C; c++) p[c] = b2[c];
        for (let j = 0; j < H; j++) {
          const hj = h[j];
          if (hj === 0) continue;
          const base = j * C;
          for (let c = 0; c < C; c++) p[c] += hj * w2[base + c];
        }
        const sum = exponentiate(p, C);
        const y = labels[i];
        // p becomes dLoss/dlogits, averaged over the batch.
        for (let c = 0; c < C; c++) p[c] = (p[c] / sum - (c === y ? 1 : 0)) * inv;
        for (let c = 0; c < C; c++) gb2[c] += p[c];
        for (let j = 0; j < H; j++) {
          const base = j * C;
          let d = 0;
          if (h[j] !== 0) {
            const hj = h[j];
            for (let c = 0; c < C; c++) {
              g2[base + c] += hj * p[c];
              d += w2[base + c] * p[c];
            }
          }
          dh[j] = d * keep[j];
          gb1[j] += dh[j];
        }
        for (let q = from; q < to; q++) {
          const f = indices[q];
          const base = f * H;
          if (stamp[f] !== step) {
            stamp[f] = step;
            touched[nTouched++] = f;
            for (let j = 0; j < H; j++) g1[base + j] = 0;
          }
          const x = values[q];
          for (let j = 0; j < H; j++) g1[base + j] += x * dh[j];
        }
      }
      step++;
      // Bias correction folded into the step size.
      const lr = (o.learningRate * Math.sqrt(1 - Math.pow(beta2, step))) / (1 - Math.pow(beta1, step));
      for (let t = 0; t < nTouched; t++) {
        const base = touched[t] * H;
        adam(w1, m1, v1, g1, base, base + H, lr);
      }
      adam(w2, m2, v2, g2, 0, H * C, lr);
      adam(b1, mb1, vb1, gb1, 0, H, lr);
      adam(b2, mb2, vb2, gb2, 0, C, lr);
    }
  }
  return { features: D, hidden: H, classes: C, w1, b1, w2, b2 };
}

/** A linear-activation MLP as one linear matrix ((features + 1) x classes, feature-major, bias row last). */
export function foldLinearMlp(m: MlpWeights): { weights: Float32Array; features: number; classes: number } {
  const { features: D, hidden: H, classes: C, w1, b1, w2, b2 } = m;
  const out = new Float32Array((D + 1) * C);
  for (let f = 0; f < D; f++) {
    const base = f * H;
    for (let j = 0; j < H; j++) {
      const x = w1[base + j];
      if (x === 0) continue;
      const wb = j * C;
      for (let c = 0; c < C; c++) out[f * C + c] += x * w2[wb + c];
    }
  }
  for (let c = 0; c < C; c++) {
    let s = b2[c];
    for (let j = 0; j < H; j++) s += b1[j] * w2[j * C + c];
    out[D * C + c] = s;
  }
  return { weights: out, features: D, classes: C };
}
