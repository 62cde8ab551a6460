import { GraphQLError } from 'graphql';
import { ErrorCode } from '@saldo/kit';

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * Token bucket per caller (user id, or client address when anonymous), in this
 * process: each router replica limits on its own, so the effective limit is
 * per replica. `ratePerSecond` 0 turns it off.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes one token or throws RATE_LIMITED with how long to wait. */
  take(key: string, now = Date.now()): void {
    if (this.ratePerSecond <= 0) return;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 100_000) this.sweep(now);
      bucket = { tokens: this.burst, updated: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.updated) / 1000) * this.ratePerSecond,
    );
    bucket.updated = now;
    if (bucket.tokens < 1) {
      const retryAfterSeconds = Math.ceil((1 - bucket.tokens) / this.ratePerSecond);
      throw new GraphQLError(`Too many requests: retry in ${retryAfterSeconds}s`, {
        extensions: {
          code: ErrorCode.RATE_LIMITED,
          retryAfterSeconds,
          http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
        },
      });
    }
    bucket.tokens -= 1;
  }

  /** Drops full buckets: they hold no state worth keeping. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updated) / 1000) * this.ratePerSecond >= this.burst)
        this.buckets.delete(key);
    }
  }
}
