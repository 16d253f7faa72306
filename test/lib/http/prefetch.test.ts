// The pages after a listing's first: a few fetched at once, handed over in the order asked,
// a failure thrown in its turn, and nothing left unhandled when the reader stops early.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { inOrder } from "../../../lib/http";

interface Deferred {
  index: number;
  resolve(value: string): void;
  reject(err: Error): void;
}

function controlledFetches(n: number) {
  const pending: Deferred[] = [];
  let inFlight = 0;
  let peak = 0;
  const fetches = Array.from(
    { length: n },
    (_, index) => () =>
      new Promise<string>((resolve, reject) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        const done = () => inFlight--;
        pending.push({ index, resolve: (v) => (done(), resolve(v)), reject: (e) => (done(), reject(e)) });
      }),
  );
  return { fetches, pending, peak: () => peak };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test("at most `ahead` fetches in flight, results in the order given whatever order they finish in", async () => {
  const { fetches, pending, peak } = controlledFetches(7);
  const results: string[] = [];
  const reading = (async () => {
    for await (const r of inOrder(fetches, 3)) results.push(r);
  })();
  // Finish the newest in flight first, every time.
  while (results.length < 7) {
    await turn();
    const newest = pending.pop();
    newest?.resolve(`page ${newest.index}`);
  }
  await reading;
  assert.deepEqual(
    results,
    Array.from({ length: 7 }, (_, i) => `page ${i}`),
  );
  assert.equal(peak(), 3);
});

test("a failed fetch is thrown in its turn, after the results before it", async () => {
  const { fetches, pending } = controlledFetches(4);
  const results: string[] = [];
  const reading = (async () => {
    for await (const r of inOrder(fetches, 2)) results.push(r);
  })();
  await turn();
  pending.find((d) => d.index === 1)!.reject(new Error("page 1 failed"));
  pending.find((d) => d.index === 0)!.resolve("page 0");
  await assert.rejects(reading, /page 1 failed/);
  assert.deepEqual(results, ["page 0"]);
});

test("a reader that stops early leaves no rejection unhandled", async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on("unhandledRejection", onUnhandled);
  try {
    const { fetches, pending } = controlledFetches(5);
    const reading = (async () => {
      for await (const r of inOrder(fetches, 3)) if (r === "page 0") break;
    })();
    await turn();
    pending.find((d) => d.index === 0)!.resolve("page 0");
    await reading;
    for (const d of pending.filter((p) => p.index > 0)) d.reject(new Error(`page ${d.index} failed unread`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
});
