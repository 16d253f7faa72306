// When and how long to wait before trying a request again. Pure functions: the client feeds
// them statuses, headers and the clock, so the policy is tested without sleeping.

export interface RetryPolicy {
  /**
   * Time one request may spend failing and waiting before the client gives up, from its first
   * attempt (default 3 minutes; stack config retryBudgetSeconds). A wait that would pass it is
   * not started: the request fails at once with `retryBudgetExhausted` set.
   */
  budgetMs: number;
  /** An optional cap on retries after the first attempt (not counting the one re-authentication after a 401); the budget is the usual bound. */
  maxRetries: number;
  /**
   * Statuses worth retrying. 429 says the request was not processed, so it is retried for every
   * method; the others (and lost connections) only for idempotent requests, or for a create that
   * can first check whether its object exists (RequestOptions.findExisting).
   */
  retryStatuses: readonly number[];
  /** First backoff step; doubles each retry. */
  baseDelayMs: number;
  /** Upper bound of a computed backoff step. */
  maxDelayMs: number;
  /** An exhausted X-RateLimit window is waited out before later requests only when it resets sooner than this. */
  maxRetryAfterMs: number;
}

/** Three minutes: an hourly pipeline rides out a short outage or a burst of throttling by itself. */
export const DEFAULT_RETRY_BUDGET_MS = 180_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  budgetMs: DEFAULT_RETRY_BUDGET_MS,
  maxRetries: Infinity,
  retryStatuses: Object.freeze([429, 502, 503, 504]),
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 120_000,
});

export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** Exponential backoff with "equal jitter": half fixed, half random, capped. `attempt` is 0 for the first retry. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/** Milliseconds a `Retry-After` value (delta-seconds or HTTP-date) asks for; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface RateLimitStatus {
  limit?: number;
  remaining?: number;
  /** When the window resets (epoch ms), if the server said. */
  resetAt?: number;
}

function header(headers: Record<string, string>, ...names: string[]): string | undefined {
  for (const name of names) if (headers[name] !== undefined) return headers[name];
  return undefined;
}

function number(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * `X-RateLimit-Limit/-Remaining/-Reset` (and the `RateLimit-*` draft names, and Okta's
 * `X-Rate-Limit-*`). A reset value
 * larger than a billion is read as epoch seconds, a smaller one as seconds from now.
 */
export function parseRateLimitHeaders(headers: Record<string, string>, now: number): RateLimitStatus | undefined {
  const limit = number(header(headers, "x-ratelimit-limit", "ratelimit-limit", "x-rate-limit-limit"));
  const remaining = number(header(headers, "x-ratelimit-remaining", "ratelimit-remaining", "x-rate-limit-remaining"));
  const reset = number(header(headers, "x-ratelimit-reset", "ratelimit-reset", "x-rate-limit-reset"));
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  const resetAt = reset === undefined ? undefined : reset > 1e9 ? reset * 1000 : now + reset * 1000;
  return { limit, remaining, resetAt };
}

/**
 * How long to wait before retrying a throttled or failed response: what the server asked for
 * (Retry-After, else an exhausted X-RateLimit window's reset), else exponential backoff.
 * `serverAsked` tells whether the wait came from the server (and may exceed the backoff cap).
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  headers: Record<string, string>,
  now: number,
  random: () => number = Math.random,
): { delayMs: number; serverAsked: boolean } {
  const retryAfter = parseRetryAfter(headers["retry-after"], now);
  if (retryAfter !== undefined) return { delayMs: retryAfter, serverAsked: true };
  const rate = parseRateLimitHeaders(headers, now);
  if (rate?.remaining === 0 && rate.resetAt !== undefined) return { delayMs: Math.max(0, rate.resetAt - now), serverAsked: true };
  return { delayMs: backoffDelay(policy, attempt, random), serverAsked: false };
}
