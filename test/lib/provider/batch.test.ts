// The batch provider: one resource, many objects, each written by its own provider. What a user
// relies on: only changed members are written, a refresh drops what the product lost, a failed
// member is recorded as a partial update (the rest is kept), objects never move between
// batches, and a stack's old per-object resources are forgotten, not removed, once a batch holds them.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import {
  BATCH_COUNT,
  PartialBatchError,
  batchIndexOf,
  batchProvider,
  batchesOf,
  retiredMemberProvider,
  type MemberProvider,
} from "../../../lib/provider/batch";
import { createBatchProgress, progressLine } from "../../../lib/provider/batch-progress";

interface Item {
  key: string;
  name: string;
  colour: string;
}
interface Held extends Item {
  serverId: string;
}

/** A product holding items, and the per-object provider over it; `failOn` names fail their writes. */
function fakeProduct() {
  const held = new Map<string, Held>();
  const writes: string[] = [];
  const failOn = new Set<string>();
  let next = 1;
  const write = (what: string, name: string) => {
    writes.push(`${what} ${name}`);
    if (failOn.has(name)) throw new Error(`${name}: 503 Service Unavailable\n    at stack frame`);
  };
  const member: MemberProvider<Item, Held> = {
    check: async (_olds, news) => ({ inputs: news, failures: news.name ? [] : [{ property: "name", reason: "a name is required" }] }),
    diff: async (_id, olds, news) => ({ changes: olds.name !== news.name || olds.colour !== news.colour, replaces: olds.key !== news.key ? ["key"] : [] }),
    create: async (inputs) => {
      write("create", inputs.name);
      const item = { ...inputs, serverId: `s-${next++}` };
      held.set(item.serverId, item);
      return { id: item.serverId, outs: item };
    },
    read: async (id) => (held.has(id) ? { id, props: { ...held.get(id)! } } : {}),
    update: async (id, _olds, news) => {
      write("update", news.name);
      const item = { ...news, serverId: id };
      held.set(id, item);
      return { outs: item };
    },
    delete: async (id, props) => {
      write("delete", props.name);
      held.delete(id);
    },
  };
  return { held, writes, failOn, member };
}

const item = (key: string, colour = "blue"): Item => ({ key, name: `${key}@contoso.com`, colour });
const members = (...items: Item[]) => ({ members: Object.fromEntries(items.map((i) => [i.key, i])) });
const quiet = createBatchProgress({ write: () => {} });

