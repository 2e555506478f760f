/**
 * Turns a message into a sparse TF-IDF vector made of two blocks:
 *  - words: stemmed word unigrams and bigrams (Chinese words from Intl.Segmenter),
 *  - characters: word-boundary-aware character n-grams of the normalised (unstemmed) Latin words, and
 *    character 1-3-grams of Chinese runs, which survive typos, slang spellings and segmentation errors.
 * Each block is L2-normalised and weighted, so neither drowns the other.
 */
import { detectLanguage, type Lang } from './lang.js';
import { latinTokens, normalizeText, splitScripts } from './normalize.js';
import { stemEnglish } from './stem-en.js';
import { stemIndonesian } from './stem-id.js';
import { hanConcepts, latinConcepts } from './lexicon.js';

export interface FeatureOptions {
  /** Largest word n-gram (1 or 2). */
  wordNgramMax: number;
  /** Character n-gram range for Latin words (padded with spaces at word boundaries). */
  charMin: number;
  charMax: number;
  /** Character n-gram range for runs of Chinese characters. */
  hanMin: number;
  hanMax: number;
  /** Terms seen in fewer training messages than this are dropped (separately per block). */
  minDfWord: number;
  minDfChar: number;
  wordWeight: number;
  charWeight: number;
  /** Weight of the concept block (thesaurus matches, see lexicon.ts); 0 leaves it out. */
  conceptWeight: number;
  /**
   * Weight of the concept-pair block: every unordered pair of distinct concepts in a message
   * ("k:card" and "k:receive" -> "q:card+receive"), conjunctions a linear model cannot form; 0 leaves it out.
   */
  conceptPairWeight?: number;
  /** Adds sentence-start/end markers to word bigrams ("<s> how", "card </s>"). */
  boundaryBigrams: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  wordNgramMax: 2,
  charMin: 2,
  charMax: 4,
  hanMin: 1,
  hanMax: 3,
  minDfWord: 1,
  minDfChar: 2,
  wordWeight: 1,
  charWeight: 1,
  conceptWeight: 0.5,
  conceptPairWeight: 0.8,
  boundaryBigrams: true,
};

export interface AnalyzedText {
  lang: Lang;
  /** Term -> count; keys start with "w:" (word block), "c:" (character block) or "k:" (concept block). */
  terms: Map<string, number>;
}

const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

function stemFor(lang: Lang, token: string): string[] {
  if (token.startsWith('_') || /\d/.test(token)) return [token];
  if (lang === 'id') return stemIndonesian(token);
  // Latin words inside Chinese text are overwhelmingly English product words (app, OTP, top up).
  return [stemEnglish(token)];
}

function addTerm(terms: Map<string, number>, key: string, weight = 1): void {
  terms.set(key, (terms.get(key) ?? 0) + weight);
}

// Slices UTF-16 code units rather than code points: it allocates far less on the hot path, and the rare
// astral character split in two still yields a consistent (if odd) feature at training and serving time.
function addCharNgrams(terms: Map<string, number>, padded: string, min: number, max: number): void {
  const key = 'c:' + padded;
  const len = padded.length;
  for (let n = min; n <= max; n++) {
    if (len < n) {
      // A short word still contributes itself once, like scikit-learn's char_wb.
      if (n === min) addTerm(terms, key);
      break;
    }
    for (let i = 0; i + n <= len; i++) addTerm(terms, 'c:' + padded.slice(i, i + n));
  }
}

