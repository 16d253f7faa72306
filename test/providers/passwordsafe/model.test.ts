// The passwordsafe: section: the scim section's rules under its own name, names and mail
// Password Safe requires on create, and a description on every pushed group.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { buildDesiredState } from "../../../providers/target-model";
import { loadValid, yaml } from "../../model/helpers";
import { directoryUser, snapshotOf } from "../../model/fixtures/snapshots";

const mappings = yaml`
  groups:
    admins: { displayName: Vault Admins, description: Vault administrators (mapping) }
    ops: { displayName: Vault Operators }
    everyone: { displayName: Vault Users }
  passwordsafe:
    members: [everyone]
    roles:
      - role: Administrator
        precedence: 1
        members: [admins]
      - role: Operator
        precedence: 2
        members: [ops]
    provisionGroups: true
`;

const snapshot = snapshotOf({
  users: [directoryUser("u1", "alice@contoso.com", { displayName: "Alice Smith" }), directoryUser("u2", "bob@contoso.com", { mail: null })],
  groups: [
    { id: "g-admins", displayName: "Vault Admins", userIds: ["u1"], description: "from Entra, overridden" },
    { id: "g-ops", displayName: "Vault Operators", userIds: ["u2"], description: "Operators of the vault (Entra)" },
    { id: "g-all", displayName: "Vault Users", userIds: ["u1", "u2"], description: null },
  ],
});

test("every Password Safe group has a description: the alias's, else Entra's, else its name", () => {
  const { state, problems } = buildDesiredState(loadValid({ "passwordsafe.yaml": mappings }), snapshot);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.passwordsafe!.groups.map((g) => [g.displayName, g.description]),
    [
      ["Vault Admins", "Vault administrators (mapping)"],
      ["Vault Users", "Vault Users"],
      ["Vault Operators", "Operators of the vault (Entra)"],
    ],
  );
});

test("users get the role of the best mapping, none without a default role, and the names and mail Password Safe requires", () => {
  const { state } = buildDesiredState(loadValid({ "passwordsafe.yaml": mappings }), snapshot);
  const users = new Map(state.passwordsafe!.users.map((u) => [u.userName, u]));
  assert.deepEqual(users.get("alice@contoso.com")!.roles, ["Administrator"]);
  assert.deepEqual([users.get("alice@contoso.com")!.givenName, users.get("alice@contoso.com")!.familyName], ["Alice", "Smith"]);
  const bob = users.get("bob@contoso.com")!;
  assert.deepEqual([bob.givenName, bob.familyName, bob.email, bob.roles], ["bob", "bob", "bob@contoso.com", ["Operator"]]);
  assert.equal(bob.attributes, undefined, "no fixed attributes for Password Safe");
});
