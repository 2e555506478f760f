import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword, judgePassword, personalWords, stopPasswordChecker, verifyPassword } from './password.js';
import { limitsFor } from './throttle.js';

describe('passwords', () => {
  afterAll(stopPasswordChecker);

  it('refuses short, common and wallet-themed passwords and accepts passphrases', async () => {
    expect((await judgePassword('123456')).reasons).toEqual(expect.arrayContaining(['too_short', 'too_guessable']));
    expect((await judgePassword('password123')).ok).toBe(false);
    expect((await judgePassword('gopay2024!!')).ok).toBe(false);
    expect((await judgePassword('budisantoso1', ['Budi Santoso'])).ok).toBe(false);
    expect((await judgePassword('BudiSantoso2024', ['Budi Santoso'])).ok).toBe(false);
    expect((await judgePassword('budisantoso88!', ['Budi', 'budi.santoso88@example.com'])).ok).toBe(false);
    expect((await judgePassword('Correct-Horse-Battery-42!')).ok).toBe(true);
    expect((await judgePassword('kucing hujan sepeda merah')).ok).toBe(true);
    expect((await judgePassword('x'.repeat(257))).reasons).toEqual(['too_long']);
  });

  it('answers a check the checker thread could not finish with a 503 to retry, never a verdict', async () => {
    const refused = expect(judgePassword('Correct-Horse-Battery-42!')).rejects.toMatchObject({ status: 503, code: 'password_check_unavailable' });
    await stopPasswordChecker();
    await refused;
    // The next check starts a new thread.
    expect((await judgePassword('Correct-Horse-Battery-42!')).ok).toBe(true);
  });

  it('knows the name and e-mail whole, word by word and run together', () => {
    expect(personalWords(['Budi Santoso', 'budi.santoso88@example.com', ''])).toEqual(['budi santoso', 'budi', 'santoso', 'budisantoso', 'budi.santoso88@example.com', 'santoso88', 'budisantoso88']);
  });

  it('judges off the main thread: the event loop keeps turning during a check', async () => {
    await judgePassword('warm-up-the-checker-thread');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    await Promise.all(['Xy7#pq!Lm2vR-long-enough', 'Pasword-2024!!', 'Correct-Horse-Battery-42!'].map((p) => judgePassword(p)));
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // A check on this thread would leave the timer no turn at all until it finished.
    expect(ticks).toBeGreaterThan(elapsed / 20);
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Correct-Horse-Battery-42!');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'Correct-Horse-Battery-42!')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('throttles an address more loosely than a login, and never blocks a login outright', () => {
    const l = limitsFor(5);
    expect(l.perPair).toBe(5);
    expect(l.perAddress).toBeGreaterThan(l.perPair);
    expect(l.perLogin).toBeGreaterThan(l.perPair);
  });
});
