import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEW_SHOT_MLP_MEMBERS, IntentModel, type TrainingExample } from './index.js';
import { labelText } from './model.js';
import { analyze, DEFAULT_FEATURES } from './features.js';
import { createRng, shuffleInPlace } from './rng.js';

// A tiny multilingual task: enough signal for the tests to be about the machinery, not the data.
const base: [string, string][] = [
  ['topup failed, money not in balance', 'topup_failed'],
  ['top up via BCA belum masuk', 'topup_failed'],
  ['isi saldo gagal tp rekening kepotong', 'topup_failed'],
  ['充值失败了，钱没到账', 'topup_failed'],
  ['my top up is stuck on pending', 'topup_failed'],
  ['充值一直处理中', 'topup_failed'],
  ['i want to talk to a human agent', 'human_agent'],
  ['sambungin ke CS manusia dong', 'human_agent'],
  ['我要转人工客服', 'human_agent'],
  ['connect me to a real person', 'human_agent'],
  ['mau ngomong sama orang beneran', 'human_agent'],
  ['请帮我转真人', 'human_agent'],
  ['what is the weather tomorrow', 'out_of_scope'],
  ['ceritain lelucon dong', 'out_of_scope'],
  ['明天天气怎么样', 'out_of_scope'],
  ['tell me a joke', 'out_of_scope'],
  ['resep nasi goreng', 'out_of_scope'],
  ['推荐一部电影', 'out_of_scope'],
];
const examples: TrainingExample[] = base.map(([text, intent]) => ({ text, intent }));

