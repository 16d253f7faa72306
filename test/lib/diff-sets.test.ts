import { test } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { diffSets } from "../../lib/diff-sets";

test("members to add, to remove and unchanged, by key", () => {
  const diff = diffSets(["alice", "bob", "carol"], ["bob", "dave", "alice"], (x) => x);
  assert.deepEqual(diff.toAdd, ["dave"]);
  assert.deepEqual(diff.toRemove, ["carol"]);
  assert.deepEqual(diff.unchanged, [
    { current: "bob", desired: "bob" },
    { current: "alice", desired: "alice" },
  ]);
});

test("different shapes on each side: PRA members against desired group names", () => {
  const current = [
    { id: 11, group_name: "PRA Linux Admins" },
    { id: 12, group_name: "Old Group" },
  ];
  const diff = diffSets(current, ["PRA Linux Admins", "PRA Vendors"], { current: (m) => m.group_name, desired: (name) => name });
  assert.deepEqual(diff.toAdd, ["PRA Vendors"]);
  assert.deepEqual(
    diff.toRemove.map((m) => m.id),
    [12],
  );
  assert.equal(diff.unchanged[0].current.id, 11);
});

test("a duplicated current key is kept once and its copies removed; a duplicated desired key counts once", () => {
  const current = [
    { id: 1, k: "a" },
    { id: 2, k: "a" },
  ];
  const diff = diffSets(current, ["a", "a"], { current: (m) => m.k, desired: (d) => d });
  assert.deepEqual(diff.toAdd, []);
  assert.deepEqual(
    diff.toRemove.map((m) => m.id),
    [2],
  );
  assert.deepEqual(
    diff.unchanged.map((u) => u.current.id),
    [1],
  );
});

test("one-shot iterables (generators) work on both sides", () => {
  function* gen(items: string[]) {
    yield* items;
  }
  const diff = diffSets(gen(["x", "y"]), gen(["y", "z"]), (s) => s);
  assert.deepEqual([diff.toAdd, diff.toRemove], [["z"], ["x"]]);
});

test("property: applying the diff to current leaves exactly the desired keys, each once", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 20 })), fc.array(fc.integer({ min: 0, max: 20 })), (currentKeys, desired) => {
      const current = currentKeys.map((k, i) => ({ i, k }));
      const diff = diffSets(current, desired, { current: (c) => c.k, desired: (d) => d });
      const removed = new Set(diff.toRemove);
      const remaining = current.filter((c) => !removed.has(c)).map((c) => c.k);
      assert.equal(new Set(remaining).size, remaining.length, "no key left twice");
      assert.deepEqual(
        [...remaining, ...diff.toAdd].sort((a, b) => a - b),
        [...new Set(desired)].sort((a, b) => a - b),
      );
      assert.equal(diff.toRemove.length + diff.unchanged.length, current.length);
    }),
  );
});
