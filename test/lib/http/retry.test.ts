import { test } from "node:test";
import * as assert from "node:assert/strict";
import { DEFAULT_RETRY_POLICY, backoffDelay, parseRateLimitHeaders, parseRetryAfter, retryDelay } from "../../../lib/http";

test("Retry-After as seconds and as an HTTP date", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  assert.equal(parseRetryAfter("2", now), 2000);
  assert.equal(parseRetryAfter("Wed, 01 Jan 2025 00:00:05 GMT", now), 5000);
  assert.equal(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", now), 0, "a date in the past means now");
  assert.equal(parseRetryAfter("soon", now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test("X-RateLimit-Reset as seconds from now or as epoch seconds", () => {
  const now = 1_700_000_000_000;
  assert.deepEqual(parseRateLimitHeaders({ "x-ratelimit-limit": "20", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "3" }, now), {
    limit: 20,
    remaining: 0,
    resetAt: now + 3000,
  });
  assert.equal(parseRateLimitHeaders({ "x-ratelimit-reset": "1700000010" }, now)?.resetAt, 1_700_000_010_000);
  assert.equal(parseRateLimitHeaders({}, now), undefined);
});

test("the server's wait wins over backoff; remaining > 0 does not count as a wait", () => {
  const now = 0;
  assert.deepEqual(retryDelay(DEFAULT_RETRY_POLICY, 3, { "retry-after": "7" }, now), { delayMs: 7000, serverAsked: true });
  assert.deepEqual(
    retryDelay(DEFAULT_RETRY_POLICY, 0, { "x-ratelimit-remaining": "5", "x-ratelimit-reset": "9" }, now, () => 0),
    {
      delayMs: 125,
      serverAsked: false,
    },
  );
});

test("backoff: equal jitter between half and all of a doubling step, capped", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((a) => backoffDelay(policy, a, () => 0)),
    [50, 100, 200, 400, 500, 500],
  );
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((a) => backoffDelay(policy, a, () => 1)),
    [100, 200, 400, 800, 1000, 1000],
  );
});
