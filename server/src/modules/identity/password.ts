import { hash, verify } from '@node-rs/argon2';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { AppError } from '../../kernel/errors.js';
import type { StrengthTask } from './password-strength.js';
import { WALLET_WORDS } from './wallet-words.js';

export const MIN_PASSWORD_SCORE = 3;
export const MIN_PASSWORD_LENGTH = 10;
const CHECK_TIMEOUT_MS = 10_000;
// A thread starting loads tsx and 25 MB of dictionaries first: seconds on a quiet machine, far more on a busy one,
// which must not turn the first registration after a start (or an idle stop) into a 503.
const COLD_CHECK_TIMEOUT_MS = 45_000;

export interface PasswordVerdict {
  ok: boolean;
  score: number;
  /** Machine-readable reasons, translated by the caller. */
  reasons: string[];
}

// One thread, started on the first check and stopped after five idle minutes: passwords are set rarely, and a
// node that only serves chat then holds neither the thread nor the dictionaries.
let checker: Piscina<StrengthTask, number> | undefined;
// Whether the thread answered since it was started; an idle stop (no threads left) makes it cold again.
let warm = false;
function strengthChecker(): Piscina<StrengthTask, number> {
  checker ??= new Piscina<StrengthTask, number>({
    filename: fileURLToPath(new URL('./password-strength.ts', import.meta.url)),
    // The worker is TypeScript like the rest of the server; tsx loads it there as `npm start` does here.
    execArgv: ['--import', 'tsx'],
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 5 * 60_000,
  });
  return checker;
}

/** Stops the checker's thread (a node stopping); the next check starts a new one. */
export async function stopPasswordChecker(): Promise<void> {
  const pool = checker;
  checker = undefined;
  warm = false;
  await pool?.destroy();
}

/**
 * The name and e-mail as zxcvbn should know them: whole, word by word and run together ("Budi Santoso" also as
 * "budi", "santoso" and "budisantoso"), so "budisantoso1" counts as guessable without fuzzy matching.
 */
export function personalWords(personal: string[]): string[] {
  const words = new Set<string>();
  for (const raw of personal) {
    const text = raw.trim().toLowerCase();
    if (!text) continue;
    words.add(text);
    const local = text.includes('@') ? text.slice(0, text.indexOf('@')) : text;
    const parts = local.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    for (const part of parts) words.add(part);
    if (parts.length > 1) words.add(parts.join(''));
  }
  return [...words];
}

export async function judgePassword(password: string, personal: string[] = []): Promise<PasswordVerdict> {
  const reasons: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) reasons.push('too_short');
  if (password.length > 256) return { ok: false, score: 0, reasons: ['too_long'] };
  let score: number;
  try {
    const pool = strengthChecker();
    const cold = !warm || pool.threads.length === 0;
    score = await pool.run({ password, personal: personalWords(personal) }, { signal: AbortSignal.timeout(cold ? COLD_CHECK_TIMEOUT_MS : CHECK_TIMEOUT_MS) });
    warm = true;
  } catch (error) {
    // Nothing is saved without a judged password; the client may simply try again.
    throw new AppError(503, 'password_check_unavailable', `password check failed: ${String(error)}`, undefined, { 'retry-after': '5' });
  }
  // zxcvbn rates "gopay2024!!" fair; a wallet's name plus digits and symbols is the first thing an attacker tries.
  const letters = password.toLowerCase().replace(/[^a-z]/g, '');
  const themed = WALLET_WORDS.some((w) => letters === w || letters === `${w}${w}`) || (letters.length > 0 && letters.length < 4);
  if (score < MIN_PASSWORD_SCORE || themed) reasons.push('too_guessable');
  return { ok: reasons.length === 0, score, reasons };
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
