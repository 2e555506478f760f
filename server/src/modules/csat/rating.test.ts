import { describe, expect, it } from 'vitest';
import { ratingIn } from './service.js';

describe('a rating replied in a chat', () => {
  it('reads a bare rating, in digits, stars or words of the three languages', () => {
    const cases: [string, number][] = [
      ['5', 5],
      [' 1 ', 1],
      ['4/5', 4],
      ['3 / 5', 3],
      ['4 of 5', 4],
      ['2 dari 5', 2],
      ['5 stars', 5],
      ['1 star', 1],
      ['4 bintang', 4],
      ['5分', 5],
      ['五分', 5],
      ['三星', 3],
      ['５', 5],
      ['5!', 5],
      ['4.', 4],
      ['⭐⭐⭐⭐', 4],
      ['⭐️⭐️⭐️', 3],
      ['★★', 2],
    ];
    for (const [text, score] of cases) expect(ratingIn(text), text).toBe(score);
  });

  it('takes anything more as a message, not a rating', () => {
    for (const text of ['0', '6', '10', '5 juta belum masuk', '2 kali gagal', 'ok', '⭐⭐⭐⭐⭐⭐', '5000', '4,5', '1 2', '']) expect(ratingIn(text), text).toBeNull();
  });
});
