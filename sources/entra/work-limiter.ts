// Bounded concurrency that fails fast: at most `concurrency` tasks run at once, and after the
// first failure no queued task starts (a failed directory read must stop, not keep reading).

export class WorkLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private failure: { error: unknown } | undefined;

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** The first error any task threw, if one did. */
  get firstFailure(): { error: unknown } | undefined {
    return this.failure;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      if (this.failure) throw this.failure.error;
      return await task();
    } catch (err) {
      this.failure ??= { error: err };
      throw err;
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active += 1;
      return;
    }
    // The releasing task hands its slot over directly, so `active` never overshoots.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

/**
 * Waits for every look-up to settle: their results, or one error (`combine`) naming every
 * reference that failed as `isReferenceProblem` says (not found, ambiguous), so a user fixes all
 * names in one go; any other failure is thrown as it came. Every directory source resolves its
 * mapping references so.
 */
export async function allResolved<T, P>(
  lookups: Promise<T>[],
  isReferenceProblem: (err: unknown) => err is P,
  combine: (problems: P[]) => Error,
): Promise<T[]> {
  const outcomes = await Promise.allSettled(lookups);
  const unresolved: P[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === "fulfilled") continue;
    const error: unknown = outcome.reason;
    if (isReferenceProblem(error)) unresolved.push(error);
    else throw error;
  }
  if (unresolved.length) throw combine(unresolved);
  return outcomes.map((o) => (o as PromiseFulfilledResult<T>).value);
}

/** Waits for every task to settle, then throws the first failure (in time) if any. */
export async function allOrFirstFailure<T>(limiter: WorkLimiter, tasks: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(tasks);
  if (limiter.firstFailure) throw limiter.firstFailure.error;
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (rejected) throw rejected.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