export function analyze(text: string, options: FeatureOptions, lang: Lang = detectLanguage(text)): AnalyzedText {
  const terms = new Map<string, number>();
  const normalized = normalizeText(text);
  // The word sequence used for n-grams; alternates (ambiguous Indonesian stems) only as unigrams.
  const words: string[] = [];
  const concepts = options.conceptWeight > 0;
  const pairs = (options.conceptPairWeight ?? 0) > 0;
  const seen: string[] = [];
  const addConcept = (concept: string): void => {
    addTerm(terms, 'k:' + concept);
    if (pairs && !seen.includes(concept)) seen.push(concept);
  };
  for (const run of splitScripts(normalized)) {
    if (run.han) {
      for (const seg of zhSegmenter.segment(run.text)) {
        if (seg.isWordLike) words.push(seg.segment);
      }
      addCharNgrams(terms, run.text, options.hanMin, options.hanMax);
      if (concepts) hanConcepts(run.text, addConcept);
      continue;
    }
    const tokens = latinTokens(run.text);
    if (concepts) latinConcepts(tokens, addConcept);
    for (const token of tokens) {
      const stems = stemFor(lang, token);
      words.push(stems[0]);
      for (let k = 1; k < stems.length; k++) addTerm(terms, 'w:' + stems[k], 0.5);
      if (!token.startsWith('_')) addCharNgrams(terms, ` ${token} `, options.charMin, options.charMax);
      else addTerm(terms, 'c:' + token);
    }
  }
  if (pairs && seen.length > 1) {
    seen.sort();
    for (let a = 0; a < seen.length; a++) for (let b = a + 1; b < seen.length; b++) addTerm(terms, 'q:' + seen[a] + '+' + seen[b]);
  }
  for (const w of words) addTerm(terms, 'w:' + w);
  if (options.wordNgramMax >= 2) {
    for (let i = 0; i + 1 < words.length; i++) addTerm(terms, 'w:' + words[i] + ' ' + words[i + 1]);
    if (options.boundaryBigrams && words.length > 0) {
      addTerm(terms, 'w:<s> ' + words[0]);
      addTerm(terms, 'w:' + words[words.length - 1] + ' </s>');
    }
  }
  return { lang, terms };
}

/** 0 = word block, 1 = character block, 2 = concept block, 3 = concept-pair block. */
function blockOf(term: string): number {
  const code = term.charCodeAt(0);
  return code === 119 /* w */ ? 0 : code === 107 /* k */ ? 2 : code === 113 /* q */ ? 3 : 1;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Vocabulary with IDF weights; serialisable. */
export class Vectorizer {
  readonly index: Map<string, number>;
  constructor(
    readonly options: FeatureOptions,
    readonly vocabulary: string[],
    readonly idf: Float32Array,
  ) {
    this.index = new Map(vocabulary.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.vocabulary.length;
  }

  static fit(docs: readonly AnalyzedText[], options: FeatureOptions): Vectorizer {
    const df = new Map<string, number>();
    for (const doc of docs) for (const term of doc.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    // Sorted for a stable feature order whatever the insertion order was.
    const kept = [...df.entries()]
      .filter(([term, n]) => n >= (term.startsWith('c:') ? options.minDfChar : options.minDfWord))
      .map(([term]) => term)
      .sort();
    const n = docs.length;
    const idf = new Float32Array(kept.length);
    // Smoothed IDF as in scikit-learn: ln((1 + n) / (1 + df)) + 1.
    kept.forEach((term, i) => {
      idf[i] = Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1;
    });
    return new Vectorizer(options, kept, idf);
  }

  /** Sublinear TF x IDF, each block L2-normalised and weighted, then the whole vector L2-normalised. */
  transform(doc: AnalyzedText): SparseVector {
    const idx: number[] = [];
    const val: number[] = [];
    const blocks: number[] = [];
    const norms = [0, 0, 0, 0];
    for (const [term, count] of doc.terms) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const v = (1 + Math.log(count)) * this.idf[i];
      const b = blockOf(term);
      idx.push(i);
      val.push(v);
      blocks.push(b);
      norms[b] += v * v;
    }
    const weights = [this.options.wordWeight, this.options.charWeight, this.options.conceptWeight ?? 0, this.options.conceptPairWeight ?? 0];
    const scales = norms.map((n, b) => (n > 0 ? weights[b] / Math.sqrt(n) : 0));
    let total = 0;
    for (let k = 0; k < idx.length; k++) {
      val[k] *= scales[blocks[k]];
      total += val[k] * val[k];
    }
    const scale = total > 0 ? 1 / Math.sqrt(total) : 0;
    const values = new Float32Array(val.length);
    for (let k = 0; k < val.length; k++) values[k] = val[k] * scale;
    return { indices: Int32Array.from(idx), values };
  }
}

/** Rows of sparse vectors packed in compressed sparse row form for the trainers. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function toCsr(vectors: readonly SparseVector[], cols: number): CsrMatrix {
  let nnz = 0;
  for (const v of vectors) nnz += v.indices.length;
  const indptr = new Int32Array(vectors.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let p = 0;
  vectors.forEach((v, r) => {
    indices.set(v.indices, p);
    values.set(v.values, p);
    p += v.indices.length;
    indptr[r + 1] = p;
  });
  return { rows: vectors.length, cols, indptr, indices, values };
}
