// The later pages of a listing whose size the first page told, fetched a few at a time and
// handed over in order. Page by page, a listing waits one round trip per page: 1,000 round
// trips for 10,000 PrivX users at its ten per page, and against a rate limit the wait between
// pages leaves the budget unused while other reads queue behind the index they build.

/** Pages in flight at once after the first: enough to fill a 15/s budget at 250 ms a page. */
export const PAGES_AHEAD = 4;

/**
 * Runs the fetches at most `ahead` at a time, starting each as an earlier one is handed over,
 * and yields their results in the order given. A failed fetch is thrown when its turn comes;
 * a consumer that stops early leaves the fetches in flight to finish unobserved.
 */
export async function* inOrder<T>(fetches: readonly (() => Promise<T>)[], ahead: number = PAGES_AHEAD): AsyncGenerator<T> {
  const started = new Map<number, Promise<T>>();
  const start = (i: number) => {
    if (i >= fetches.length) return;
    const p = fetches[i]();
    p.catch(() => undefined); // observed when its turn comes, or never if the consumer stopped
    started.set(i, p);
  };
  for (let i = 0; i < Math.min(ahead, fetches.length); i++) start(i);
  for (let i = 0; i < fetches.length; i++) {
    const result = await started.get(i)!;
    started.delete(i);
    start(i + ahead);
    yield result;
  }
}
