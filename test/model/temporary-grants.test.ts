// Temporary grants: `until` on a member source, judged by the clock the caller passes, at the
// boundary (a fixed clock just before and just after), maxGrantDays, and what the reports list.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { buildDesiredState, temporaryGrantsOf } from "../../providers/target-model";
import { clockValue } from "../../model";
import { expiredStillPresent } from "../../report/temporary-grants";
import type { DigestStep } from "../../report/digest";
import { buildDriftReport } from "../../report/drift-report";
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
    assert.ok(
      !after.pra?.users.some((u) => u.userName === "vic@fabrikam.com"),
      "the vendor's only grant ended: no desired PRA user, so the leaver policy applies",
    );
    assert.ok(!after.pra?.groups.some((g) => g.displayName === "Vendors"));
  });

  test("a date and time holds until exactly then", () => {
    assert.deepEqual(
      buildAt("2026-12-31T17:59:59.999Z").privx?.users.map((u) => [u.userName, u.groups]),
      [["vic@fabrikam.com", ["vendor-shell"]]],
    );
    assert.deepEqual(buildAt("2026-12-31T18:00:00.000Z").privx?.users, []);
  });

  test("without a clock every grant counts (callers that honour until pass now; the program always does)", () => {
    const { state } = buildDesiredState(loadValid(mappings("2020-01-01", "2020-01-01")), snapshot);
    assert.deepEqual(state.pra?.groupPolicies[0].memberGroups, ["Admins", "Vendors"]);
  });

  test("an until that is no date is refused at its file, line and field", () => {
    const notADay = load(mappings("2026-02-30", "2026-12-31"));
    assert.deepEqual(briefs(notADay.errors), [
      { code: "INVALID_VALUE", file: "access.yaml", line: 10, column: 37, field: "pra.groupPolicies[0].members[1].until" },
    ]);
    const words = load(mappings("next-friday", "2026-12-31"));
    assert.ok(words.errors.some((e) => e.code === "INVALID_VALUE" && e.field === "pra.groupPolicies[0].members[1].until"));
    assert.equal(notADay.value, null);
  });
});

