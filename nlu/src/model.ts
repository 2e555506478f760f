/**
 * The intent model: TF-IDF features, an ensemble of linear classifiers merged into one weight matrix,
 * a softmax whose temperature is fitted on held-out data, and a confidence threshold for out-of-scope.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { detectLanguage, type Lang } from './lang.js';
import { analyze, DEFAULT_FEATURES, toCsr, Vectorizer, type AnalyzedText, type FeatureOptions } from './features.js';
import { scoreSparse, trainCentroid, trainOvrSvm, trainSoftmax, type LinearWeights } from './linear.js';
import { foldLinearMlp, scoreMlp, trainMlp, type MlpWeights } from './mlp.js';
import { createRng, shuffleInPlace } from './rng.js';

export interface IntentScore {
  intent: string;
  confidence: number;
}

export interface Classification {
  intent: string;
  confidence: number;
  lang: Lang;
  ranking: IntentScore[];
}

export interface TrainingExample {
  text: string;
  intent: string;
}

export type MemberKind = 'svm' | 'softmax' | 'centroid' | 'mlp' | 'lowrank';

export interface TrainOptions {
  /** Seed for every random choice (shuffles, calibration split); same data + seed = same model. */
  seed?: number;
  features?: Partial<FeatureOptions>;
  /** Members of the ensemble (a kind may repeat, each copy seeded apart); calibrated scores are summed. */
  members?: readonly MemberKind[];
  /** SVM inverse regularisation. */
  svmCost?: number;
  /** Softmax regression L2 penalty and epochs. */
  softmaxLambda?: number;
  softmaxEpochs?: number;
  /** The MLP member: hidden units, epochs, Adam step size, dropout, mini-batch size. */
  mlpHidden?: number;
  mlpEpochs?: number;
  mlpLearningRate?: number;
  mlpDropout?: number;
  mlpBatchSize?: number;
  /**
   * Without member selection (a small held-out part), keep the MLP members only when the held-out
   * accuracy with them is at least that of the linear members alone.
   */
  mlpGuard?: boolean;
  /**
   * Keep only the subset of members that scores best on the held-out part (ties go to lower
   * log-loss); the choice is data-driven, so one default suits both small and large training sets.
   */
  selectMembers?: boolean;
  /** Share of the data held out to fit the softmax temperature (0 disables calibration). */
  calibrationFraction?: number;
  /** Default out-of-scope threshold stored in the model. */
  threshold?: number;
  /** Name of the rejection intent. */
  outOfScopeIntent?: string;
  /**
   * Feature options used instead of the defaults when the median intent has at most
   * `fewShotMaxPerClass` examples (explicit `features` still win); null disables the switch.
   */
  fewShotFeatures?: Partial<FeatureOptions> | null;
  fewShotMaxPerClass?: number;
  /**
   * Copies of each intent's own name ("card_arrival" -> "card arrival") added as pseudo-examples of that
   * intent (never of the out-of-scope intent, never held out for calibration); 0 disables.
   */
  labelExamples?: number;
  /** Same, used instead when the few-shot switch is on. */
  fewShotLabelExamples?: number;
  /** Members and MLP epochs used instead when the few-shot switch is on. */
  fewShotMembers?: readonly MemberKind[];
  fewShotMlpEpochs?: number;
  /**
   * The low-rank member: a fastText-like factorised softmax regression (features -> `lowrankDim` linear
   * units -> intents, Adam, like the MLP but without ReLU), folded into the linear matrix after training.
   */
  lowrankDim?: number;
  lowrankEpochs?: number;
  lowrankDropout?: number;
  lowrankLearningRate?: number;
}

export const OUT_OF_SCOPE = 'out_of_scope';
/** The default few-shot members: three seeded MLPs beside the linear pair (the MLPs behind `mlpGuard`). */
export const FEW_SHOT_MLP_MEMBERS: readonly MemberKind[] = ['svm', 'softmax', 'mlp', 'mlp', 'mlp'];
const MAX_CLASSIFY_CHARS = 2000;

