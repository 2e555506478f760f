import { describe, expect, it } from 'vitest';
import { hashPassword, judgePassword, verifyPassword } from './password.js';
import { limitsFor } from './throttle.js';

describe('passwords', () => {
  it('refuses short, common and wallet-themed passwords and accepts passphrases', () => {
    expect(judgePassword('123456').reasons).toEqual(expect.arrayContaining(['too_short', 'too_guessable']));
    expect(judgePassword('password123').ok).toBe(false);
    expect(judgePassword('gopay2024!!').ok).toBe(false);
    expect(judgePassword('budisantoso1', ['Budi Santoso']).ok).toBe(false);
    expect(judgePassword('Correct-Horse-Battery-42!').ok).toBe(true);
    expect(judgePassword('kucing hujan sepeda merah').ok).toBe(true);
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
