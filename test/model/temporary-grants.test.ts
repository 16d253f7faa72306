// Temporary grants: `until` on a member source, judged by the clock the caller passes, at the
// boundary (a fixed clock just before and just after), maxGrantDays, and what the reports list.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { buildDesiredState, temporaryGrantsOf } from "../../providers/target-model";
import { clockValue } from "../../model";
import { expiredStillPresent, temporaryGrantLines } from "../../report/temporary-grants";
import { briefs, load, loadValid, yaml } from "./helpers";
import { directoryUser, snapshotOf } from "./fixtures/snapshots";

const at = (iso: string) => Date.parse(iso);

const mappings = (praUntil: string, privxUntil: string, maxGrantDays = "") => ({
  "access.yaml": yaml`
    groups:
      admins: { displayName: Admins }
      vendors: { displayName: Vendors }
    pra:
      groupPolicies:
        - name: Vendor Access
          ${maxGrantDays}
          members:
            - admins
            - { source: vendors, until: ${praUntil} }
          permissions: { perm_shell_jump: true }
    privx:
      roles:
        - name: vendor-shell
          members:
            - source: vendors
              until: ${privxUntil}
  `,
});

const snapshot = snapshotOf({
  users: [directoryUser("u-admin", "ann@contoso.com"), directoryUser("u-vendor", "vic@fabrikam.com")],
  groups: [
    { id: "g-admins", displayName: "Admins", userIds: ["u-admin"] },
    { id: "g-vendors", displayName: "Vendors", userIds: ["u-vendor"] },
  ],
});

function buildAt(now: string, praUntil = "2026-12-31", privxUntil = "2026-12-31T18:00Z") {
  const { state, problems } = buildDesiredState(loadValid(mappings(praUntil, privxUntil)), snapshot, { now: at(now) });
  assert.deepEqual(briefs(problems), []);
  return state;
}

describe("until on a member source", () => {
  test("a date holds through the end of that day (UTC): in at 23:59:59.999, out at midnight", () => {
    const before = buildAt("2026-12-31T23:59:59.999Z");
    assert.deepEqual(before.pra?.groupPolicies[0].memberGroups, ["Admins", "Vendors"]);
    assert.ok(before.pra?.users.some((u) => u.userName === "vic@fabrikam.com"));
    const after = buildAt("2027-01-01T00:00:00.000Z");
    assert.deepEqual(after.pra?.groupPolicies[0].memberGroups, ["Admins"]);
    assert.ok(!after.pra?.users.some((u) => u.userName === "vic@fabrikam.com"), "the vendor's only grant ended: no desired PRA user, so the leaver policy applies");
    assert.ok(!after.pra?.groups.some((g) => g.displayName === "Vendors"));
  });

  test("a date and time holds until exactly then", () => {
    assert.deepEqual(buildAt("2026-12-31T17:59:59.999Z").privx?.users.map((u) => [u.userName, u.groups]), [["vic@fabrikam.com", ["vendor-shell"]]]);
    assert.deepEqual(buildAt("2026-12-31T18:00:00.000Z").privx?.users, []);
  });

  test("without a clock every grant counts (callers that honour until pass now; the program always does)", () => {
    const { state } = buildDesiredState(loadValid(mappings("2020-01-01", "2020-01-01")), snapshot);
    assert.deepEqual(state.pra?.groupPolicies[0].memberGroups, ["Admins", "Vendors"]);
  });

  test("an until that is no date is refused at its file, line and field", () => {
    const notADay = load(mappings("2026-02-30", "2026-12-31"));
    assert.deepEqual(briefs(notADay.errors), [{ code: "INVALID_VALUE", file: "access.yaml", line: 10, column: 37, field: "pra.groupPolicies[0].members[1].until" }]);
    const words = load(mappings("next-friday", "2026-12-31"));
    assert.ok(words.errors.some((e) => e.code === "INVALID_VALUE" && e.field === "pra.groupPolicies[0].members[1].until"));
    assert.equal(notADay.value, null);
  });
});

describe("maxGrantDays", () => {
  const withLimit = (days: number) => mappings("2026-12-31", "2026-12-31T18:00Z", `maxGrantDays: ${days}`);
  const now = at("2026-12-01T00:00:00Z"); // 2026-12-31 ends 31 days later

  test("a grant longer than the policy allows fails at the until, citing the limit", () => {
    const { problems } = buildDesiredState(loadValid(withLimit(30)), snapshot, { now });
    assert.deepEqual(briefs(problems), [{ code: "GRANT_TOO_LONG", file: "access.yaml", line: 10, column: 37, field: "pra.groupPolicies[0].members[1].until" }]);
    assert.deepEqual(problems[0].related?.map((r) => [r.line, r.field]), [[7, "pra.groupPolicies[0].maxGrantDays"]]);
  });

  test("a grant exactly as long as allowed passes", () => {
    assert.deepEqual(briefs(buildDesiredState(loadValid(withLimit(31)), snapshot, { now }).problems), []);
  });
});

describe("temporary grants in the reports", () => {
  test("each grant with its state: current, ending in the next 7 days, expired", () => {
    const model = loadValid(mappings("2026-12-31", "2026-12-20"));
    const states = (iso: string) => temporaryGrantsOf(model, at(iso)).map((g) => [g.target, g.rule.name, g.source, g.state, g.daysLeft]);
    assert.deepEqual(states("2026-12-01T00:00:00Z"), [
      ["privx", "vendor-shell", "vendors", "current", 20],
      ["pra", "Vendor Access", "vendors", "current", 31],
    ]);
    assert.deepEqual(states("2026-12-25T00:00:00Z"), [
      ["privx", "vendor-shell", "vendors", "expired", -4],
      ["pra", "Vendor Access", "vendors", "ending soon", 7],
    ]);
  });

  test("drift lists an expired grant only while the pending plan still removes it", () => {
    const lines = temporaryGrantLines(temporaryGrantsOf(loadValid(mappings("2026-12-31", "2026-12-31")), at("2027-02-01T00:00:00Z")));
    const policyChange = { target: "PRA", objectType: "group policy", name: "Vendor Access", urn: "u1", change: "update" as const, differences: [{ path: "memberGroups", before: "", after: "", removed: ["Vendors"] }] };
    const roleChange = { target: "PrivX", objectType: "user", name: "vic@fabrikam.com", urn: "u2", change: "update" as const, differences: [{ path: "groups", before: "", after: "", removed: ["vendor-shell"] }] };
    assert.deepEqual(expiredStillPresent(lines, { directoryChanges: [policyChange, roleChange] }).map((g) => g.rule), ['group policy "Vendor Access"', 'role "vendor-shell"']);
    assert.deepEqual(expiredStillPresent(lines, { directoryChanges: [] }), []);
  });
});

describe("the clock", () => {
  test("the now setting wins over the machine's time, and a bad one is refused", () => {
    assert.equal(clockValue("2026-12-31T18:00:00Z", () => assert.fail("read the machine's clock")), at("2026-12-31T18:00:00Z"));
    assert.equal(clockValue(undefined, () => 42), 42);
    assert.throws(() => clockValue("soon", () => 0), /PAM_RECONCILER_NOW/);
  });
});