const DEFAULTS = {
  seed: 7,
  /**
   * Full data: the SVM plus the low-rank member (a 64-dimensional factorised softmax regression, folded
   * into the same linear matrix, so serving is unchanged). On five inner validation splits of BANKING77's
   * training part it beat the SVM alone on every one (+0.25 to +0.81 points, mean +0.49; round 11 in the
   * README). Before round 11 the SVM alone, which had beaten the calibrated SVM + softmax pair.
   */
  members: ['svm', 'lowrank'] as MemberKind[],
  svmCost: 5,
  softmaxLambda: 3e-5,
  softmaxEpochs: 12,
  mlpHidden: 128,
  mlpEpochs: 6,
  mlpLearningRate: 2e-3,
  mlpDropout: 0.5,
  mlpBatchSize: 32,
  lowrankDim: 64,
  lowrankEpochs: 8,
  lowrankLearningRate: 2e-3,
  lowrankDropout: 0,
  /**
   * With 10 examples per intent three MLPs raise BANKING77 (validation 0.7808 -> 0.7969) but lower Sapa's
   * own multilingual data (inner split 0.7226 -> 0.7018); the held-out guard keeps them on the former in
   * every draw measured and drops them on the latter in every draw (README). On full data they did not
   * beat the linear pair and cost most of the training time, so they are few-shot only.
   */
  mlpGuard: true,
  fewShotMembers: FEW_SHOT_MLP_MEMBERS,
  fewShotMlpEpochs: 20,
  calibrationFraction: 0.15,
  threshold: 0.3,
  /**
   * Member selection on the 15% hold-out is opt-in since round 11: on BANKING77 it kept svm + lowrank on
   * every split anyway, and on Sapa's data (whose hold-out shares message cores with the fitting part) it
   * kept the low-rank member alone, a tie on the inner split that lost to the pair on sapa-test (README).
   */
  selectMembers: false,
  /**
   * Chosen on a validation split inside BANKING77's training part (never its test part), 10 examples per
   * intent: word bigrams seen once or twice are noise rather than evidence, and the character and
   * thesaurus blocks carry more of the generalisation (+2.1 points there; see README).
   */
  fewShotFeatures: { wordNgramMax: 1, charWeight: 1.4, conceptWeight: 0.8 } as Partial<FeatureOptions>,
  fewShotMaxPerClass: 20,
  /** One pseudo-example per intent name: validation 10-shot +0.6, full +0.1 (README). */
  labelExamples: 1,
  fewShotLabelExamples: 1,
};

interface ModelJson {
  format: 'sapa-nlu';
  version: 1;
  intents: string[];
  outOfScopeIntent: string;
  threshold: number;
  features: FeatureOptions;
  vocabulary: string[];
  /** base64 of a Float32Array. */
  idf: string;
  /** base64 of an Int16Array; real weight = q * weightScale. Feature-major with a final bias row. */
  weights: string;
  weightScale: number;
  /** The MLP member, when the model has one: matrices as base64 Int16 + scale, biases as base64 Float32. */
  mlp?: { hidden: number; w1: string; w1Scale: number; b1: string; w2: string; w2Scale: number; b2: string };
  meta: Record<string, string | number>;
}

/** 16-bit quantisation with one scale per matrix; the rounding error (max/65534) does not move predictions. */
function quantize(w: Float32Array): { q: Int16Array; scale: number } {
  let maxAbs = 0;
  for (let j = 0; j < w.length; j++) maxAbs = Math.max(maxAbs, Math.abs(w[j]));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const q = new Int16Array(w.length);
  for (let j = 0; j < w.length; j++) q[j] = Math.round(w[j] / scale);
  return { q, scale };
}

function dequantize(text: string, scale: number): Float32Array {
  const q = fromBase64(text, (b) => new Int16Array(b));
  const w = new Float32Array(q.length);
  for (let j = 0; j < q.length; j++) w[j] = q[j] * scale;
  return w;
}

function toBase64(array: Float32Array | Int16Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64<T extends Float32Array | Int16Array>(text: string, make: (buf: ArrayBuffer) => T): T {
  const buf = Buffer.from(text, 'base64');
  // Copy into a fresh, aligned ArrayBuffer: Buffer pools may be unaligned for typed-array views.
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return make(copy);
}

function softmaxInPlace(scores: Float64Array, temperature: number): void {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) if (scores[c] > max) max = scores[c];
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp((scores[c] - max) * temperature);
    sum += scores[c];
  }
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
}

