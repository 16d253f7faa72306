import { test } from "node:test";
import * as assert from "node:assert/strict";
import { TokenBucket } from "../../../lib/http";
import { fakeClock } from "./support";

test("token bucket: the burst goes at once, later callers are spaced by 1/perSecond in call order", () => {
  const clock = fakeClock(0);
  const bucket = new TokenBucket({ perSecond: 10, burst: 2 }, clock);
  assert.deepEqual(
    [1, 2, 3, 4, 5].map(() => bucket.reserve()),
    [0, 0, 100, 200, 300],
  );
});

test("token bucket: a quiet period refills the burst but never more", () => {
  const clock = fakeClock(0);
  const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, clock);
  [1, 2, 3].forEach(() => bucket.reserve());
  clock.advance(10_000);
  assert.deepEqual(
    [1, 2, 3, 4].map(() => bucket.reserve()),
    [0, 0, 0, 100],
  );
});

test("token bucket: pauseUntil holds every request until the server's window resets", () => {
  const clock = fakeClock(0);
  const bucket = new TokenBucket({ perSecond: 10 }, clock);
  bucket.pauseUntil(5000);
  assert.deepEqual([bucket.reserve(), bucket.reserve()], [5000, 5100]);
});

test("token bucket: no limit never waits", () => {
  const bucket = new TokenBucket({ perSecond: Infinity }, fakeClock(0));
  assert.deepEqual(
    [1, 2, 3].map(() => bucket.reserve()),
    [0, 0, 0],
  );
});

test("token bucket: take sleeps exactly the reserved wait", async () => {
  const sleeps: number[] = [];
  const bucket = new TokenBucket({ perSecond: 4 }, { now: () => 0, sleep: async (ms) => void sleeps.push(ms) });
  await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
  assert.deepEqual(sleeps, [250, 500]);
});
