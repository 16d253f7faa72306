// The scim: section of the mapping files and its part of the desired state: validation with
// file:line:field, role precedence, the default role, role lock, disabled users, groups.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { buildDesiredState } from "../../../providers/target-model";
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

test("without a default role, users in no mapped group get none; a lock that matches nobody is a warning at the entry", () => {
  const text = mappings.replace("  defaultRole: Viewer\n", "").replace("roleLock: [Owner@Contoso.com]", "roleLock: [nobody@contoso.com]");
  const { state, problems } = buildDesiredState(loadValid({ "scim.yaml": text }), snapshot);
  assert.deepEqual(state.scim!.users.find((u) => u.userName === "outsider@contoso.com")!.roles, []);
  assert.deepEqual(problems.map((p) => ({ ...brief(p), severity: p.severity })), [{ code: "UNMATCHED_ACCOUNT", file: "scim.yaml", line: 15, column: 14, field: "scim.roleLock[0]", severity: "warning" }]);
});

test("a named or extension role attribute is carried to every user", () => {
  const text = mappings.replace("  defaultRole: Viewer\n", "  defaultRole: Viewer\n  roleAttribute: urn:ietf:params:scim:schemas:extension:acme:2.0:User:accessRole\n");
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
