/**
 * English stemmer: the Porter2 ("English Snowball") algorithm, written out so that the engine has no
 * runtime dependency. It folds "charged", "charges", "charging" to one feature, which matters most when
 * an intent has only a handful of examples.
 */

const EXCEPTIONS: Record<string, string> = {
  skis: 'ski',
  skies: 'sky',
  dying: 'die',
  lying: 'lie',
  tying: 'tie',
  idly: 'idl',
  gently: 'gentl',
  ugly: 'ugli',
  early: 'earli',
  only: 'onli',
  singly: 'singl',
  sky: 'sky',
  news: 'news',
  howe: 'howe',
  atlas: 'atlas',
  cosmos: 'cosmos',
  bias: 'bias',
  andes: 'andes',
};

const INVARIANT_AFTER_1A = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);

function isVowel(ch: string): boolean {
  return ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u' || ch === 'y';
}

const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const LI_ENDING = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);

function regionAfterVowelConsonant(word: string, start: number): number {
  for (let i = start + 1; i < word.length; i++) {
    if (!isVowel(word[i]) && isVowel(word[i - 1])) return i + 1;
  }
  return word.length;
}

function endsWithShortSyllable(word: string): boolean {
  const n = word.length;
  if (n === 2) return isVowel(word[0]) && !isVowel(word[1]);
  if (n >= 3) {
    const c = word[n - 1];
    return !isVowel(word[n - 3]) && isVowel(word[n - 2]) && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y';
  }
  return false;
}

function containsVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isVowel(s[i])) return true;
  return false;
}

const STEP2: [string, string][] = [
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['tional', 'tion'],
  ['biliti', 'ble'],
  ['lessli', 'less'],
  ['entli', 'ent'],
  ['ation', 'ate'],
  ['alism', 'al'],
  ['aliti', 'al'],
  ['ousli', 'ous'],
  ['iviti', 'ive'],
  ['fulli', 'ful'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['abli', 'able'],
  ['izer', 'ize'],
  ['ator', 'ate'],
  ['alli', 'al'],
  ['bli', 'ble'],
  ['ogi', 'og'],
  ['li', ''],
];

const STEP3: [string, string][] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['alize', 'al'],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ative', ''],
  ['ical', 'ic'],
  ['ness', ''],
  ['ful', ''],
];

const STEP4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic'];

const cache = new Map<string, string>();

export function stemEnglish(input: string): string {
  const cached = cache.get(input);
  if (cached !== undefined) return cached;
  const out = stemUncached(input);
  // Bounded cache: the vocabulary of support messages is small, but guard against unbounded growth.
  if (cache.size > 50000) cache.clear();
  cache.set(input, out);
  return out;
}

function stemUncached(input: string): string {
  let word = input;
  if (word.length <= 2) return word;
  const exception = EXCEPTIONS[word];
  if (exception) return exception;
  if (word[0] === "'") word = word.slice(1);
  // Mark consonant-y so that it is not treated as a vowel.
  if (word[0] === 'y') word = 'Y' + word.slice(1);
  let marked = word[0];
  for (let i = 1; i < word.length; i++) {
    marked += word[i] === 'y' && isVowel(word[i - 1]) && word[i - 1] !== 'Y' ? 'Y' : word[i];
  }
  word = marked;

  let r1: number;
  if (word.startsWith('gener') || word.startsWith('arsen')) r1 = 5;
  else if (word.startsWith('commun')) r1 = 6;
  else r1 = regionAfterVowelConsonant(word, 0);
  const r2 = regionAfterVowelConsonant(word, r1);

  // Step 0: possessives.
  if (word.endsWith("'s'")) word = word.slice(0, -3);
  else if (word.endsWith("'s")) word = word.slice(0, -2);
  else if (word.endsWith("'")) word = word.slice(0, -1);

  // Step 1a: plurals.
  if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('ied') || word.endsWith('ies')) word = word.length > 4 ? word.slice(0, -2) : word.slice(0, -1);
  else if (word.endsWith('us') || word.endsWith('ss')) {
    // unchanged
  } else if (word.endsWith('s')) {
    if (containsVowel(word.slice(0, -2))) word = word.slice(0, -1);
  }

  if (INVARIANT_AFTER_1A.has(word)) return word;

  // Step 1b: past tenses and gerunds.
  const eedMatch = ['eedly', 'eed'].find((s) => word.endsWith(s));
  if (eedMatch) {
    if (word.length - eedMatch.length >= r1) word = word.slice(0, -eedMatch.length) + 'ee';
  } else {
    const ed = ['ingly', 'edly', 'ing', 'ed'].find((s) => word.endsWith(s));
    if (ed) {
      const stem = word.slice(0, -ed.length);
      if (containsVowel(stem)) {
        word = stem;
        if (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz')) word += 'e';
        else if (DOUBLES.has(word.slice(-2))) word = word.slice(0, -1);
        else if (r1 >= word.length && endsWithShortSyllable(word)) word += 'e';
      }
    }
  }

  // Step 1c: final y after a consonant.
  if (word.length > 2 && (word.endsWith('y') || word.endsWith('Y')) && !isVowel(word[word.length - 2])) {
    word = word.slice(0, -1) + 'i';
  }

  // Step 2.
  for (const [suffix, replacement] of STEP2) {
    if (!word.endsWith(suffix)) continue;
    if (word.length - suffix.length >= r1) {
      if (suffix === 'ogi') {
        if (word[word.length - 4] === 'l') word = word.slice(0, -3) + replacement;
      } else if (suffix === 'li') {
        if (LI_ENDING.has(word[word.length - 3])) word = word.slice(0, -2);
      } else {
        word = word.slice(0, -suffix.length) + replacement;
      }
    }
    break;
  }

  // Step 3.
  for (const [suffix, replacement] of STEP3) {
    if (!word.endsWith(suffix)) continue;
    if (word.length - suffix.length >= r1) {
      if (suffix === 'ative') {
        if (word.length - suffix.length >= r2) word = word.slice(0, -suffix.length);
      } else {
        word = word.slice(0, -suffix.length) + replacement;
      }
    }
    break;
  }

  // Step 4.
  for (const suffix of STEP4) {
    if (!word.endsWith(suffix)) continue;
    if (word.length - suffix.length >= r2) {
      if (suffix === 'ion') {
        const prev = word[word.length - 4];
        if (prev === 's' || prev === 't') word = word.slice(0, -3);
      } else {
        word = word.slice(0, -suffix.length);
      }
    }
    break;
  }

  // Step 5.
  if (word.endsWith('e')) {
    const pos = word.length - 1;
    if (pos >= r2 || (pos >= r1 && !endsWithShortSyllable(word.slice(0, -1)))) word = word.slice(0, -1);
  } else if (word.endsWith('ll') && word.length - 1 >= r2) {
    word = word.slice(0, -1);
  }

  return word.replace(/Y/g, 'y');
}
