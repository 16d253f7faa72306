// Direct grants: one person granted a PRA group policy, a PrivX role or a SCIM role mapping
// (`members: [{ user, until }]`), resolved through the directory read: the person's own PRA
// SCIM group, expiry at the boundary, a person the directory lacks refused at file:line:field,
// protected and disabled accounts as for group grants, and guardrails seeing the direct path.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { buildDesiredState, sourceRequestOf, temporaryGrantsOf } from "../../providers/target-model";
import { directGroupKey, directGroupName } from "../../providers/pra/direct-groups";
import { accessRecordOf } from "../../program/access-record";
import { checkRemovals } from "../../model/removal-safety";
import { briefs, load, loadValid, yaml } from "./helpers";
import { directoryUser, snapshotOf } from "./fixtures/snapshots";

const at = (iso: string) => Date.parse(iso);
const VENDOR_ID = "0f0e0d0c-0b0a-4909-8807-060504030201";

const mappings = (guardrail = "") => ({
  ...(guardrail ? { "guardrails.yaml": `guardrails:\n  - ${guardrail}\n` } : {}),
  "access.yaml": yaml`
    groups:
      admins: { displayName: Admins }
    protected: [breakglass@contoso.com]
    pra:
      groupPolicies:
        - name: Vendor Access
          members:
            - admins
            - { user: vic@fabrikam.com, until: 2026-12-31 }
          permissions: { perm_shell_jump: true }
    privx:
      roles:
        - name: vendor-shell
          members: [{ user: ${VENDOR_ID} }]
  `,
});

const vendor = directoryUser(VENDOR_ID, "vic@fabrikam.com");
const snapshot = (users = [vendor]) =>
  snapshotOf({ users: [directoryUser("u-admin", "ann@contoso.com"), ...users], groups: [{ id: "g-admins", displayName: "Admins", userIds: ["u-admin"] }] });

describe("a direct grant", () => {
  test("asks the directory read for the person, by UPN or object id", () => {
    assert.deepEqual(sourceRequestOf(loadValid(mappings())).users, [VENDOR_ID, "vic@fabrikam.com"]);
  });

  test("gives the person their own PRA SCIM group in the policy, keyed by policy and object id; until holds through the day", () => {
    const before = buildDesiredState(loadValid(mappings()), snapshot(), { now: at("2026-12-31T23:59:59.999Z") });
    assert.deepEqual(briefs(before.problems), []);
    const key = directGroupKey("Vendor Access", VENDOR_ID);
    assert.equal(key, `pam-direct/Vendor Access/${VENDOR_ID}`);
    assert.deepEqual(
      before.state.pra?.groups.find((g) => g.externalId === key),
      { externalId: key, displayName: "pam-direct Vendor Access vic@fabrikam.com", members: ["vic@fabrikam.com"] },
    );
    assert.deepEqual(before.state.pra?.groupPolicies[0].memberGroups, ["Admins", "pam-direct Vendor Access vic@fabrikam.com"]);
    assert.deepEqual(
      before.state.privx?.users.map((u) => [u.userName, u.groups]),
      [["vic@fabrikam.com", ["vendor-shell"]]],
    );

    const after = buildDesiredState(loadValid(mappings()), snapshot(), { now: at("2027-01-01T00:00:00.000Z") });
    assert.deepEqual(after.state.pra?.groupPolicies[0].memberGroups, ["Admins"], "the expired direct grant's group leaves the policy");
    assert.ok(!after.state.pra?.groups.some((g) => g.externalId === key));
    assert.ok(!after.state.pra?.users.some((u) => u.externalId === VENDOR_ID), "no other PRA grant: the leaver policy applies");
    assert.deepEqual(
      after.state.privx?.users.map((u) => u.groups),
      [["vendor-shell"]],
      "the permanent PrivX direct grant stays",
    );
    const lines = temporaryGrantsOf(loadValid(mappings()), at("2027-01-01T00:00:00.000Z")).map((g) => [g.target, g.rule.name, g.source, g.state]);
    assert.deepEqual(lines, [["pra", "Vendor Access", "vic@fabrikam.com", "expired"]]);
  });

  test("an expired direct grant counts toward the removal safety limit like a group grant", () => {
    const recordAt = (iso: string) => accessRecordOf(buildDesiredState(loadValid(mappings()), snapshot(), { now: at(iso) }).state, {});
    const verdict = checkRemovals(recordAt("2026-12-31T23:00:00Z"), recordAt("2027-01-01T00:00:00Z"), { maxRemovals: 1, maxRemovalPercent: 100 });
    assert.deepEqual(verdict.removals, [
      { target: "pra", what: "account", who: "vic@fabrikam.com" },
      { target: "pra", what: "group policy Vendor Access", who: "vic@fabrikam.com" },
    ]);
    assert.match(verdict.reasons[0], /2 removals exceed safety\.maxRemovals \(1\)/);
  });

  test("a person the directory lacks is refused at the file, line and field of the grant", () => {
    const { problems } = buildDesiredState(
      loadValid(mappings()),
      { ...snapshot([]), namedUsers: { [VENDOR_ID]: null, "vic@fabrikam.com": null } },
      { now: at("2026-06-01T00:00:00Z") },
    );
    assert.deepEqual(briefs(problems), [
      { code: "USER_NOT_IN_DIRECTORY", file: "access.yaml", line: 9, column: 19, field: "pra.groupPolicies[0].members[1].user" },
      { code: "USER_NOT_IN_DIRECTORY", file: "access.yaml", line: 14, column: 25, field: "privx.roles[0].members[0].user" },
    ]);
    assert.match(problems[0].message, /no user "vic@fabrikam\.com"/);
  });

  test("a user value that is neither a UPN nor an object id is refused by the schema", () => {
    const bad = load({
      "access.yaml": yaml`
      pra:
        groupPolicies:
          - name: P
            members: [{ user: just-a-name }]
    `,
    });
    assert.deepEqual(briefs(bad.errors), [{ code: "INVALID_VALUE", file: "access.yaml", line: 4, column: 25, field: "pra.groupPolicies[0].members[0].user" }]);
  });

  test("a disabled person is kept inactive with the grant; a protected one is held hands-off and gets no group", () => {
    const disabled = buildDesiredState(loadValid(mappings()), snapshot([{ ...vendor, accountEnabled: false }]), { now: at("2026-06-01T00:00:00Z") }).state;
    assert.deepEqual(disabled.pra?.users.find((u) => u.externalId === VENDOR_ID)?.active, false);
    assert.ok(disabled.pra?.groupPolicies[0].memberGroups.includes("pam-direct Vendor Access vic@fabrikam.com"));

    const files = { "access.yaml": mappings()["access.yaml"].replace("vic@fabrikam.com, until: 2026-12-31", "breakglass@contoso.com") };
    const guarded = buildDesiredState(loadValid(files), snapshot([vendor, directoryUser("u-bg", "breakglass@contoso.com")]), {
      now: at("2026-06-01T00:00:00Z"),
    });
    assert.deepEqual(briefs(guarded.problems), []);
    assert.equal(guarded.state.pra?.users.find((u) => u.externalId === "u-bg")?.protected, true);
    assert.deepEqual(guarded.state.pra?.groupPolicies[0].memberGroups, ["Admins"]);
  });

  test("a long policy name and username give a group name within PRA's 64 characters, stable and distinct", () => {
    const long = directGroupName("Third-party database maintenance vendors (EMEA)", "someone.with.a.long.name_fabrikam.com#EXT#@contoso.onmicrosoft.com");
    assert.equal(long.length, 64);
    assert.match(long, /^pam-direct Third-party database .*~[0-9a-f]{8}$/);
    assert.equal(
      long,
      directGroupName("Third-party database maintenance vendors (EMEA)", "someone.with.a.long.name_fabrikam.com#EXT#@contoso.onmicrosoft.com"),
    );
    assert.notEqual(
      long,
      directGroupName("Third-party database maintenance vendors (EMEA)", "someone.with.a.long.name_fabrikam.com#EXT#@contoso.onmicrosoft.co"),
    );
  });
});