describe("batch provider", () => {
  it("creates every member, then an update writes only the members that changed, were added or removed", async () => {
    const product = fakeProduct();
    const batch = batchProvider(product.member, { what: "test users", labelOf: (i) => i.name, progress: quiet });
    const created = await batch.create(members(item("a"), item("b"), item("c")));
    assert.equal(product.held.size, 3);
    assert.deepEqual(Object.keys(created.outs.ids), ["a", "b", "c"]);

    const desired = members(item("a"), item("b", "red"), item("d"));
    assert.equal((await batch.diff(created.id, created.outs, desired)).changes, true);
    assert.equal((await batch.diff(created.id, created.outs, members(item("a"), item("b"), item("c")))).changes, false);

    product.writes.length = 0;
    const { outs } = await batch.update(created.id, created.outs, desired);
    assert.deepEqual(product.writes.sort(), ["create d@contoso.com", "delete c@contoso.com", "update b@contoso.com"]);
    assert.deepEqual(Object.keys(outs.members), ["a", "b", "d"]);
    assert.equal(outs.members.b.colour, "red");
    assert.equal((await batch.diff(created.id, outs, desired)).changes, false);
  });

  it("a refresh keeps what the product holds and drops what it lost, so the next diff puts it back", async () => {
    const product = fakeProduct();
    const batch = batchProvider(product.member, { what: "test users", labelOf: (i) => i.name, progress: quiet });
    const created = await batch.create(members(item("a"), item("b")));
    product.held.delete(created.outs.ids.b);
    product.held.get(created.outs.ids.a)!.colour = "green";
    const read = await batch.read(created.id, created.outs);
    assert.deepEqual(Object.keys(read.props!.members), ["a"]);
    assert.equal(read.props!.members.a.colour, "green");
    assert.equal((await batch.diff(created.id, read.props!, members(item("a"), item("b")))).changes, true);
  });

  it("a member that fails is reported by name, and the others are recorded as written (a partial update)", async () => {
    const product = fakeProduct();
    const batch = batchProvider(product.member, { what: "test users", labelOf: (i) => i.name, progress: quiet });
    product.failOn.add("b@contoso.com");
    const error = await batch.create({ ...members(item("a"), item("b"), item("c")), __provider: "ref" }).then(
      () => assert.fail("the create must fail"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PartialBatchError);
    assert.match(error.message, /^1 of 3 test users could not be written/);
    assert.match(error.message, /b@contoso\.com: b@contoso\.com: 503 Service Unavailable$/m);
    assert.doesNotMatch(error.message, /stack frame/);
    const recorded = error.properties as { members: Record<string, Held>; ids: Record<string, string>; __provider: string };
    assert.deepEqual(Object.keys(recorded.members), ["a", "c"], "what was written is recorded");
    assert.equal(recorded.__provider, "ref", "the recorded outputs still load the provider");
    // The next run retries only the member that failed.
    product.failOn.clear();
    product.writes.length = 0;
    await batch.update(error.id, recorded, members(item("a"), item("b"), item("c")));
    assert.deepEqual(product.writes, ["create b@contoso.com"]);
  });

  it("check names the member and the field of each failure", async () => {
    const batch = batchProvider(fakeProduct().member, { what: "test users", labelOf: (i) => i.key, progress: quiet });
    const { failures } = await batch.check(undefined, members(item("a"), { key: "x", name: "", colour: "blue" }));
    assert.deepEqual(failures, [{ property: "members.x.name", reason: "x: a name is required" }]);
  });

  it("delete removes every member", async () => {
    const product = fakeProduct();
    const batch = batchProvider(product.member, { what: "test users", labelOf: (i) => i.name, progress: quiet });
    const created = await batch.create(members(item("a"), item("b")));
    await batch.delete(created.id, created.outs);
    assert.equal(product.held.size, 0);
  });

  it("an old per-object resource is forgotten when a batch of this process holds its object, and removed otherwise", async () => {
    const product = fakeProduct();
    const what = `upgrade test ${Math.random()}`;
    const old = await product.member.create(item("a"));
    const leaver = await product.member.create(item("z"));
    const batch = batchProvider(product.member, { what, labelOf: (i) => i.name, progress: quiet });
    await batch.create(members(item("a")));
    const retired = retiredMemberProvider(product.member, what, (p) => p.key);
    product.writes.length = 0;
    await retired.delete(old.id, old.outs!);
    await retired.delete(leaver.id, leaver.outs!);
    assert.deepEqual(product.writes, ["delete z@contoso.com"], "only the leaver gets its removal");
  });
});

describe("batch membership", () => {
  it("an object's batch depends on its key alone: adding others never moves it", () => {
    const keys = Array.from({ length: 2_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const small = batchesOf(keys.slice(0, 100), (k) => k, "users");
    const large = batchesOf(keys, (k) => k, "users");
    for (const [name, batch] of small) for (const key of batch.keys()) assert.ok(large.get(name)?.has(key), `${key} stays in ${name}`);
    assert.equal(large.size, BATCH_COUNT, "2,000 objects fill every batch");
    const sizes = [...large.values()].map((b) => b.size);
    assert.ok(Math.max(...sizes) < 3 * (2_000 / BATCH_COUNT), `batches are balanced: ${Math.min(...sizes)}..${Math.max(...sizes)}`);
    assert.equal(batchIndexOf(keys[0]), batchIndexOf(keys[0]));
    assert.deepEqual([...large.keys()].slice(0, 2), ["users-00", "users-01"]);
  });
});

describe("batch progress", () => {
  it("says how many of how many are written and how long the rest should take", () => {
    assert.equal(progressLine("PRA users", { done: 1_200, total: 10_000 }, 80_000), "PRA users: 1,200 of 10,000 written in 80 s, about 10 min left");
    assert.equal(progressLine("PRA users", { done: 10_000, total: 10_000 }, 700_000), "PRA users: 10,000 of 10,000 written in 12 min");
  });

  it("prints at most once per interval while batches of one kind run, and once when they are all done", () => {
    const lines: string[] = [];
    let now = 0;
    const progress = createBatchProgress({ write: (l) => lines.push(l), now: () => now, intervalMs: 10_000, minimum: 10 });
    const [a, b] = [progress.start("PRA users", 10), progress.start("PRA users", 10)];
    for (let i = 0; i < 10; i++) {
      now += 1_000;
      a.done();
      b.done();
    }
    a.finish();
    b.finish();
    assert.deepEqual(lines, ["PRA users: 19 of 20 written in 10 s, about 1 s left", "PRA users: 20 of 20 written in 10 s"]);
  });
});

// Type-level check that the batch provider is a complete dynamic provider.
const _complete: pulumi.dynamic.ResourceProvider = batchProvider(fakeProduct().member, { what: "x", labelOf: () => "x" });
void _complete;