describe("maxGrantDays", () => {
  // Only the vendors under the limit: a permanent member there is an error of its own (below).
  const withLimit = (days: number) => {
    const files = mappings("2026-12-31", "2026-12-31T18:00Z", `maxGrantDays: ${days}`);
    return { "access.yaml": files["access.yaml"].replace(/\n\s*- admins\n/, "\n") };
  };
  const now = at("2026-12-01T00:00:00Z"); // 2026-12-31 ends 31 days later

  test("a grant longer than the policy allows fails at the until, citing the limit", () => {
    const { problems } = buildDesiredState(loadValid(withLimit(30)), snapshot, { now });
    assert.deepEqual(briefs(problems), [{ code: "GRANT_TOO_LONG", file: "access.yaml", line: 9, column: 37, field: "pra.groupPolicies[0].members[0].until" }]);
    assert.deepEqual(
      problems[0].related?.map((r) => [r.line, r.field]),
      [[7, "pra.groupPolicies[0].maxGrantDays"]],
    );
  });

  test("a grant exactly as long as allowed passes", () => {
    assert.deepEqual(briefs(buildDesiredState(loadValid(withLimit(31)), snapshot, { now }).problems), []);
  });

  test("a permanent member (no until) under maxGrantDays is an error at the member, with or without a clock", () => {
    const files = mappings("2026-12-31", "2026-12-31T18:00Z", "maxGrantDays: 90");
    for (const options of [{ now }, {}]) {
      const { problems } = buildDesiredState(loadValid(files), snapshot, options);
      assert.deepEqual(briefs(problems), [{ code: "GRANT_TOO_LONG", file: "access.yaml", line: 9, column: 11, field: "pra.groupPolicies[0].members[0]" }]);
      assert.match(problems[0].message, /admins is granted group policy "Vendor Access" with no end \(no until\): the group policy allows at most 90 days/);
      assert.deepEqual(
        problems[0].related?.map((r) => r.field),
        ["pra.groupPolicies[0].maxGrantDays"],
      );
    }
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

  test("drift lists an expired grant only while the pending plan removes exactly it (the policy's own member group, the role on an account)", () => {
    const grants = temporaryGrantsOf(loadValid(mappings("2026-12-31", "2026-12-31")), at("2027-02-01T00:00:00Z"));
    const policy = (name: string, before: string[], after: string[]) =>
      step("update", "pra:GroupPolicy", name, { name, memberGroups: before }, { name, memberGroups: after });
    const vendorsGroup = step(
      "same",
      "pra:ScimGroup",
      "g-vendors",
      { externalId: "g-vendors", displayName: "Vendors", members: {} },
      { externalId: "g-vendors", displayName: "Vendors", members: {} },
    );
    const vic = (before: string[], after: string[]) =>
      step(
        "update",
        "privx:ScimUser",
        "vic",
        { userName: "vic@fabrikam.com", entraId: "u-vendor", groups: before },
        { userName: "vic@fabrikam.com", entraId: "u-vendor", groups: after },
      );
    const host = step(
      "update",
      "privx:Host",
      "web-01",
      { commonName: "web-01", directoryRoles: ["vendor-shell"] },
      { commonName: "web-01", directoryRoles: [] },
    );
    const found = (...steps: DigestStep[]) => expiredStillPresent(grants, { steps }).map((g) => g.rule);

    assert.deepEqual(found(policy("Vendor Access", ["Admins", "Vendors"], ["Admins"]), vendorsGroup, vic(["vendor-shell"], [])), [
      'group policy "Vendor Access"',
      'role "vendor-shell"',
    ]);
    assert.deepEqual(found(), []);
    assert.deepEqual(
      found(policy("Vendor Access", ["Admins", "Vendors"], ["Vendors"]), vendorsGroup),
      [],
      "the policy loses another group: not the expired grant",
    );
    assert.deepEqual(found(policy("vendor access (old)", ["Vendors"], []), vendorsGroup), [], "another policy losing the same group is not this rule");
    assert.deepEqual(
      found(host, vic(["other-role", "vendor-shell"], ["vendor-shell"])),
      [],
      "a host's role list, or an account losing another role, is not the role grant",
    );
  });

  test("users held in batch resources are matched as the per-object accounts they stand for", () => {
    const grants = temporaryGrantsOf(loadValid(mappings("2026-12-31", "2026-12-31")), at("2027-02-01T00:00:00Z"));
    const member = (groups: string[]) => ({ "vic-key": { externalId: "vic-key", userName: "vic@fabrikam.com", entraId: "u-vendor", groups } });
    const batch = step("update", "privx:ScimUsers", "users-07", { members: member(["vendor-shell"]) }, { members: member([]) });
    assert.deepEqual(
      buildDriftReport({ steps: [] }, { steps: [batch] }, grants).expiredGrants.map((g) => g.rule),
      ['role "vendor-shell"'],
    );
    const other = step("update", "privx:ScimUsers", "users-07", { members: member(["vendor-shell", "x"]) }, { members: member(["vendor-shell"]) });
    assert.deepEqual(buildDriftReport({ steps: [] }, { steps: [other] }, grants).expiredGrants, []);
  });

  test("an expired direct grant matches the person's own group, or the person's account, by object id or userName", () => {
    const direct = {
      "access.yaml": yaml`
        pra:
          groupPolicies:
            - name: Vendor Access
              members: [{ user: vic@fabrikam.com, until: 2026-12-31 }]
        privx:
          roles:
            - name: vendor-shell
              members: [{ user: u-vendor@contoso.com, until: 2026-12-31 }]
      `,
    };
    const grants = temporaryGrantsOf(loadValid(direct), at("2027-02-01T00:00:00Z"));
    const own = "pam-direct Vendor Access vic@fabrikam.com";
    const policy = step(
      "update",
      "pra:GroupPolicy",
      "Vendor Access",
      { name: "Vendor Access", memberGroups: [own] },
      { name: "Vendor Access", memberGroups: [] },
    );
    const group = (members: Record<string, string>) =>
      step(
        "delete",
        "pra:ScimGroup",
        "pam-direct/Vendor Access/u-vendor",
        { externalId: "pam-direct/Vendor Access/u-vendor", displayName: own, members },
        undefined,
      );
    const user = (userName: string) => step("delete", "privx:ScimUser", "x", { userName, entraId: "u-other", groups: ["vendor-shell"] }, undefined);
    const found = (...steps: DigestStep[]) => expiredStillPresent(grants, { steps }).map((g) => g.rule);
    assert.deepEqual(found(policy, group({ "vic@fabrikam.com": "u-vendor" }), user("u-vendor@contoso.com")), [
      'group policy "Vendor Access"',
      'role "vendor-shell"',
    ]);
    assert.deepEqual(found(policy, group({ "someone@fabrikam.com": "u-someone" }), user("someone@contoso.com")), [], "another person's group or account");
  });
});

/** One digest step of a resource of `module:Kind`. */
function step(op: string, type: string, name: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): DigestStep {
  const t = `pulumi-nodejs:dynamic/${type}`;
  const urn = `urn:pulumi:prod::pam-reconciler::${t}::${name}`;
  return { op, urn, ...(before ? { oldState: { urn, type: t, outputs: before } } : {}), ...(after ? { newState: { urn, type: t, inputs: after } } : {}) };
}

describe("the clock", () => {
  test("the now setting wins over the machine's time, and a bad one is refused", () => {
    assert.equal(
      clockValue("2026-12-31T18:00:00Z", () => assert.fail("read the machine's clock")),
      at("2026-12-31T18:00:00Z"),
    );
    assert.equal(
      clockValue(undefined, () => 42),
      42,
    );
    assert.throws(() => clockValue("soon", () => 0), /PAM_RECONCILER_NOW/);
  });
});
