// The scim: section of the mapping files and its part of the desired state: validation with
// file:line:field, role precedence, the default role, role lock, disabled users, groups.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { accessOf, buildDesiredState, temporaryGrantsOf } from "../../../providers/target-model";
import { temporaryGrantLines, temporaryGrantsText } from "../../../report/temporary-grants";
import { scimAccess } from "../../../providers/scim/access";
import { brief, briefs, load, loadValid, yaml } from "../../model/helpers";
import { directoryUser, snapshotOf } from "../../model/fixtures/snapshots";

const mappings = yaml`
  groups:
    admins: { displayName: App Admins }
    devs: { displayName: App Developers }
    everyone: { displayName: App Users }
  protected: [breakglass@contoso.com]
  scim:
    members: [everyone]
    roles:
      - role: Developer
        precedence: 2
        members: [devs]
      - role: Administrator
        precedence: 1
        members: [admins]
    defaultRole: Viewer
    roleLock: [Owner@Contoso.com]
    provisionGroups: true
`;

const snapshot = snapshotOf({
  users: [
    directoryUser("u1", "alice@contoso.com"),
    directoryUser("u2", "bob@contoso.com"),
    directoryUser("u3", "carol@contoso.com", { accountEnabled: false }),
    directoryUser("u4", "owner@contoso.com"),
    directoryUser("u5", "breakglass@contoso.com"),
    directoryUser("u6", "outsider@contoso.com"),
  ],
  groups: [
    { id: "g-admins", displayName: "App Admins", userIds: ["u1", "u4"] },
    { id: "g-devs", displayName: "App Developers", userIds: ["u1", "u2", "u3"] },
    { id: "g-all", displayName: "App Users", userIds: ["u1", "u2", "u3", "u4", "u5", "u6"] },
  ],
});

test("precedence decides for users in several mapped groups; others get the default role; disabled users stay inactive with their role", () => {
  const { state, problems } = buildDesiredState(loadValid({ "scim.yaml": mappings }), snapshot);
  assert.deepEqual(problems, []);
  const users = new Map(state.scim!.users.map((u) => [u.userName, u]));
  assert.deepEqual(users.get("alice@contoso.com")!.roles, ["Administrator"], "admins (1) wins over devs (2)");
  assert.deepEqual(users.get("bob@contoso.com")!.roles, ["Developer"]);
  assert.deepEqual(users.get("outsider@contoso.com")!.roles, ["Viewer"], "in scope, in no mapped group: the default role");
  const carol = users.get("carol@contoso.com")!;
  assert.equal(carol.active, false, "disabled in Entra: kept, inactive");
  assert.deepEqual(carol.roles, ["Developer"]);
  const owner = users.get("owner@contoso.com")!;
  assert.equal(owner.roleLocked, true, "role lock matches without case");
  assert.deepEqual(owner.roles, [], "a locked user's role is never declared");
  assert.equal(users.get("breakglass@contoso.com")!.protected, true);
  assert.equal(users.get("alice@contoso.com")!.roleAttribute, "roles", "RFC 7643 §4.1.2 roles by default");
  assert.equal(users.get("alice@contoso.com")!.externalId, "u1");
  const groups = new Map(state.scim!.groups.map((g) => [g.displayName, g.members]));
  assert.deepEqual(groups.get("App Admins"), ["alice@contoso.com", "owner@contoso.com"]);
  assert.equal(groups.get("App Users")!.includes("breakglass@contoso.com"), false, "protected accounts are never desired members");
});

test("the removal check counts roles we manage, not locked ones, and only active accounts", () => {
  const { state } = buildDesiredState(loadValid({ "scim.yaml": mappings }), snapshot);
  const access = scimAccess(state.scim!);
  assert.deepEqual(Object.keys(access.accounts).sort(), ["u1", "u2", "u4", "u6"]);
  assert.deepEqual(access.grants["role Administrator"], ["u1"], "owner is locked: its role is the application's");
  assert.deepEqual(access.grants["role Developer"], ["u2", "u3"]);
});

test("without a default role, users in no mapped group get none; a lock on a directory account out of scope is a warning at the entry", () => {
  const text = mappings.replace("  defaultRole: Viewer\n", "").replace("roleLock: [Owner@Contoso.com]", "roleLock: [stranger@contoso.com]");
  const withStranger = { ...snapshot, users: { ...snapshot.users, u9: directoryUser("u9", "stranger@contoso.com") } };
  const { state, problems } = buildDesiredState(loadValid({ "scim.yaml": text }), withStranger);
  assert.deepEqual(state.scim!.users.find((u) => u.userName === "outsider@contoso.com")!.roles, []);
  assert.deepEqual(
    problems.map((p) => ({ ...brief(p), severity: p.severity })),
    [{ code: "UNMATCHED_ACCOUNT", file: "scim.yaml", line: 15, column: 14, field: "scim.roleLock[0]", severity: "warning" }],
  );
});