describe("guardrails on a direct grant", () => {
  const guardrail = (rule: string) => {
    const { problems } = buildDesiredState(loadValid(mappings(rule)), snapshot(), { now: at("2026-06-01T00:00:00Z") });
    return problems.filter((p) => p.code === "GUARDRAIL_VIOLATION");
  };

  test("onlyFrom refuses a direct grant, naming the file and line it is written at", () => {
    const found = guardrail(`{ name: shell from admins, onlyFrom: { grant: "pra:permission:perm_shell_jump", from: [admins] } }`);
    assert.equal(found.length, 1);
    assert.match(
      found[0].message,
      /vic@fabrikam\.com gets pra:permission:perm_shell_jump through group policy "Vendor Access" \(access\.yaml:6\) ← direct grant in access\.yaml:9; it may only come from admins$/,
    );
    assert.deepEqual(
      found[0].related?.map((r) => r.field),
      ["pra.groupPolicies[0].name", "pra.groupPolicies[0].members[1].user"],
    );
  });

  test("onlyFrom with allowDirect lets it pass", () => {
    assert.deepEqual(guardrail(`{ name: shell, onlyFrom: { grant: "pra:permission:perm_shell_jump", from: [admins], allowDirect: true } }`), []);
  });

  test("noExternal, neverTogether and maxMembers count the directly granted person", () => {
    const guest = buildDesiredState(
      loadValid(mappings(`{ name: no guests, noExternal: ["privx:role:vendor-shell"] }`)),
      snapshot([{ ...vendor, userType: "Guest" }]),
      { now: at("2026-06-01T00:00:00Z") },
    ).problems.filter((p) => p.code === "GUARDRAIL_VIOLATION");
    assert.match(
      guest[0]?.message ?? "",
      /guest vic@fabrikam\.com gets privx:role:vendor-shell through role "vendor-shell" \(access\.yaml:13\) ← direct grant in access\.yaml:14/,
    );
    assert.equal(guardrail(`{ name: sod, neverTogether: ["pra:groupPolicy:Vendor Access", "privx:role:vendor-shell"] }`).length, 1);
    assert.equal(guardrail(`{ name: small, maxMembers: { grant: "pra:groupPolicy:Vendor Access", max: 1 } }`).length, 1);
    assert.deepEqual(guardrail(`{ name: small, maxMembers: { grant: "pra:groupPolicy:Vendor Access", max: 2 } }`), []);
  });
});
