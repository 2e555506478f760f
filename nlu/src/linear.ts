/**
 * Linear classifiers over sparse TF-IDF rows. Weights are stored feature-major ([feature][class], with a
 * final bias row) so that scoring a message touches one contiguous strip of memory per active feature.
 */
import type { CsrMatrix } from './features.js';
import { createRng, shuffleInPlace } from './rng.js';

export interface LinearWeights {
  /** (features + 1) x classes, feature-major; the last row is the bias. */
  weights: Float32Array;
  features: number;
  classes: number;
}

export function scoreSparse(
  model: LinearWeights,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const C = model.classes;
  const W = model.weights;
  const biasRow = model.features * C;
  for (let c = 0; c < C; c++) out[c] = W[biasRow + c];
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * C;
    const v = values[k];
    for (let c = 0; c < C; c++) out[c] += v * W[base + c];
  }
  return out;
}

export interface SvmOptions {
  /** Inverse regularisation strength. */
  cost: number;
  /** Stopping tolerance on the projected-gradient gap (LIBLINEAR's eps). */
  epsilon: number;
  maxIterations: number;
  /** Value of the constant bias feature. */
  bias: number;
  /** Reweights the positive and negative side of each one-vs-rest problem by inverse frequency. */
  balanced: boolean;
  seed: number;
}

/**
 * One-vs-rest L2-regularised squared-hinge SVMs solved in the dual by coordinate descent with shrinking
 * (Hsieh et al. 2008, the LIBLINEAR solver): a few passes over the data, no learning rate to tune.
 */
export function trainOvrSvm(X: CsrMatrix, labels: Int32Array, classes: number, options: SvmOptions): LinearWeights {
  const n = X.rows;
  const D = X.cols;
  const { indptr, indices, values } = X;
  const out = new Float32Array((D + 1) * classes);
  const w = new Float64Array(D + 1);
  const alpha = new Float64Array(n);
  const qd = new Float64Array(n);
  const index = new Int32Array(n);
  const y = new Int8Array(n);
  const sqNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = options.bias * options.bias;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) s += values[p] * values[p];
    sqNorm[i] = s;
  }
  const counts = new Int32Array(classes);
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  const rng = createRng(options.seed);

  for (let c = 0; c < classes; c++) {
    w.fill(0);
    alpha.fill(0);
    const pos = counts[c];
    const neg = n - pos;
    // Balanced costs keep a rare class from being swamped by the "rest" side.
    const costPos = options.balanced && pos > 0 ? (options.cost * n) / (2 * pos) : options.cost;
    const costNeg = options.balanced && neg > 0 ? (options.cost * n) / (2 * neg) : options.cost;
    const diagPos = 0.5 / costPos;
    const diagNeg = 0.5 / costNeg;
    for (let i = 0; i < n; i++) {
      y[i] = labels[i] === c ? 1 : -1;
      qd[i] = sqNorm[i] + (y[i] > 0 ? diagPos : diagNeg);
      index[i] = i;
    }
    let activeSize = n;
    let pgMaxOld = Infinity;
    let pgMinOld = -Infinity;
    for (let iter = 0; iter < options.maxIterations; iter++) {
      let pgMaxNew = -Infinity;
      let pgMinNew = Infinity;
      for (let s = activeSize - 1; s > 0; s--) {
        const j = Math.floor(rng() * (s + 1));
        const t = index[s];
        index[s] = index[j];
        index[j] = t;
      }
      for (let s = 0; s < activeSize; s++) {
        const i = index[s];
        const yi = y[i];
        let dot = w[D] * options.bias;
        const end = indptr[i + 1];
        for (let p = indptr[i]; p < end; p++) dot += w[indices[p]] * values[p];
        const G = yi * dot - 1 + alpha[i] * (yi > 0 ? diagPos : diagNeg);
        let pg = 0;
        if (alpha[i] === 0) {
          if (G > pgMaxOld) {
            // Shrinking: this example sits comfortably outside the margin; stop visiting it for now.
            activeSize--;
            index[s] = index[activeSize];
            index[activeSize] = i;
            s--;
            continue;
          } else if (G < 0) {
            pg = G;
          }
        } else {
          pg = G;
        }
        if (pg > pgMaxNew) pgMaxNew = pg;
        if (pg < pgMinNew) pgMinNew = pg;
        if (Math.abs(pg) > 1e-12) {
          const old = alpha[i];
          const next = Math.max(old - G / qd[i], 0);
          alpha[i] = next;
          const d = (next - old) * yi;
          for (let p = indptr[i]; p < end; p++) w[indices[p]] += d * values[p];
          w[D] += d * options.bias;
        }
      }
      if (pgMaxNew - pgMinNew <= options.epsilon) {
        if (activeSize === n) break;
        activeSize = n;
        pgMaxOld = Infinity;
        pgMinOld = -Infinity;
        continue;
      }
      pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
      pgMinOld = pgMinNew >= 0 ? -Infinity : pgMinNew;
    }
    void pgMinOld;
    for (let f = 0; f < D; f++) out[f * classes + c] = w[f];
    out[D * classes + c] = w[D] * options.bias;
  }
  return { weights: out, features: D, classes };
}

