import { describe, expect, it } from 'vitest';
import { RateLimiter } from './limits.js';

describe('RateLimiter', () => {
  it('allows a burst, refills at the sustained rate, and says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ typing: { perSecond: 5, burst: 5 } }, () => now);
    for (let i = 0; i < 5; i++) expect(limiter.take('typing')).toBe(0);
    expect(limiter.take('typing')).toBe(200);
    now += 200;
    expect(limiter.take('typing')).toBe(0);
    expect(limiter.take('typing')).toBeGreaterThan(0);
    now += 10_000;
    for (let i = 0; i < 5; i++) expect(limiter.take('typing')).toBe(0);
    expect(limiter.take('typing')).toBeGreaterThan(0);
  });

  it('counts each event on its own', () => {
    const limiter = new RateLimiter({ a: { perSecond: 1, burst: 1 }, b: { perSecond: 1, burst: 1 } }, () => 0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0);
    expect(limiter.take('a')).toBe(1000);
  });
});
