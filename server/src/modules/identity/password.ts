import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as indonesian from '@zxcvbn-ts/language-id';

// Strength is judged against English and Indonesian dictionaries plus the wallet's own vocabulary, so
// "gopay123" or "dompetku2024" are recognised as guessable.
const walletWords = ['gopay', 'dompet', 'saldo', 'wallet', 'sapa', 'dana', 'ovo', 'qris', 'rupiah', 'gojek', 'shopeepay', 'linkaja'];
const strength = new ZxcvbnFactory({
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...english.dictionary, ...indonesian.dictionary, wallet: walletWords },
  useLevenshteinDistance: true,
});

export const MIN_PASSWORD_SCORE = 3;
export const MIN_PASSWORD_LENGTH = 10;

export interface PasswordVerdict {
  ok: boolean;
  score: number;
  /** Machine-readable reasons, translated by the caller. */
  reasons: string[];
}

export function judgePassword(password: string, personal: string[] = []): PasswordVerdict {
  const reasons: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) reasons.push('too_short');
  if (password.length > 256) return { ok: false, score: 0, reasons: ['too_long'] };
  const result = strength.check(password, personal.filter(Boolean));
  // zxcvbn rates "gopay2024!!" fair; a wallet's name plus digits and symbols is the first thing an attacker tries.
  const letters = password.toLowerCase().replace(/[^a-z]/g, '');
  const themed = walletWords.some((w) => letters === w || letters === `${w}${w}`) || (letters.length > 0 && letters.length < 4);
  if (result.score < MIN_PASSWORD_SCORE || themed) reasons.push('too_guessable');
  return { ok: reasons.length === 0, score: result.score, reasons };
}

// algorithm 2 is Argon2id (a const enum in the typings, unusable under isolatedModules).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the login is unknown keeps the response time the same as for a wrong password.
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hash('decoy-password-that-never-matches', options);
  await verifyPassword(await decoy, password);
  return false;
}
