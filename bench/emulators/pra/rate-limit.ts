// PRA's published limits: 20 requests per second and 15,000 per hour, per API account.
// The per-second limit is a sliding window; the hourly one a fixed window that opens with the
// account's first request. Refused requests do not use up the budget.

export interface RateDecision {
  allowed: boolean;
  /** For X-RateLimit-Limit: the hourly limit, as in the spec's example. */
  limit: number;
  /** For X-RateLimit-Remaining: what is left of the hourly budget after this request. */
  remaining: number;
  /** For Retry-After when refused. */
  retryAfterSeconds?: number;
}

interface Bucket {
  recent: number[];
  hourStart: number;
  hourCount: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly perHour: number,
    private readonly clock: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.clock();
    let bucket = this.buckets.get(key);
    if (!bucket || now - bucket.hourStart >= 3_600_000) {
      bucket = { recent: bucket?.recent ?? [], hourStart: now, hourCount: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.recent = bucket.recent.filter((t) => now - t < 1000);
    if (bucket.hourCount >= this.perHour) {
      const retryAfterSeconds = Math.max(1, Math.ceil((bucket.hourStart + 3_600_000 - now) / 1000));
      return { allowed: false, limit: this.perHour, remaining: 0, retryAfterSeconds };
    }
    if (bucket.recent.length >= this.perSecond) {
      return { allowed: false, limit: this.perHour, remaining: this.perHour - bucket.hourCount, retryAfterSeconds: 1 };
    }
    bucket.recent.push(now);
    bucket.hourCount += 1;
    return { allowed: true, limit: this.perHour, remaining: this.perHour - bucket.hourCount };
  }

  /** Forget every account's usage (for tests that reuse one emulator). */
  reset(): void {
    this.buckets.clear();
  }
}
