// The removal check between two runs' access records: what counts as a removal, and when a run
// must stop.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { accessRecordFrom, checkRemovals, type AccessRecord } from "../../model/removal-safety";

const LIMITS = { maxRemovals: 10, maxRemovalPercent: 20 };

function record(accounts: Record<string, string>, grants: Record<string, string[]>, sources: Record<string, number> = {}): AccessRecord {
  return { version: 1, targets: { pra: { accounts, grants } }, sources };
}

const team = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`id${i}`, `user${i}@contoso.com`]));

test("the first run has no previous record: nothing counts as removed", () => {
  assert.deepEqual(checkRemovals(undefined, record({}, {}), LIMITS), { removals: [], reasons: [] });
});

test("a deactivated account and a person leaving a policy are one removal each, named by username", () => {
  const before = record(team(20), { "group policy Admins": ["id0", "id1"] });
  const afterAccounts = team(20);
  delete afterAccounts.id0;
  const verdict = checkRemovals(before, record(afterAccounts, { "group policy Admins": ["id1"] }), LIMITS);
  assert.deepEqual(verdict.removals, [
    { target: "pra", what: "account", who: "user0@contoso.com" },
    { target: "pra", what: "group policy Admins", who: "user0@contoso.com" },
  ]);
  assert.deepEqual(verdict.reasons, []);
});

test("a deleted policy counts everyone it granted", () => {
  const before = record(team(30), { "group policy Admins": ["id0", "id1", "id2"] });
  const verdict = checkRemovals(before, record(team(30), {}), LIMITS);
  assert.equal(verdict.removals.length, 3);
});

test("more removals than maxRemovals stop the run", () => {
  const before = record(team(100), {});
  const verdict = checkRemovals(before, record(Object.fromEntries(Object.entries(team(100)).slice(11)), {}), { maxRemovals: 10, maxRemovalPercent: 100 });
  assert.equal(verdict.removals.length, 11);
  assert.match(verdict.reasons.join("\n"), /11 removals exceed safety.maxRemovals \(10\)/);
});

test("more than maxRemovalPercent of what a target manages stops the run, at the boundary", () => {
  const before = record(team(10), {});
  const two = Object.fromEntries(Object.entries(team(10)).slice(2));
  const three = Object.fromEntries(Object.entries(team(10)).slice(3));
  assert.deepEqual(checkRemovals(before, record(two, {}), { maxRemovals: 100, maxRemovalPercent: 20 }).reasons, [], "2 of 10 is 20 %: allowed");
  assert.equal(checkRemovals(before, record(three, {}), { maxRemovals: 100, maxRemovalPercent: 20 }).reasons.length, 1, "3 of 10 is over 20 %");
});

test("a target left with no account always stops the run, whatever the limits", () => {
  const verdict = checkRemovals(record(team(1), {}), { version: 1, targets: {}, sources: {} }, { maxRemovals: 100, maxRemovalPercent: 100 });
  assert.match(verdict.reasons.join("\n"), /pra: no account would be left/);
});

test("a member source that had members and reads as empty always stops the run", () => {
  const verdict = checkRemovals(record(team(5), {}, { "group vendors": 2 }), record(team(5), {}, { "group vendors": 0 }), {
    maxRemovals: 100,
    maxRemovalPercent: 100,
  });
  assert.deepEqual(verdict.reasons, ["group vendors had 2 members on the last run and reads as empty now"]);
});

test("a record read back is used only when it is one the program wrote", () => {
  assert.equal(accessRecordFrom(undefined), undefined);
  assert.equal(accessRecordFrom({ version: 2, targets: {}, sources: {} }), undefined);
  assert.ok(accessRecordFrom({ version: 1, targets: {}, sources: {} }));
});

test("a group whose only member is protected does not trip the empty-group guard when it empties: nobody had access through it", async () => {
  const { memberSourceSizes } = await import("../../providers/target-model");
  const { loadValid, yaml } = await import("./helpers");
  const { directoryUser, snapshotOf } = await import("./fixtures/snapshots");
  const model = loadValid({
    "m.yaml": yaml`
      groups:
        vault: { displayName: Vault Keepers }
        admins: { displayName: Admins }
      protected: [breakglass@contoso.com]
      pra:
        groupPolicies:
          - { name: Vault, members: [vault] }
          - { name: Admins, members: [admins] }
    `,
  });
  const users = [directoryUser("u-bg", "breakglass@contoso.com"), directoryUser("u-ann", "ann@contoso.com")];
  const snapshot = (vault: string[]) =>
    snapshotOf({
      users,
      groups: [
        { id: "g-vault", displayName: "Vault Keepers", userIds: vault },
        { id: "g-admins", displayName: "Admins", userIds: ["u-ann"] },
      ],
    });
  const before = memberSourceSizes(model, snapshot(["u-bg"]));
  const after = memberSourceSizes(model, snapshot([]));
  assert.deepEqual(before, { "group admins": 1, "group vault": 0 }, "the protected member is not counted");
  const keep = record(team(5), {});
  assert.deepEqual(checkRemovals({ ...keep, sources: before }, { ...keep, sources: after }, LIMITS).reasons, []);
  // A managed member leaving still trips it.
  const withAnn = memberSourceSizes(model, snapshot(["u-bg", "u-ann"]));
  assert.deepEqual(checkRemovals({ ...keep, sources: withAnn }, { ...keep, sources: after }, LIMITS).reasons, [
    "group vault had 1 members on the last run and reads as empty now",
  ]);
});
