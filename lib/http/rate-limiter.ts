// Client-side token bucket, kept under each product's published limit (PRA: 20 requests/s per
// API account). Implemented as a virtual schedule (GCRA): each caller reserves the next slot
// when it asks, so callers are served in arrival order and no timer polls.

export interface RateLimit {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests that may go at once after a quiet period (default 1: evenly spaced). */
  burst?: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))),
};

export class TokenBucket {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  /** Theoretical arrival time of the next request at the sustained rate. */
  private nextSlot = -Infinity;
  private pausedUntil = -Infinity;

  constructor(
    limit: RateLimit,
    private readonly clock: Clock = realClock,
  ) {
    if (!(limit.perSecond > 0)) throw new RangeError(`rate limit perSecond must be positive (Infinity for none), got ${limit.perSecond}`);
    const burst = Math.max(1, Math.floor(limit.burst ?? 1));
    this.intervalMs = 1000 / limit.perSecond;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }

  /** Milliseconds the caller has to wait, reserving its slot now. */
  reserve(): number {
    const now = this.clock.now();
    const base = Math.max(this.nextSlot, now, this.pausedUntil);
    const start = Math.max(now, this.pausedUntil, base - this.toleranceMs);
    this.nextSlot = base + this.intervalMs;
    return Math.max(0, start - now);
  }

  /** Resolves when the caller may send its request. */
  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.clock.sleep(wait);
  }

  /** Holds every later request until `time` (epoch ms): the server said the window is exhausted. */
  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time);
  }
}
