import { test } from "node:test";
import * as assert from "node:assert/strict";
import { deletionOrder, refuseProtected } from "../../../bench/engine/deletes";
import { isEngineError } from "../../../bench/engine/errors";
import type { ResourceState } from "../../../bench/engine/state";

function r(name: string, extra: Partial<ResourceState> = {}): ResourceState {
  return { urn: `u::${name}`, type: "t", custom: true, id: name, inputs: {}, outputs: {}, dependencies: [], ...extra };
}

test("dependents are deleted before what they depend on, latest first among independents", () => {
  const stack = r("stack", { custom: false });
  const a = r("a", { parent: "u::stack" });
  const b = r("b", { parent: "u::stack", dependencies: ["u::a"] });
  const c = r("c", { parent: "u::b" });
  const d = r("d", { parent: "u::stack", propertyDependencies: { upstream: ["u::a"] } });
  const e = r("e", { parent: "u::stack" });
  const order = deletionOrder([stack, a, b, c, d, e]).map((x) => x.id);
  assert.deepEqual(order, ["e", "d", "c", "b", "a", "stack"]);
});

test("an old copy waiting for deletion is ordered by the URN it shares with its replacement", () => {
  const a = r("a");
  const oldB = r("b-old", { urn: "u::b", delete: true, dependencies: ["u::a"] });
  assert.deepEqual(
    deletionOrder([a, oldB]).map((x) => x.id),
    ["b-old", "a"],
  );
});

test("protected resources are refused before anything is deleted, naming every one", () => {
  try {
    refuseProtected([r("a", { protect: true }), r("b"), r("c", { protect: true })], "dev");
    assert.fail("expected PROTECTED");
  } catch (e) {
    assert.ok(isEngineError(e));
    assert.equal(e.code, "PROTECTED");
    assert.equal(e.facts.urn, "u::a");
    assert.match(e.message, /u::c/);
  }
  refuseProtected([r("replaced", { protect: true, delete: true })], "dev");
});