test("a role lock with a look-alike letter is refused when the mappings load, at the entry", () => {
  const result = load({ "scim.yaml": mappings.replace("roleLock: [Owner@Contoso.com]", 'roleLock: ["оwner@contoso.com"]' /* Cyrillic о */) });
  assert.deepEqual(
    briefs(result.errors).map((p) => [p.code, p.line, p.field]),
    [["UNSAFE_NAME", 16, "scim.roleLock[0]"]],
  );
  assert.match(result.errors[0].message, /mixes letters of the Latin and Cyrillic scripts/);
});

test("a role lock that names no account in the directory (a typo) is an error at the entry, with the nearest names", () => {
  for (const typo of ["owner@contoso.co", "ownr@contoso.com"]) {
    const text = mappings.replace("roleLock: [Owner@Contoso.com]", `roleLock: ["${typo}"]`);
    const { state, problems } = buildDesiredState(loadValid({ "scim.yaml": text }), snapshot);
    const locks = problems.filter((p) => p.field === "scim.roleLock[0]");
    assert.deepEqual(
      locks.map((p) => ({ ...brief(p), severity: p.severity })),
      [{ code: "ROLE_LOCK_UNKNOWN", file: "scim.yaml", line: 16, column: 14, field: "scim.roleLock[0]", severity: "error" }],
      typo,
    );
    assert.match(locks[0].message, /matches no account in the directory.*nearest among the section's users: owner@contoso\.com/);
    assert.match(locks[0].message, /scim\.allowUnmatchedRoleLocks: true/);
    assert.equal(state.scim!.users.find((u) => u.userName === "owner@contoso.com")!.roleLocked, false, "the lock protects nobody");
  }
});

test("allowUnmatchedRoleLocks: true keeps an unknown role lock a warning", () => {
  const text = mappings.replace("roleLock: [Owner@Contoso.com]", "roleLock: [nobody@contoso.com]\n  allowUnmatchedRoleLocks: true");
  const { problems } = buildDesiredState(loadValid({ "scim.yaml": text }), snapshot);
  assert.deepEqual(
    problems.map((p) => [p.code, p.severity]),
    [["ROLE_LOCK_UNKNOWN", "warning"]],
  );
});

test("a named or extension role attribute is carried to every user", () => {
  const text = mappings.replace(
    "  defaultRole: Viewer\n",
    "  defaultRole: Viewer\n  roleAttribute: urn:ietf:params:scim:schemas:extension:acme:2.0:User:accessRole\n",
  );
  const { state } = buildDesiredState(loadValid({ "scim.yaml": text }), snapshot);
  assert.ok(state.scim!.users.every((u) => u.roleAttribute === "urn:ietf:params:scim:schemas:extension:acme:2.0:User:accessRole"));
});

test("bad scim sections: each problem names file, line, column and field", () => {
  const bad = yaml`
    groups:
      admins: { displayName: App Admins }
    scim:
      roles:
        - role: Administrator
          precedence: 1
          members: [admins]
        - role: Operator
          precedence: 1
          members: [admins]
        - role: ""
          precedence: 0
          members: [missing]
        - members: [admins]
      roleAttribute: "not a path"
      roleLock: [a@x.com, A@X.com]
      provisionGroups: yes please
      colour: blue
  `;
  const result = load({ "scim.yaml": bad });
  assert.equal(result.value, null);
  const found = briefs(result.errors).map((b) => `${b.code} ${b.file}:${b.line}:${b.column} ${b.field}`);
  for (const expected of [
    "DUPLICATE_SETTING scim.yaml:9:19 scim.roles[1].precedence",
    "INVALID_VALUE scim.yaml:11:13 scim.roles[2].role",
    "INVALID_VALUE scim.yaml:12:19 scim.roles[2].precedence",
    "MISSING_FIELD scim.yaml:14:7 scim.roles[3].role",
    "MISSING_FIELD scim.yaml:14:7 scim.roles[3].precedence",
    "INVALID_VALUE scim.yaml:15:18 scim.roleAttribute",
    "DUPLICATE_NAME scim.yaml:16:23 scim.roleLock[1]",
    "WRONG_TYPE scim.yaml:17:20 scim.provisionGroups",
    "UNKNOWN_KEY scim.yaml:18:3 scim.colour",
  ]) {
    assert.ok(found.includes(expected), `expected ${expected} in\n${found.join("\n")}`);
  }
});

test("until on a role mapping: before the date the role holds; after it the next precedence, the default role, or out of scope", () => {
  const temporary = {
    "scim.yaml": yaml`
      groups:
        admins: { displayName: App Admins }
        devs: { displayName: App Developers }
        everyone: { displayName: App Users }
      scim:
        members: [everyone]
        roles:
          - role: Administrator
            precedence: 1
            maxGrantDays: 60
            members: [{ source: admins, until: 2026-12-31 }, { user: dora@contoso.com, until: 2026-12-31T12:00Z }]
          - role: Developer
            precedence: 2
            members: [devs]
        defaultRole: Viewer
    `,
  };
  const directory = snapshotOf({
    users: [directoryUser("u1", "alice@contoso.com"), directoryUser("u4", "owner@contoso.com"), directoryUser("u7", "dora@contoso.com")],
    groups: [
      { id: "g-admins", displayName: "App Admins", userIds: ["u1", "u4"] },
      { id: "g-devs", displayName: "App Developers", userIds: ["u1"] },
      { id: "g-all", displayName: "App Users", userIds: ["u4"] },
    ],
  });
  const rolesAt = (iso: string) => {
    const { state, problems } = buildDesiredState(loadValid(temporary), directory, { now: Date.parse(iso) });
    assert.deepEqual(briefs(problems), []);
    return Object.fromEntries(state.scim!.users.map((u) => [u.userName, u.roles]));
  };
  assert.deepEqual(rolesAt("2026-12-31T11:59:59.999Z"), {
    "alice@contoso.com": ["Administrator"],
    "owner@contoso.com": ["Administrator"],
    "dora@contoso.com": ["Administrator"],
  });
  assert.deepEqual(
    rolesAt("2026-12-31T12:00:00.000Z"),
    { "alice@contoso.com": ["Administrator"], "owner@contoso.com": ["Administrator"] },
    "dora's direct grant ended at noon: out of scope",
  );
  assert.deepEqual(
    rolesAt("2027-01-01T00:00:00.000Z"),
    { "alice@contoso.com": ["Developer"], "owner@contoso.com": ["Viewer"] },
    "alice falls back to the next precedence, owner (in scope only) to the default role",
  );

  const model = loadValid(temporary);
  const grants = temporaryGrantsOf(model, Date.parse("2026-12-27T00:00:00Z"));
  assert.deepEqual(
    grants.map((g) => [g.target, g.rule.kind, g.rule.name, g.source, g.state]),
    [
      ["scim", "role mapping", "Administrator", "dora@contoso.com", "ending soon"],
      ["scim", "role mapping", "Administrator", "admins", "ending soon"],
    ],
  );
  const lines = temporaryGrantsText(temporaryGrantLines(grants)).join("\n");
  assert.match(lines, /SCIM role mapping "Administrator" ← admins: until 2026-12-31 \(5 days left\)/);
  assert.match(lines, /Ending in the next 7 days:\n {2}SCIM role mapping "Administrator" ← dora@contoso\.com/);
  const tooLong = buildDesiredState(model, directory, { now: Date.parse("2026-10-01T00:00:00Z") }).problems;
  assert.deepEqual(
    briefs(tooLong).map((p) => [p.code, p.field]),
    [
      ["GRANT_TOO_LONG", "scim.roles[0].members[0].until"],
      ["GRANT_TOO_LONG", "scim.roles[0].members[1].until"],
    ],
  );
});

test("explain and guardrails see the one role a person gets: the best current precedence, else the default role", () => {
  const model = loadValid({ "scim.yaml": mappings });
  const { state } = buildDesiredState(model, snapshot);
  const access = accessOf(model, snapshot, state, { now: 0 }).get("scim")!;
  const roles = (id: string) => access.grants.filter((g) => g.userId === id).map((g) => [g.rule.kind, g.name, g.detail]);
  assert.deepEqual(roles("u1"), [["role mapping", "Administrator", "precedence 1"]]);
  assert.deepEqual(roles("u6"), [["default role", "Viewer", "in scope, in no current role mapping"]]);
  assert.equal(access.accounts.get("u3")?.state, "disabled");
});
