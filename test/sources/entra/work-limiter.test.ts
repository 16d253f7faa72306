// Bounded concurrency that stops starting work after the first failure.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { allOrFirstFailure, WorkLimiter } from "../../../sources/entra/work-limiter";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("WorkLimiter", () => {
  test("never runs more than `concurrency` tasks at once, and runs them all", async () => {
    const limiter = new WorkLimiter(3);
    let active = 0;
    let peak = 0;
    const results = await allOrFirstFailure(
      limiter,
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          active += 1;
          peak = Math.max(peak, active);
          for (let t = 0; t < (i % 4) + 1; t++) await tick();
          active -= 1;
          return i;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      results,
      Array.from({ length: 20 }, (_, i) => i),
    );
  });

  test("after a failure, queued tasks do not start and the first failure is what the caller gets", async () => {
    const limiter = new WorkLimiter(2);
    const started: number[] = [];
    const first = new Error("first");
    const tasks = Array.from({ length: 6 }, (_, i) =>
      limiter.run(async () => {
        started.push(i);
        await tick();
        if (i === 0) throw first;
        if (i === 1) throw new Error("second");
        return i;
      }),
    );
    await assert.rejects(allOrFirstFailure(limiter, tasks), (err) => err === first);
    assert.deepEqual(started, [0, 1]);
  });

  test("refuses a concurrency below 1", () => {
    assert.throws(() => new WorkLimiter(0), RangeError);
  });
});