export interface SoftmaxOptions {
  /** L2 penalty per example. */
  lambda: number;
  epochs: number;
  learningRate: number;
  balanced: boolean;
  seed: number;
}

/**
 * Multinomial logistic regression trained by SGD with a decaying step and lazily applied L2 decay
 * (the weight vector is kept as scale * W so that decay costs O(1) per step).
 */
export function trainSoftmax(X: CsrMatrix, labels: Int32Array, classes: number, options: SoftmaxOptions): LinearWeights {
  const n = X.rows;
  const D = X.cols;
  const C = classes;
  const { indptr, indices, values } = X;
  const W = new Float64Array((D + 1) * C);
  let scale = 1;
  const scores = new Float64Array(C);
  const counts = new Int32Array(C);
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  const classWeight = new Float64Array(C).fill(1);
  if (options.balanced) for (let c = 0; c < C; c++) classWeight[c] = counts[c] > 0 ? n / (C * counts[c]) : 0;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = createRng(options.seed);
  const biasRow = D * C;
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, rng);
    for (let s = 0; s < n; s++) {
      const i = order[s];
      const eta = options.learningRate / (1 + options.learningRate * options.lambda * t);
      t++;
      const start = indptr[i];
      const end = indptr[i + 1];
      for (let c = 0; c < C; c++) scores[c] = W[biasRow + c];
      for (let p = start; p < end; p++) {
        const base = indices[p] * C;
        const v = values[p] * scale;
        for (let c = 0; c < C; c++) scores[c] += v * W[base + c];
      }
      const sum = exponentiate(scores, C);
      const yi = labels[i];
      const cw = classWeight[yi];
      // scores becomes the gradient of the loss w.r.t. the class scores.
      for (let c = 0; c < C; c++) scores[c] = (cw * (scores[c] / sum - (c === yi ? 1 : 0)));
      scale *= 1 - eta * options.lambda;
      if (scale < 1e-6) {
        for (let k = 0; k < biasRow; k++) W[k] *= scale;
        scale = 1;
      }
      const step = eta / scale;
      for (let p = start; p < end; p++) {
        const base = indices[p] * C;
        const v = values[p] * step;
        for (let c = 0; c < C; c++) W[base + c] -= v * scores[c];
      }
      for (let c = 0; c < C; c++) W[biasRow + c] -= eta * scores[c];
    }
  }
  const out = new Float32Array((D + 1) * C);
  for (let k = 0; k < biasRow; k++) out[k] = W[k] * scale;
  for (let c = 0; c < C; c++) out[biasRow + c] = W[biasRow + c];
  return { weights: out, features: D, classes: C };
}

/**
 * Nearest-centroid classifier (Rocchio): each class is the normalised mean of its TF-IDF rows, and the
 * score is the cosine with it. It needs no optimisation and is strong when a class has only a handful
 * of examples, which complements the discriminative members.
 */
export function trainCentroid(X: CsrMatrix, labels: Int32Array, classes: number): LinearWeights {
  const D = X.cols;
  const C = classes;
  const { indptr, indices, values } = X;
  const W = new Float64Array((D + 1) * C);
  for (let i = 0; i < X.rows; i++) {
    const c = labels[i];
    for (let p = indptr[i]; p < indptr[i + 1]; p++) W[indices[p] * C + c] += values[p];
  }
  const norms = new Float64Array(C);
  for (let f = 0; f < D; f++) for (let c = 0; c < C; c++) norms[c] += W[f * C + c] * W[f * C + c];
  const out = new Float32Array((D + 1) * C);
  for (let f = 0; f < D; f++) {
    for (let c = 0; c < C; c++) out[f * C + c] = norms[c] > 0 ? W[f * C + c] / Math.sqrt(norms[c]) : 0;
  }
  return { weights: out, features: D, classes: C };
}

/** Replaces the first `n` scores by exp(score - max), stably, and returns their sum: the softmax's numerators. */
export function exponentiate(scores: Float64Array, n: number): number {
  let max = -Infinity;
  for (let c = 0; c < n; c++) if (scores[c] > max) max = scores[c];
  let sum = 0;
  for (let c = 0; c < n; c++) {
    scores[c] = Math.exp(scores[c] - max);
    sum += scores[c];
  }
  return sum;
}
