/**
 * zxcvbn's guessability score, run in a worker thread (password.ts). A check costs tens to hundreds of milliseconds
 * of CPU, which on the main thread would stall every chat socket of the node, and its dictionaries take about 25 MB
 * of heap that the main thread's garbage collector would otherwise mark again on every major collection.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as indonesian from '@zxcvbn-ts/language-id';
import { WALLET_WORDS } from './wallet-words.js';

// Strength is judged against English and Indonesian dictionaries plus the wallet's own vocabulary.

// No Levenshtein matching: it multiplies a check's cost by five to twenty (up to 1.5 s for a 12-character
// password); near-misses of the customer's own name and e-mail are given as exact inputs instead (password.ts).
const strength = new ZxcvbnFactory({
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...english.dictionary, ...indonesian.dictionary, wallet: WALLET_WORDS },
});

export interface StrengthTask {
  password: string;
  personal: string[];
}

export default function score({ password, personal }: StrengthTask): number {
  return strength.check(password, personal).score;
}