/** Mean negative log-likelihood of the gold labels under softmax(scale * scores). */
function nll(scores: Float64Array[], gold: Int32Array, scale: number): number {
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    let max = -Infinity;
    for (let c = 0; c < s.length; c++) if (s[c] * scale > max) max = s[c] * scale;
    let sum = 0;
    for (let c = 0; c < s.length; c++) sum += Math.exp(s[c] * scale - max);
    total += Math.log(sum) + max - s[gold[i]] * scale;
  }
  return total / Math.max(1, scores.length);
}

function heldAccuracy(scores: Float64Array[], gold: Int32Array): number {
  let correct = 0;
  scores.forEach((s, i) => {
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
    if (best === gold[i]) correct++;
  });
  return correct / Math.max(1, scores.length);
}

/** Temperature (as a multiplier of the scores) minimising held-out NLL: golden-section search on log scale. */
export function fitTemperature(scores: Float64Array[], gold: Int32Array): number {
  if (scores.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(200);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(scores, gold, Math.exp(a));
  let fb = nll(scores, gold, Math.exp(b));
  for (let k = 0; k < 60; k++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(scores, gold, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(scores, gold, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

interface Resolved {
  seed: number;
  features: FeatureOptions;
  members: readonly MemberKind[];
  svmCost: number;
  softmaxLambda: number;
  softmaxEpochs: number;
  mlp: { hidden: number; epochs: number; learningRate: number; dropout: number; batchSize: number };
  mlpGuard: boolean;
  lowrank: { hidden: number; epochs: number; learningRate: number; dropout: number; batchSize: number };
  calibrationFraction: number;
  threshold: number;
  outOfScopeIntent: string;
  selectMembers: boolean;
  labelExamples: number;
}

/** An intent id as words: "card_arrival" -> "card arrival", "lostOrStolen" -> "lost or stolen". */
export function labelText(intent: string): string {
  return intent
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-./:]+/g, ' ')
    .trim()
    .toLowerCase();
}

function resolve(options: TrainOptions = {}, medianPerClass = Infinity): Resolved {
  const fewShot = options.fewShotFeatures === undefined ? DEFAULTS.fewShotFeatures : options.fewShotFeatures;
  const fewShotMax = options.fewShotMaxPerClass ?? DEFAULTS.fewShotMaxPerClass;
  // The few-shot switch: on when the median intent has few examples, unless switched off with `null`.
  const isFew = fewShot !== null && medianPerClass <= fewShotMax;
  return {
    labelExamples: isFew
      ? options.fewShotLabelExamples ?? DEFAULTS.fewShotLabelExamples
      : options.labelExamples ?? DEFAULTS.labelExamples,
    seed: options.seed ?? DEFAULTS.seed,
    features: { ...DEFAULT_FEATURES, ...(isFew ? fewShot : {}), ...options.features },
    members: (isFew ? options.fewShotMembers ?? options.members ?? DEFAULTS.fewShotMembers : options.members) ?? DEFAULTS.members,
    svmCost: options.svmCost ?? DEFAULTS.svmCost,
    softmaxLambda: options.softmaxLambda ?? DEFAULTS.softmaxLambda,
    softmaxEpochs: options.softmaxEpochs ?? DEFAULTS.softmaxEpochs,
    mlp: {
      hidden: options.mlpHidden ?? DEFAULTS.mlpHidden,
      epochs: (isFew ? options.fewShotMlpEpochs ?? DEFAULTS.fewShotMlpEpochs : options.mlpEpochs) ?? DEFAULTS.mlpEpochs,
      learningRate: options.mlpLearningRate ?? DEFAULTS.mlpLearningRate,
      dropout: options.mlpDropout ?? DEFAULTS.mlpDropout,
      batchSize: options.mlpBatchSize ?? DEFAULTS.mlpBatchSize,
    },
    mlpGuard: options.mlpGuard ?? DEFAULTS.mlpGuard,
    lowrank: {
      hidden: options.lowrankDim ?? DEFAULTS.lowrankDim,
      epochs: options.lowrankEpochs ?? DEFAULTS.lowrankEpochs,
      learningRate: options.lowrankLearningRate ?? DEFAULTS.lowrankLearningRate,
      dropout: options.lowrankDropout ?? DEFAULTS.lowrankDropout,
      batchSize: options.mlpBatchSize ?? DEFAULTS.mlpBatchSize,
    },
    calibrationFraction: options.calibrationFraction ?? DEFAULTS.calibrationFraction,
    threshold: options.threshold ?? DEFAULTS.threshold,
    outOfScopeIntent: options.outOfScopeIntent ?? OUT_OF_SCOPE,
    selectMembers: options.selectMembers ?? DEFAULTS.selectMembers,
  };
}

type Member = { kind: 'linear'; w: LinearWeights } | { kind: 'mlp'; w: MlpWeights };

interface FittedMembers {
  vectorizer: Vectorizer;
  members: Member[];
}

function fitMembers(docs: AnalyzedText[], labels: Int32Array, classes: number, o: Resolved, use: boolean[]): FittedMembers {
  // Character n-grams seen once are mostly typos of one message; drop them when there is data to spare.
  const features = docs.length >= 2000 ? o.features : { ...o.features, minDfChar: 1 };
  const vectorizer = Vectorizer.fit(docs, features);
  const X = toCsr(
    docs.map((d) => vectorizer.transform(d)),
    vectorizer.size,
  );
  // Members left out by selection get an empty placeholder; seeds stay tied to the member's position.
  const members = o.members.map((kind, k): Member =>
    kind === 'mlp' && use[k]
      ? { kind: 'mlp', w: trainMlp(X, labels, classes, { ...o.mlp, seed: o.seed + k }) }
      : { kind: 'linear', w: fitLinear(kind, k) },
  );
  return { vectorizer, members };

  function fitLinear(kind: MemberKind, k: number): LinearWeights {
    return !use[k] || kind === 'mlp'
      ? { weights: new Float32Array(0), features: 0, classes }
      : kind === 'centroid'
      ? trainCentroid(X, labels, classes)
      : kind === 'lowrank'
      ? foldLinearMlp(trainMlp(X, labels, classes, { ...o.lowrank, seed: o.seed + k, activation: 'linear' }))
      : kind === 'svm'
      ? trainOvrSvm(X, labels, classes, {
          cost: o.svmCost,
          epsilon: 0.1,
          maxIterations: 300,
          bias: 1,
          balanced: false,
          seed: o.seed + k,
        })
      : trainSoftmax(X, labels, classes, {
          lambda: o.softmaxLambda,
          epochs: o.softmaxEpochs,
          learningRate: 0.5,
          balanced: true,
          seed: o.seed + k,
        });
  }
}

function memberScores(fitted: FittedMembers, docs: AnalyzedText[], member: number): Float64Array[] {
  const m = fitted.members[member];
  const hidden = new Float64Array(m.kind === 'mlp' ? m.w.hidden : 0);
  return docs.map((d) => {
    const v = fitted.vectorizer.transform(d);
    const out = new Float64Array(m.w.classes);
    return m.kind === 'mlp' ? scoreMlp(m.w, v.indices, v.values, hidden, out) : scoreSparse(m.w, v.indices, v.values, out);
  });
}

/** Stratified split: about `fraction` of every class with at least 3 examples goes to the held-out part. */
function stratifiedHoldout(labels: Int32Array, classes: number, fraction: number, seed: number): { fit: number[]; held: number[] } {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((c, i) => byClass[c].push(i));
  const rng = createRng(seed ^ 0x5eed);
  const fit: number[] = [];
  const held: number[] = [];
  for (const idx of byClass) {
    shuffleInPlace(idx, rng);
    const k = idx.length >= 3 ? Math.max(1, Math.round(idx.length * fraction)) : 0;
    held.push(...idx.slice(0, k));
    fit.push(...idx.slice(k));
  }
  return { fit: fit.sort((a, b) => a - b), held: held.sort((a, b) => a - b) };
}

/**
 * Several MLPs side by side are one wider MLP: hidden units concatenated, output weights stacked and
 * output biases summed; so an ensemble of them costs one model at serving time.
 */
function concatMlps(parts: MlpWeights[]): MlpWeights {
  if (parts.length === 1) return parts[0];
  const { features: D, classes: C } = parts[0];
  const H = parts.reduce((sum, p) => sum + p.hidden, 0);
  const w1 = new Float32Array(D * H);
  const b1 = new Float32Array(H);
  const w2 = new Float32Array(H * C);
  const b2 = new Float32Array(C);
  let offset = 0;
  for (const p of parts) {
    for (let f = 0; f < D; f++) w1.set(p.w1.subarray(f * p.hidden, (f + 1) * p.hidden), f * H + offset);
    b1.set(p.b1, offset);
    w2.set(p.w2, offset * C);
    for (let c = 0; c < C; c++) b2[c] += p.b2[c];
    offset += p.hidden;
  }
  return { features: D, hidden: H, classes: C, w1, b1, w2, b2 };
}

export class IntentModel {
  readonly intents: string[];
  private readonly scratch: Float64Array;
  private readonly hiddenScratch: Float64Array;

  private constructor(
    intents: string[],
    private readonly vectorizer: Vectorizer,
    private readonly linear: LinearWeights,
    /** The non-linear member, its output already scaled by its calibration; null when not used. */
    private readonly mlp: MlpWeights | null,
    /** Default out-of-scope threshold on the top confidence. */
    public threshold: number,
    readonly outOfScopeIntent: string,
    readonly meta: Record<string, string | number>,
  ) {
    this.intents = intents;
    this.scratch = new Float64Array(intents.length);
    this.hiddenScratch = new Float64Array(mlp ? mlp.hidden : 0);
  }

  /** Size of the feature vocabulary. */
  get featureCount(): number {
    return this.vectorizer.size;
  }

  static train(examples: readonly TrainingExample[], options: TrainOptions = {}): IntentModel {
    if (examples.length === 0) throw new Error('no training examples');
    const intents = [...new Set(examples.map((e) => e.intent))].sort();
    if (intents.length < 2) throw new Error('need at least two intents');
    const intentIndex = new Map(intents.map((name, i) => [name, i]));
    const perClass = new Array<number>(intents.length).fill(0);
    for (const e of examples) perClass[intentIndex.get(e.intent) ?? 0]++;
    perClass.sort((a, b) => a - b);
    const o = resolve(options, perClass[Math.floor((perClass.length - 1) / 2)]);
    // Pseudo-examples from the intent names; they always stay in the fitting part.
    const pseudo: TrainingExample[] = [];
    for (const intent of intents) {
      if (intent === o.outOfScopeIntent) continue;
      const text = labelText(intent);
      if (text) for (let r = 0; r < o.labelExamples; r++) pseudo.push({ text, intent });
    }
    const nReal = examples.length;
    const all = pseudo.length > 0 ? [...examples, ...pseudo] : examples;
    const labels = Int32Array.from(all.map((e) => intentIndex.get(e.intent) ?? 0));
    const realLabels = labels.subarray(0, nReal);
    // Languages are detected exactly as at classification time so that training and serving features agree.
    const docs = all.map((e) => analyze(e.text, o.features, detectLanguage(e.text)));
    const C = intents.length;

    // 1) Fit on part of the data and learn, on the rest, how sharp each member's scores should be.
    const memberScale = new Float64Array(o.members.length).fill(1);
    const use = o.members.map(() => true);
    let temperature = 1;
    if (o.calibrationFraction > 0 && o.members.length > 0) {
      const { fit, held } = stratifiedHoldout(realLabels, C, o.calibrationFraction, o.seed);
      for (let i = nReal; i < docs.length; i++) fit.push(i);
      if (held.length > 0 && fit.length > 0) {
        const fitted = fitMembers(
          fit.map((i) => docs[i]),
          Int32Array.from(fit.map((i) => labels[i])),
          C,
          o,
          use,
        );
        const heldDocs = held.map((i) => docs[i]);
        const heldGold = Int32Array.from(held.map((i) => labels[i]));
        const perMember = o.members.map((_, k) => memberScores(fitted, heldDocs, k));
        perMember.forEach((scores, k) => {
          memberScale[k] = fitTemperature(scores, heldGold);
        });
        const combine = (mask: number): Float64Array[] =>
          heldDocs.map((_, i) => {
            const z = new Float64Array(C);
            perMember.forEach((scores, k) => {
              if (mask & (1 << k)) for (let c = 0; c < C; c++) z[c] += memberScale[k] * scores[i][c];
            });
            return z;
          });
        const full = (1 << o.members.length) - 1;
        let best = { mask: full, accuracy: -1, loss: Infinity, temperature: 1 };
        // Selection needs a held-out part big enough to tell members apart; with a few examples per
        // class (few-shot) the full ensemble is the safer bet, except that MLP members must still beat
        // the linear ones alone on the held-out part (they help some few-shot data and hurt other).
        const select = o.selectMembers && held.length >= 300;
        const linearMask = o.members.reduce((mask, kind, k) => (kind === 'mlp' ? mask : mask | (1 << k)), 0);
        const candidates = select
          ? Array.from({ length: full }, (_, i) => i + 1)
          : o.mlpGuard && linearMask !== 0 && linearMask !== full
          ? [linearMask, full]
          : [full];
        for (const mask of candidates) {
          const z = combine(mask);
          const t = fitTemperature(z, heldGold);
          const accuracy = heldAccuracy(z, heldGold);
          const loss = nll(z, heldGold, t);
          if (accuracy > best.accuracy + 1e-12 || (Math.abs(accuracy - best.accuracy) <= 1e-12 && loss < best.loss)) {
            best = { mask, accuracy, loss, temperature: t };
          }
        }
        temperature = best.temperature;
        o.members.forEach((_, k) => {
          use[k] = (best.mask & (1 << k)) !== 0;
        });
      }
    }

    // 2) Refit on everything and fold the calibrated members into one weight matrix (all are linear).
    const fitted = fitMembers(docs, labels, C, o, use);
    const D = fitted.vectorizer.size;
    const merged = new Float32Array((D + 1) * C);
    const mlps: MlpWeights[] = [];
    fitted.members.forEach((m, k) => {
      if (!use[k]) return;
      const s = memberScale[k] * temperature;
      if (m.kind === 'mlp') {
        // The output layer is linear in its weights, so the calibration scale folds into them too.
        mlps.push({ ...m.w, w2: m.w.w2.map((x) => x * s), b2: m.w.b2.map((x) => x * s) });
        return;
      }
      for (let j = 0; j < merged.length; j++) merged[j] += s * m.w.weights[j];
    });
    const mlp = mlps.length > 0 ? concatMlps(mlps) : null;
    return new IntentModel(
      intents,
      fitted.vectorizer,
      { weights: merged, features: D, classes: C },
      mlp,
      o.threshold,
      o.outOfScopeIntent,
      {
        examples: examples.length,
        ...(pseudo.length > 0 ? { labelExamples: o.labelExamples } : {}),
        seed: o.seed,
        members: o.members.filter((_, k) => use[k]).join('+'),
        temperature: Number(temperature.toFixed(4)),
        memberScales: Array.from(memberScale, (x) => x.toFixed(4)).join(','),
      },
    );
  }

  /** Probabilities for every intent, in the order of `intents`. */
  probabilities(text: string, lang: Lang = detectLanguage(text)): Float64Array {
    const doc = analyze(text, this.vectorizer.options, lang);
    const v = this.vectorizer.transform(doc);
    const out = new Float64Array(this.intents.length);
    scoreSparse(this.linear, v.indices, v.values, out);
    if (this.mlp) scoreMlp(this.mlp, v.indices, v.values, this.hiddenScratch, out);
    softmaxInPlace(out, 1);
    return out;
  }

  classify(input: string, options: { threshold?: number; lang?: Lang } = {}): Classification {
    // A support message's intent is in its opening; capping the length bounds latency on pasted essays.
    const text = input.length > MAX_CLASSIFY_CHARS ? input.slice(0, MAX_CLASSIFY_CHARS) : input;
    const lang = options.lang ?? detectLanguage(text);
    const doc = analyze(text, this.vectorizer.options, lang);
    const v = this.vectorizer.transform(doc);
    const p = scoreSparse(this.linear, v.indices, v.values, this.scratch);
    if (this.mlp) scoreMlp(this.mlp, v.indices, v.values, this.hiddenScratch, p);
    softmaxInPlace(p, 1);
    const ranking: IntentScore[] = this.intents.map((intent, c) => ({ intent, confidence: p[c] }));
    // Ties broken by name so that the ranking is stable.
    ranking.sort((a, b) => b.confidence - a.confidence || (a.intent < b.intent ? -1 : 1));
    const top = ranking[0];
    const threshold = options.threshold ?? this.threshold;
    // Nothing to classify (empty text, only punctuation) or not confident enough: out of scope.
    if (v.indices.length === 0 || top.confidence < threshold) {
      return { intent: this.outOfScopeIntent, confidence: v.indices.length === 0 ? 1 : 1 - top.confidence, lang, ranking };
    }
    return { intent: top.intent, confidence: top.confidence, lang, ranking };
  }

  toJSON(): ModelJson {
    // 16-bit quantisation halves the file.
    const { q, scale: weightScale } = quantize(this.linear.weights);
    let mlp: ModelJson['mlp'];
    if (this.mlp) {
      const w1 = quantize(this.mlp.w1);
      const w2 = quantize(this.mlp.w2);
      mlp = {
        hidden: this.mlp.hidden,
        w1: toBase64(w1.q),
        w1Scale: w1.scale,
        b1: toBase64(this.mlp.b1),
        w2: toBase64(w2.q),
        w2Scale: w2.scale,
        b2: toBase64(this.mlp.b2),
      };
    }
    return {
      format: 'sapa-nlu',
      version: 1,
      intents: this.intents,
      outOfScopeIntent: this.outOfScopeIntent,
      threshold: this.threshold,
      features: this.vectorizer.options,
      vocabulary: this.vectorizer.vocabulary,
      idf: toBase64(this.vectorizer.idf),
      weights: toBase64(q),
      weightScale,
      ...(mlp ? { mlp } : {}),
      meta: this.meta,
    };
  }

  static fromJSON(json: unknown): IntentModel {
    const m = json as Partial<ModelJson>;
    if (!m || m.format !== 'sapa-nlu' || m.version !== 1) throw new Error('not a sapa-nlu model (format/version)');
    if (!Array.isArray(m.intents) || !Array.isArray(m.vocabulary) || typeof m.idf !== 'string' || typeof m.weights !== 'string') {
      throw new Error('corrupt sapa-nlu model');
    }
    const idf = fromBase64(m.idf, (b) => new Float32Array(b));
    const weights = dequantize(m.weights, m.weightScale ?? 1);
    const C = m.intents.length;
    const D = m.vocabulary.length;
    if (idf.length !== D || weights.length !== (D + 1) * C) throw new Error('sapa-nlu model has inconsistent sizes');
    const vectorizer = new Vectorizer({ ...DEFAULT_FEATURES, ...m.features }, m.vocabulary, idf);
    let mlp: MlpWeights | null = null;
    if (m.mlp) {
      const H = m.mlp.hidden;
      mlp = {
        features: D,
        hidden: H,
        classes: C,
        w1: dequantize(m.mlp.w1, m.mlp.w1Scale),
        b1: fromBase64(m.mlp.b1, (b) => new Float32Array(b)),
        w2: dequantize(m.mlp.w2, m.mlp.w2Scale),
        b2: fromBase64(m.mlp.b2, (b) => new Float32Array(b)),
      };
      if (mlp.w1.length !== D * H || mlp.b1.length !== H || mlp.w2.length !== H * C || mlp.b2.length !== C) {
        throw new Error('sapa-nlu model has inconsistent MLP sizes');
      }
    }
    return new IntentModel(
      m.intents,
      vectorizer,
      { weights, features: D, classes: C },
      mlp,
      m.threshold ?? DEFAULTS.threshold,
      m.outOfScopeIntent ?? OUT_OF_SCOPE,
      m.meta ?? {},
    );
  }

  async save(file: string): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(this.toJSON()) + '\n');
  }

  static async load(file: string): Promise<IntentModel> {
    return IntentModel.fromJSON(JSON.parse(await readFile(file, 'utf8')));
  }
}
