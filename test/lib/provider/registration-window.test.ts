// Batches are declared a few at a time: the SDK and the engine hold a registration's request
// until the engine answers, so a window bounds the memory a large tenant's batches take, while
// every batch is still declared, in order, and a failed registration does not stop the rest.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

/** Registrations the mock engine holds, answered when the test says so. */
const held: { name: string; answer(fail?: boolean): void }[] = [];
const order: string[] = [];
let peak = 0;
void pulumi.runtime.setMocks(
  {
    newResource: (args) =>
      new Promise((resolve, reject) => {
        order.push(args.name);
        const entry = {
          name: args.name,
          answer: (fail = false) => {
            held.splice(held.indexOf(entry), 1);
            if (fail) reject(new Error(`engine refused ${args.name}`));
            else resolve({ id: `${args.name}-id`, state: args.inputs });
          },
        };
        held.push(entry);
        peak = Math.max(peak, held.length);
      }),
    call: () => ({}),
  },
  "pam-reconciler",
  "test",
  true,
);

import { declareWindowed } from "../../../lib/provider/registration-window";

class Thing extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Thing", name, { value: name });
  }
  declare readonly value: pulumi.Output<string>;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Answers held registrations one at a time (oldest first) until `done` settles, then (with `drain`) the rest. */
async function answerAll(done: Promise<unknown>, fail: (name: string) => boolean = () => false, drain = true): Promise<void> {
  let finished = false;
  void done.then(
    () => (finished = true),
    () => (finished = true),
  );
  while (!finished || (drain && held.length)) {
    await tick();
    held[0]?.answer(fail(held[0].name));
  }
}

test("at most `width` registrations in flight, every resource declared in order", async () => {
  order.length = 0;
  peak = 0;
  const names = Array.from({ length: 12 }, (_, i) => `batch-${String(i).padStart(2, "0")}`);
  const window = declareWindowed(
    names.map((n) => () => new Thing(n)),
    3,
  );
  let registered = false;
  void window.registered.then(() => (registered = true));
  await answerAll(window.declared, undefined, false);
  await window.declared;
  assert.ok(held.length > 0, "registrations still held");
  assert.equal(registered, false, "some registrations are not answered yet");
  await answerAll(window.registered);
  await window.registered;
  assert.deepEqual(order, names);
  assert.equal(peak, 3);
  const resources = await Promise.all(window.resources);
  assert.deepEqual(
    await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve)))),
    names.map((n) => `urn:pulumi:test::pam-reconciler::test:index:Thing::${n}`),
  );
});

test("a failed registration frees its place: the rest are still declared", async () => {
  // A registration the engine refused, as the SDK shows it: the resource's URN output rejects.
  // (Through the mocks the SDK would also reject every other output of it, unhandled.)
  const refused = () => ({ urn: { promise: () => Promise.reject(new Error("engine refused it")) } }) as unknown as Thing;
  order.length = 0;
  peak = 0;
  const window = declareWindowed([() => new Thing("a"), refused, refused, () => new Thing("d"), () => new Thing("e")], 2);
  await answerAll(window.declared);
  await window.declared;
  assert.deepEqual(order, ["a", "d", "e"]);
  assert.equal(peak, 2);
});

test("a declaration that throws fails the whole, and nothing after it is declared", async () => {
  order.length = 0;
  const window = declareWindowed(
    [
      () => new Thing("x1"),
      () => {
        throw new Error("bad batch");
      },
      () => new Thing("x3"),
    ],
    1,
  );
  await answerAll(window.declared);
  await assert.rejects(window.declared, /bad batch/);
  await assert.rejects(window.resources[1], /bad batch/);
  assert.deepEqual(order, ["x1"]);
});
