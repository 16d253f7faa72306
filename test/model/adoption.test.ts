// The removal check's baseline for adopted objects: what the products hold now for what a run
// takes over, merged into the last run's record, and an adopted grant that would be emptied.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { emptiedAdoptions, withBaseline } from "../../model/adoption";
import { checkRemovals, type AccessRecord } from "../../model/removal-safety";

const LIMITS = { maxRemovals: 10, maxRemovalPercent: 50 };
const record = (targets: AccessRecord["targets"]): AccessRecord => ({ version: 1, targets, sources: {} });

test("on a first run the adopted objects are the baseline: taking a hand-set role away counts as a removal", () => {
  const baseline = withBaseline(undefined, { scim: { accounts: { id1: "op@contoso.com" }, grants: { "role Administrator": ["id1"] } } });
  const verdict = checkRemovals(baseline, record({ scim: { accounts: { id1: "op@contoso.com" }, grants: { "role Viewer": ["id1"] } } }), LIMITS);
  assert.deepEqual(verdict.removals, [{ target: "scim", what: "role Administrator", who: "op@contoso.com" }]);
});

test("nothing adopted: the last run's record is the baseline unchanged (undefined on a first run)", () => {
  assert.equal(withBaseline(undefined, { pra: { accounts: {}, grants: {} } }), undefined);
  const previous = record({ pra: { accounts: { a: "a@x" }, grants: {} } });
  assert.equal(withBaseline(previous, {}), previous);
});

test("a later run adopts into the record: a role both name holds the recorded and the adopted holders", () => {
  const previous = record({ scim: { accounts: { a: "a@x" }, grants: { "role Viewer": ["a"] } } });
  const merged = withBaseline(previous, { scim: { accounts: { b: "b@x" }, grants: { "role Viewer": ["b"], "role Owner": ["b"] } } })!;
  assert.deepEqual(merged.targets.scim, { accounts: { a: "a@x", b: "b@x" }, grants: { "role Viewer": ["a", "b"], "role Owner": ["b"] } });
  assert.deepEqual(previous.targets.scim.grants["role Viewer"], ["a"], "the record itself is not changed");
});

test("an adopted policy that holds people now and would hold no one is a reason to stop; one kept or newly filled is not", () => {
  const baselines = { pra: { accounts: {}, grants: { "group policy Ops": ["a", "b"], "group policy Empty": [], "group policy Kept": ["c"] } } };
  const current = record({ pra: { accounts: {}, grants: { "group policy Ops": [], "group policy Empty": ["d"], "group policy Kept": ["c"] } } });
  assert.deepEqual(emptiedAdoptions(baselines, current), ["pra: group policy Ops, adopted, grants access to 2 now and would grant it to no one"]);
});
