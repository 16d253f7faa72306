// The pam360: section and its part of the desired state: the scim section's rules under its own
// name, plus what PAM360 requires on create (names, mail, a role) and the pam360_domain extension.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { buildDesiredState } from "../../../providers/target-model";
import { targets } from "../../../providers/targets";
import { brief, briefs, load, loadValid, yaml } from "../../model/helpers";
import { directoryUser, snapshotOf } from "../../model/fixtures/snapshots";
import { DOMAIN, DOMAIN_TYPE } from "./harness";

const mappings = yaml`
  groups:
    admins: { displayName: PAM Admins }
    everyone: { displayName: PAM Users }
  pam360:
    members: [everyone]
    roles:
      - role: Privileged Administrator
        precedence: 1
        members: [admins]
    defaultRole: Password User
    roleLock: [owner@contoso.com]
    provisionGroups: true
`;

const snapshot = snapshotOf({
  users: [
    directoryUser("u1", "alice@contoso.com", { displayName: "Alice Smith", givenName: "Alice", surname: "Smith" }),
    directoryUser("u2", "bob@sub.contoso.com", { displayName: "Bob", mail: null }),
    directoryUser("u3", "owner@contoso.com", { displayName: "Olive Owner Jones" }),
    directoryUser("u4", "carol@contoso.com", { accountEnabled: false }),
  ],
  groups: [
    { id: "g-admins", displayName: "PAM Admins", userIds: ["u1", "u3"] },
    { id: "g-all", displayName: "PAM Users", userIds: ["u1", "u2", "u3", "u4"] },
  ],
});

test("every PAM360 user is an Entra ID user (userType 2) of its UPN's domain, with both names, a mail and a role", () => {
  const { state, problems } = buildDesiredState(loadValid({ "pam360.yaml": mappings }), snapshot);
  assert.deepEqual(problems, []);
  const users = new Map(state.pam360!.users.map((u) => [u.userName, u]));
  const alice = users.get("alice@contoso.com")!;
  assert.deepEqual(alice.attributes, { [DOMAIN_TYPE]: 2, [DOMAIN]: "contoso.com" });
  assert.deepEqual(alice.roles, ["Privileged Administrator"]);
  const bob = users.get("bob@sub.contoso.com")!;
  assert.deepEqual(
    [bob.givenName, bob.familyName, bob.email],
    ["Bob", "Bob", "bob@sub.contoso.com"],
    "names from the display name, the UPN for a missing mail",
  );
  assert.equal(bob.attributes![DOMAIN], "sub.contoso.com");
  assert.deepEqual(bob.roles, ["Password User"], "the default role");
  const owner = users.get("owner@contoso.com")!;
  assert.deepEqual([owner.givenName, owner.familyName], ["Olive", "Owner Jones"]);
  assert.equal(owner.roleLocked, true);
  assert.deepEqual(owner.roles, ["Privileged Administrator"], "a locked user carries the role PAM360 requires on create");
  assert.equal(users.get("carol@contoso.com")!.active, false, "disabled in Entra: kept, inactive");
  assert.deepEqual(
    state.pam360!.groups.map((g) => [g.displayName, g.members, g.description]),
    [
      ["PAM Admins", ["alice@contoso.com", "owner@contoso.com"], undefined],
      ["PAM Users", ["alice@contoso.com", "bob@sub.contoso.com", "carol@contoso.com", "owner@contoso.com"], undefined],
    ],
  );
});

test("the mapping's domain applies to every user", () => {
  const { state } = buildDesiredState(loadValid({ "pam360.yaml": mappings.replace("pam360:\n", "pam360:\n  domain: CONTOSO\n") }), snapshot);
  assert.ok(state.pam360!.users.every((u) => u.attributes![DOMAIN] === "CONTOSO" && u.attributes![DOMAIN_TYPE] === 2));
});

test("without a default role, a user in no mapped group is ROLE_MISSING at the section: PAM360 refuses a user without roles", () => {
  const { problems } = buildDesiredState(loadValid({ "pam360.yaml": mappings.replace("  defaultRole: Password User\n", "") }), snapshot);
  const missing = problems.filter((p) => p.code === "ROLE_MISSING");
  assert.equal(missing.length, 1);
  assert.deepEqual(brief(missing[0]), { code: "ROLE_MISSING", file: "pam360.yaml", line: 4, column: 1, field: "pam360" });
  assert.match(
    missing[0].message,
    /PAM360 requires a role on every user, and 2 would get none \(bob@sub\.contoso\.com, carol@contoso\.com\): set pam360\.defaultRole/,
  );
});

test("bad pam360 sections: each problem names file, line, column and field under pam360", () => {
  const bad = yaml`
    groups:
      admins: { displayName: PAM Admins }
    pam360:
      domain: ""
      roles:
        - role: Administrator
          precedence: 1
          members: [admins]
        - role: Auditor
          precedence: 1
          members: [admins]
      colour: blue
  `;
  const found = briefs(load({ "pam360.yaml": bad }).errors).map((b) => `${b.code} ${b.file}:${b.line}:${b.column} ${b.field}`);
  for (const expected of [
    "INVALID_VALUE pam360.yaml:4:11 pam360.domain",
    "DUPLICATE_SETTING pam360.yaml:10:19 pam360.roles[1].precedence",
    "UNKNOWN_KEY pam360.yaml:12:3 pam360.colour",
  ]) {
    assert.ok(found.includes(expected), `expected ${expected} in\n${found.join("\n")}`);
  }
});

test("the removal check sees PAM360's accounts and roles as the target's own; a locked user's role is PAM360's, not ours", () => {
  const { state } = buildDesiredState(loadValid({ "pam360.yaml": mappings }), snapshot);
  const access = targets.pam360.access(state.pam360!);
  assert.deepEqual(Object.keys(access.accounts).sort(), ["u1", "u2", "u3"], "carol is disabled: no active account");
  assert.deepEqual(access.grants["role Privileged Administrator"], ["u1"], "owner (u3) is role-locked: not counted");
  assert.deepEqual(access.grants["group PAM Admins"], ["u1", "u3"]);
});

test("guardrails and explain name PAM360's roles as pam360:role:<name>, the default role included", () => {
  const model = loadValid({ "pam360.yaml": mappings });
  const rules = targets.pam360.model.grantRules!(model.pam360!);
  assert.deepEqual(
    rules.map((r) => r.key),
    ["pam360:role:Privileged Administrator"],
  );
  assert.deepEqual(targets.pam360.model.grantKinds, ["role"]);
});

test("a pam360.domain that is no domain name (a space, a trailing dot) is INVALID_VALUE at the setting", () => {
  for (const domain of ["contoso com", "contoso.com.", "-contoso.com"]) {
    const result = load({ "pam360.yaml": mappings.replace("  members: [everyone]\n", `  domain: "${domain}"\n  members: [everyone]\n`) });
    assert.deepEqual(
      briefs(result.errors).map((p) => [p.code, p.field]),
      [["INVALID_VALUE", "pam360.domain"]],
      domain,
    );
    assert.match(result.errors[0].message, /is not a domain name/);
  }
  assert.deepEqual(load({ "pam360.yaml": mappings.replace("  members: [everyone]\n", "  domain: corp.contoso.com\n  members: [everyone]\n") }).errors, []);
});