describe('IntentModel', () => {
  it('classifies, with a calibrated ranking over every intent', () => {
    const model = IntentModel.train(examples, { seed: 1 });
    expect(model.intents).toEqual(['human_agent', 'out_of_scope', 'topup_failed']);
    const result = model.classify('top up saya gagal', { threshold: 0 });
    expect(result.intent).toBe('topup_failed');
    expect(result.lang).toBe('id');
    expect(result.ranking.map((r) => r.intent).sort()).toEqual(model.intents);
    const total = result.ranking.reduce((s, r) => s + r.confidence, 0);
    expect(total).toBeCloseTo(1, 6);
    for (let i = 1; i < result.ranking.length; i++) {
      expect(result.ranking[i - 1].confidence).toBeGreaterThanOrEqual(result.ranking[i].confidence);
    }
    expect(result.confidence).toBe(result.ranking[0].confidence);
  });

  it('is deterministic: same data and seed give byte-identical models', () => {
    const a = JSON.stringify(IntentModel.train(examples, { seed: 42 }).toJSON());
    const b = JSON.stringify(IntentModel.train(examples, { seed: 42 }).toJSON());
    expect(a).toBe(b);
    const shuffled = JSON.stringify(IntentModel.train(examples, { seed: 43 }).toJSON());
    expect(typeof shuffled).toBe('string');
  });

  it('survives a save/load round trip with the same answers', async () => {
    const model = IntentModel.train(examples, { seed: 3 });
    const dir = await mkdtemp(join(tmpdir(), 'sapa-nlu-'));
    try {
      const file = join(dir, 'model.json');
      await model.save(file);
      const loaded = await IntentModel.load(file);
      expect(loaded.intents).toEqual(model.intents);
      expect(loaded.threshold).toBe(model.threshold);
      for (const text of ['充值没到账', 'human please', 'cuaca hari ini', 'saldo gw blm nambah abis topup']) {
        const x = model.classify(text);
        const y = loaded.classify(text);
        expect(y.intent).toBe(x.intent);
        expect(y.confidence).toBeCloseTo(x.confidence, 3);
      }
      const fromJson = IntentModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expect(fromJson.classify('我要转人工').intent).toBe(model.classify('我要转人工').intent);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects low-confidence text as out_of_scope, with a tunable threshold', () => {
    const model = IntentModel.train(examples, { seed: 5, threshold: 0.3 });
    // Not "top up failed": that is the intent's own name, a pseudo-example the model is certain of.
    const strict = model.classify('saldo belum masuk', { threshold: 0.999 });
    expect(strict.intent).toBe('out_of_scope');
    expect(strict.ranking[0].intent).toBe('topup_failed');
    const lax = model.classify('saldo belum masuk', { threshold: 0 });
    expect(lax.intent).toBe('topup_failed');
    // Nothing recognisable at all: out of scope whatever the threshold.
    expect(model.classify('', { threshold: 0 }).intent).toBe('out_of_scope');
    expect(model.classify('!!!', { threshold: 0 }).intent).toBe('out_of_scope');
  });

  it('rejects a corrupt model file', () => {
    expect(() => IntentModel.fromJSON({ format: 'other' })).toThrow();
    const json = IntentModel.train(examples, { seed: 1 }).toJSON();
    expect(() => IntentModel.fromJSON({ ...json, intents: ['a'] })).toThrow();
  });

  it('switches to few-shot features when intents have few examples, unless told not to', () => {
    // 6 examples per intent: word bigrams off, character and thesaurus blocks weighted up.
    const few = IntentModel.train(examples, { seed: 1 }).toJSON();
    expect(few.features.wordNgramMax).toBe(1);
    expect(few.features.conceptWeight).toBeCloseTo(0.8);
    const plain = IntentModel.train(examples, { seed: 1, fewShotFeatures: null }).toJSON();
    expect(plain.features.wordNgramMax).toBe(2);
    const small = IntentModel.train(examples, { seed: 1, fewShotMaxPerClass: 5 }).toJSON();
    expect(small.features.wordNgramMax).toBe(2);
  });

  it('adds seeded MLPs in few-shot mode, persisted as one deterministic network', () => {
    const opts = { seed: 1, fewShotMembers: FEW_SHOT_MLP_MEMBERS, mlpGuard: false };
    const few = IntentModel.train(examples, opts).toJSON();
    expect(few.meta.members).toBe('svm+softmax+mlp+mlp+mlp');
    expect(few.mlp?.hidden).toBe(3 * 128);
    expect(JSON.stringify(IntentModel.train(examples, opts).toJSON())).toBe(JSON.stringify(few));
    expect(IntentModel.train(examples, { seed: 1, fewShotMembers: ['svm', 'softmax'] }).toJSON().mlp).toBeUndefined();
    expect(IntentModel.train(examples, { ...opts, fewShotFeatures: null }).toJSON().mlp).toBeUndefined();
    // The loaded network gives the same probabilities as the trained one, up to 16-bit rounding.
    const model = IntentModel.train(examples, opts);
    const loaded = IntentModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const a = model.probabilities('充值一直没到账');
    const b = loaded.probabilities('充值一直没到账');
    a.forEach((p, c) => expect(b[c]).toBeCloseTo(p, 3));
  });

  it('keeps few-shot MLPs only when the held-out part says they help', () => {
    // The intent is the XOR of two words' presence, which no bag-of-words linear model can learn and a
    // hidden layer can; filler words make every message distinct.
    const fillers = ['quid', 'zorp', 'melk', 'trab', 'vosh', 'nirl', 'gemp', 'larb', 'fusk', 'dwob'];
    const rng = createRng(11);
    const xor: TrainingExample[] = [];
    for (let i = 0; i < 240; i++) {
      const a = i % 2 === 1;
      const b = i % 4 >= 2;
      const words = [fillers[Math.floor(rng() * 10)], fillers[Math.floor(rng() * 10)]];
      if (a) words.push('alpha');
      if (b) words.push('bravo');
      shuffleInPlace(words, rng);
      xor.push({ text: words.join(' '), intent: a !== b ? 'mixed' : 'matched' });
    }
    // Few-shot mode forced on, so that the guard (not the full member search) decides.
    const opts = { seed: 2, fewShotMaxPerClass: 1000, labelExamples: 0, fewShotLabelExamples: 0, fewShotMlpEpochs: 60 };
    expect(IntentModel.train(xor, opts).meta.members).toBe('svm+softmax+mlp+mlp+mlp');
    // MLPs trained to be wrong (a negative step climbs the loss) score worse than the linear pair: dropped.
    const wrong = { ...opts, mlpLearningRate: -0.01 };
    expect(IntentModel.train(xor, wrong).meta.members).toBe('svm+softmax');
    expect(IntentModel.train(xor, { ...wrong, mlpGuard: false }).meta.members).toBe('svm+softmax+mlp+mlp+mlp');
  });

  it('turns intent ids into pseudo-example text, kept out of calibration and recorded in meta', () => {
    expect(labelText('card_arrival')).toBe('card arrival');
    expect(labelText('lostOrStolen-card')).toBe('lost or stolen card');
    const json = IntentModel.train(examples, { seed: 1 }).toJSON();
    expect(json.meta.examples).toBe(examples.length);
    expect(json.meta.labelExamples).toBe(1);
    expect(IntentModel.train(examples, { seed: 1, fewShotLabelExamples: 0 }).toJSON().meta.labelExamples).toBeUndefined();
  });
});

describe('concept pairs', () => {
  it('adds one feature per unordered pair of distinct concepts', () => {
    const terms = [...analyze('my refund failed', DEFAULT_FEATURES, 'en').terms.keys()];
    expect(terms).toContain('q:fail+refund');
    const off = [...analyze('my refund failed', { ...DEFAULT_FEATURES, conceptPairWeight: 0 }, 'en').terms.keys()];
    expect(off.some((t) => t.startsWith('q:'))).toBe(false);
  });
});
