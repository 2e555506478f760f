/**
 * Per-connection rate limits for what clients emit: a token bucket per event, refilled continuously. A client that
 * goes over gets an error acknowledgement saying when to try again; nothing is queued on its behalf.
 */
export interface Limit {
  /** Sustained events per second. */
  perSecond: number;
  /** Events allowed at once after a quiet period. */
  burst: number;
}

export const socketLimits: Record<string, Limit> = {
  typing: { perSecond: 5, burst: 5 },
  'message:send': { perSecond: 10, burst: 10 },
  receipt: { perSecond: 10, burst: 20 },
  subscribe: { perSecond: 20, burst: 40 },
  unsubscribe: { perSecond: 20, burst: 40 },
  viewing: { perSecond: 5, burst: 10 },
  'presence:set': { perSecond: 2, burst: 4 },
  'inbox:subscribe': { perSecond: 2, burst: 4 },
};
const fallback: Limit = { perSecond: 10, burst: 20 };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly limits: Record<string, Limit> = socketLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `event`; returns 0 when allowed, else the milliseconds until one is available. */
  take(event: string): number {
    const limit = this.limits[event] ?? fallback;
    const now = this.now();
    const bucket = this.buckets.get(event) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    this.buckets.set(event, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / limit.perSecond) * 1000);
  }
}
