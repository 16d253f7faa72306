import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { buildDesiredState } from "../../providers/target-model";
import { loadMappings } from "../../providers/target-model";
import type { ReconcilerMappings as MappingModel } from "../../providers/target-model";
import { briefs, load, loadValid, repoRoot, yaml } from "./helpers";
import { demoIds, demoSnapshot, demoSnapshotWithBreakGlassInLinuxAdmins } from "./fixtures/demo-directory";
import { directoryUser, snapshotOf } from "./fixtures/snapshots";

function demoModel(): MappingModel {
  const result = loadMappings([path.join(repoRoot(), "stacks", "demo", "mappings")]);
  assert.deepEqual(briefs(result.errors), []);
  assert.ok(result.value);
  return result.value;
}

test("demo tenant, version 1: PRA users, SCIM groups and policies; PrivX users with roles; hosts; no problems", () => {
  const { state, problems } = buildDesiredState(demoModel(), demoSnapshot(1));
  assert.deepEqual(problems, []);
  const pra = state.pra;
  assert.ok(pra);
  assert.deepEqual(
    pra.users.map((u) => [u.userName, u.externalId, u.active]),
    [
      ["alice@contoso.com", demoIds.alice, true],
      ["bob@contoso.com", demoIds.bob, true],
      ["carol@contoso.com", demoIds.carol, false],
      ["dave@contoso.com", demoIds.dave, true],
      ["erin_fabrikam.com#EXT#@contoso.onmicrosoft.com", demoIds.erin, true],
    ],
  );
  assert.deepEqual(pra.users[0], {
    externalId: demoIds.alice,
    userName: "alice@contoso.com",
    displayName: "Alice",
    givenName: "Alice",
    familyName: "Contoso",
    email: "alice@contoso.com",
    active: true,
    onRemove: "deactivate",
    protected: false,
  });
  assert.deepEqual(pra.groups, [
    { externalId: `${demoIds.praAppId}/operator`, displayName: "BeyondTrust PRA - operator", members: ["bob@contoso.com", "dave@contoso.com"] },
    { externalId: demoIds.linuxAdmins, displayName: "PRA Linux Admins", members: ["alice@contoso.com", "carol@contoso.com"] },
    { externalId: demoIds.windowsOperators, displayName: "PRA Windows Operators", members: ["bob@contoso.com", "dave@contoso.com"] },
    { externalId: demoIds.vendors, displayName: "PRA Vendors", members: ["erin_fabrikam.com#EXT#@contoso.onmicrosoft.com"] },
  ]);
  assert.deepEqual(
    pra.groupPolicies.map((p) => [p.name, p.memberGroups, p.jumpGroups]),
    [
      ["Linux Administrators", ["PRA Linux Admins"], [{ jumpGroup: "Linux Servers", jumpItemRole: "Administrator", jumpPolicy: null }]],
      ["Vendor Access", ["PRA Vendors"], [{ jumpGroup: "Vendor Jump Zone", jumpItemRole: null, jumpPolicy: null }]],
      ["Windows Operators", ["BeyondTrust PRA - operator", "PRA Windows Operators"], [{ jumpGroup: "Windows Servers", jumpItemRole: null, jumpPolicy: null }]],
    ],
  );
  assert.equal(pra.groupPolicies[0].permissions.perm_shell_jump, true);
  assert.equal(pra.groupPolicies[0].permissions.perm_session_idle_timeout, 1800);

  const privx = state.privx;
  assert.ok(privx);
  assert.deepEqual(
    privx.users.map((u) => [u.userName, u.externalId, u.entraId, u.groups, u.active]),
    [
      ["alice@contoso.com", demoIds.alice, demoIds.alice, ["developers"], true],
      ["grace@contoso.com", demoIds.grace, demoIds.grace, ["db-admins", "developers"], true],
      ["dave@contoso.com", demoIds.dave, demoIds.dave, ["developers"], true],
      ["frank@contoso.com", demoIds.frank, demoIds.frank, ["db-admins"], true],
    ],
  );
  assert.deepEqual(
    privx.hosts.map((h) => h.externalId),
    ["contoso-build-01", "contoso-db-01", "contoso-kiosk-01", "contoso-web-01", "contoso-win-jump-01"],
  );
  const db = privx.hosts[1];
  assert.deepEqual(db.services, [{ service: "SSH", port: 22 }]);
  assert.deepEqual(db.sharedAccounts, [
    { account: "postgres", roles: ["db-admins"] },
    { account: "root", roles: ["db-admins"] },
  ]);
  assert.equal(db.source.file, path.join(repoRoot(), "stacks", "demo", "mappings", "hosts.yaml"));
  assert.ok(state.protectedUserNames.includes("breakglass@contoso.com"));
  assert.deepEqual(state.safety, { maxRemovals: 20, maxRemovalPercent: 50 });
});

test("demo tenant, version 2: heidi joins through nesting, dave leaves PRA only, frank deactivated, bob renamed in place", () => {
  const { state, problems } = buildDesiredState(demoModel(), demoSnapshot(2));
  assert.deepEqual(problems, []);
  const pra = state.pra;
  const privx = state.privx;
  assert.ok(pra && privx);
  assert.deepEqual(pra.groups.find((g) => g.externalId === demoIds.linuxAdmins)?.members, ["alice@contoso.com", "carol@contoso.com", "heidi@contoso.com"]);
  assert.equal(
    pra.users.find((u) => u.externalId === demoIds.dave),
    undefined,
    "dave is in no PRA group any more",
  );
  assert.deepEqual(pra.groups.find((g) => g.externalId === demoIds.windowsOperators)?.members, ["robert@contoso.com"]);
  assert.deepEqual(pra.users.find((u) => u.externalId === demoIds.bob)?.userName, "robert@contoso.com", "same externalId, new userName");
  assert.deepEqual(privx.users.find((u) => u.entraId === demoIds.dave)?.groups, ["developers"]);
  assert.equal(privx.users.find((u) => u.entraId === demoIds.frank)?.active, false);
  assert.deepEqual(privx.users.find((u) => u.entraId === demoIds.alice)?.groups, ["db-admins", "developers"], "alice's PrivX role set grows");
});

test("a protected account inside a mapped group is a hands-off user, left out of members, and its names are listed", () => {
  const { state, problems } = buildDesiredState(demoModel(), demoSnapshotWithBreakGlassInLinuxAdmins());
  assert.deepEqual(problems, []);
  const breakglass = state.pra?.users.filter((u) => u.externalId === demoIds.breakglass);
  assert.deepEqual(
    breakglass?.map((u) => u.protected),
    [true],
    "declared once, as protected, so it is never changed",
  );
  assert.ok(state.pra?.users.filter((u) => u.externalId !== demoIds.breakglass).every((u) => !u.protected));
  assert.deepEqual(state.pra?.groups.find((g) => g.externalId === demoIds.linuxAdmins)?.members, ["alice@contoso.com", "carol@contoso.com"]);
  assert.ok(state.protectedUserNames.includes("breakglass@contoso.com"));
  assert.ok(state.protectedUserNames.includes(demoIds.breakglass), "its object id too (PrivX's default externalId)");
});

const collisionMappings = yaml`
  groups:
    contoso: { displayName: Contoso Admins }
    fabrikam: { displayName: Fabrikam Admins }
  pra:
    userName: { attribute: userPrincipalName, stripDomain: true, lowercase: true }
    groupPolicies:
      - name: Admins
        members: [contoso, fabrikam]
  privx:
    externalId: mail
    roles:
      - name: ops
        members: [contoso, fabrikam]
`;

const collisionSnapshot = snapshotOf({
  users: [
    directoryUser("u1", "Alice@contoso.com"),
    directoryUser("u2", "alice@fabrikam.com"),
    directoryUser("u3", "bob@contoso.com", { mail: "shared@contoso.com" }),
    directoryUser("u4", "carl@contoso.com", { mail: "SHARED@contoso.com" }),
  ],
  groups: [
    { id: "g1", displayName: "Contoso Admins", userIds: ["u1", "u3", "u4"] },
    { id: "g2", displayName: "Fabrikam Admins", userIds: ["u2"] },
  ],
});

test("usernames that collide after mapping are errors at the rule, citing the mappings that brought each user in", () => {
  const { state, problems } = buildDesiredState(loadValid({ "m.yaml": collisionMappings }), collisionSnapshot);
  assert.deepEqual(briefs(problems), [
    { code: "USERNAME_COLLISION", file: "m.yaml", line: 5, column: 13, field: "pra.userName" },
    { code: "EXTERNAL_ID_COLLISION", file: "m.yaml", line: 10, column: 15, field: "privx.externalId" },
  ]);
  assert.deepEqual(
    problems[0].related?.map((r) => [r.line, r.column, r.field]),
    [
      [8, 17, "pra.groupPolicies[0].members[0]"],
      [8, 26, "pra.groupPolicies[0].members[1]"],
    ],
  );
  assert.deepEqual(
    problems[1].related?.map((r) => r.field),
    ["privx.roles[0].members[0]"],
  );
  assert.deepEqual(
    state.pra?.users.map((u) => u.userName),
    ["bob", "carl"],
    "both alices are left out",
  );
  assert.deepEqual(
    state.pra?.groups.map((g) => g.members),
    [["bob", "carl"], []],
  );
  assert.deepEqual(
    state.privx?.users.map((u) => u.externalId),
    ["Alice@contoso.com", "alice@fabrikam.com"],
    "bob and carl share a mail",
  );
});

test("users without the username attribute are left out with one USERNAME_MISSING error at the rule", () => {
  const model = loadValid({
    "m.yaml": yaml`
      groups:
        admins: { displayName: Admins }
      pra:
        userName: employeeId
        groupPolicies:
          - name: Admins
            members: [admins]
    `,
  });
  const snapshot = snapshotOf({
    users: [
      directoryUser("u1", "a@contoso.com", { attributes: { employeeId: "E1" } }),
      directoryUser("u2", "b@contoso.com", { attributes: { employeeId: null } }),
    ],
    groups: [{ id: "g1", displayName: "Admins", userIds: ["u1", "u2"] }],
  });
  const { state, problems } = buildDesiredState(model, snapshot);
  assert.deepEqual(briefs(problems), [{ code: "USERNAME_MISSING", file: "m.yaml", line: 4, column: 13, field: "pra.userName" }]);
  assert.deepEqual(
    state.pra?.users.map((u) => u.userName),
    ["E1"],
  );
});

test("groups and applications the directory lacks, and ambiguous group names, are errors at the alias", () => {
  const model = loadValid({
    "m.yaml": yaml`
      groups:
        gone: { displayName: Deleted Group }
        twice: { displayName: Duplicate Name }
        here: { displayName: Here }
      applications:
        app: { appId: 3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01 }
      pra:
        groupPolicies:
          - name: P
            members: [gone, twice, here, app/operator]
    `,
  });
  const snapshot = snapshotOf({
    users: [directoryUser("u1", "a@contoso.com")],
    groups: [
      { id: "d1", displayName: "Duplicate Name", userIds: ["u1"] },
      { id: "d2", displayName: "Duplicate Name", userIds: [] },
      { id: "h1", displayName: "Here", userIds: ["u1"] },
    ],
  });
  const { state, problems } = buildDesiredState(model, snapshot);
  assert.deepEqual(briefs(problems), [
    { code: "GROUP_NOT_IN_SNAPSHOT", file: "m.yaml", line: 2, column: 3, field: "groups.gone" },
    { code: "AMBIGUOUS_GROUP", file: "m.yaml", line: 3, column: 3, field: "groups.twice" },
    { code: "APPLICATION_NOT_IN_SNAPSHOT", file: "m.yaml", line: 6, column: 3, field: "applications.app" },
  ]);
  assert.deepEqual(state.pra?.groupPolicies[0].memberGroups, ["Here"]);
});

test("SCIM group names: Entra names over 64 characters and names shared by two groups are errors; overrides fix them", () => {
  const long = "L".repeat(65);
  const snapshot = snapshotOf({
    users: [directoryUser("u1", "a@contoso.com")],
    groups: [
      { id: "g1", displayName: long, userIds: ["u1"] },
      { id: "g2", displayName: "Ops", userIds: ["u1"] },
      { id: "g3", displayName: "Ops Team", userIds: ["u1"] },
    ],
  });
  const mappings = (override: string) =>
    loadValid({
      "m.yaml": yaml`
        groups:
          long: { displayName: ${long}${override} }
          ops: { displayName: Ops }
          team: { displayName: Ops Team, scimGroupName: ops }
        pra:
          groupPolicies:
            - name: P
              members: [long, ops, team]
      `,
    });
  const bad = buildDesiredState(mappings(""), snapshot);
  assert.deepEqual(briefs(bad.problems), [
    { code: "SCIM_GROUP_NAME_TOO_LONG", file: "m.yaml", line: 2, column: 3, field: "groups.long" },
    { code: "DUPLICATE_SCIM_GROUP_NAME", file: "m.yaml", line: 4, column: 3, field: "groups.team" },
  ]);
  assert.deepEqual(
    bad.problems[1].related?.map((r) => r.field),
    ["groups.ops"],
  );

  const fixed = loadValid({
    "m.yaml": yaml`
      groups:
        long: { displayName: ${long}, scimGroupName: Long }
        team: { displayName: Ops Team, scimGroupName: Ops Team (PRA) }
      pra:
        groupPolicies:
          - name: P
            members: [long, team]
    `,
  });
  const good = buildDesiredState(fixed, snapshot);
  assert.deepEqual(good.problems, []);
  assert.deepEqual(good.state.pra?.groupPolicies[0].memberGroups, ["Long", "Ops Team (PRA)"]);
});

test("application sources: one role, every assignment, and a role's SCIM group name override", () => {
  const model = loadValid({
    "m.yaml": yaml`
      applications:
        app:
          appId: 3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01
          scimGroupName: Everyone in the app
          roles:
            operator: { scimGroupName: App Operators }
            auditor:
      pra:
        groupPolicies:
          - name: All
            members: [app]
          - name: Auditors
            members: [app/auditor]
          - name: Operators
            members: [app/operator]
    `,
  });
  const snapshot = snapshotOf({
    users: [directoryUser("u1", "op@contoso.com"), directoryUser("u2", "aud@contoso.com"), directoryUser("u3", "plain@contoso.com")],
    applications: [
      {
        appId: "3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01",
        displayName: "BeyondTrust PRA",
        assignments: [
          { role: "operator", userIds: ["u1"] },
          { role: "auditor", userIds: ["u2"] },
          { role: null, userIds: ["u3"] },
        ],
      },
    ],
  });
  const { state, problems } = buildDesiredState(model, snapshot);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.pra?.groups.map((g) => [g.externalId, g.displayName, g.members]),
    [
      ["3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01", "Everyone in the app", ["aud@contoso.com", "op@contoso.com", "plain@contoso.com"]],
      ["3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01/auditor", "BeyondTrust PRA - auditor", ["aud@contoso.com"]],
      ["3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01/operator", "App Operators", ["op@contoso.com"]],
    ],
  );
});

test("leavers and username transforms reach every user; a target without a section yields null", () => {
  const model = loadValid({
    "m.yaml": yaml`
      groups:
        admins: { displayName: Admins }
      leavers: delete
      privx:
        userName: { attribute: onPremisesSamAccountName, stripDomain: true, lowercase: true }
        roles:
          - name: ops
            members: [admins]
    `,
  });
  const snapshot = snapshotOf({
    users: [directoryUser("u1", "a@contoso.com", { accountEnabled: false, attributes: { onPremisesSamAccountName: "CONTOSO\\Alice" } })],
    groups: [{ id: "g1", displayName: "Admins", userIds: ["u1", "not-in-users"] }],
  });
  const { state, problems } = buildDesiredState(model, snapshot);
  assert.deepEqual(problems, []);
  assert.equal(state.pra, null);
  assert.deepEqual(state.privx?.users, [
    {
      externalId: "u1",
      userName: "alice",
      displayName: "a",
      mail: "a@contoso.com",
      groups: ["ops"],
      entraId: "u1",
      active: false,
      onRemove: "delete",
      protected: false,
    },
  ]);
  assert.deepEqual(state.protectedUserNames, []);
});

test("protection by object id covers every name the user has", () => {
  const model = loadValid({
    "m.yaml": yaml`
      groups:
        admins: { displayName: Admins }
      protected: [U1]
      pra:
        userName: mail
        groupPolicies:
          - name: P
            members: [admins]
    `,
  });
  const snapshot = snapshotOf({
    users: [directoryUser("u1", "root@contoso.com", { mail: "Root.Mail@contoso.com" }), directoryUser("u2", "b@contoso.com")],
    groups: [{ id: "g1", displayName: "Admins", userIds: ["u1", "u2"] }],
  });
  const { state } = buildDesiredState(model, snapshot);
  assert.deepEqual(
    state.pra?.users.map((u) => [u.externalId, u.protected]),
    [
      ["u1", true],
      ["u2", false],
    ],
  );
  assert.deepEqual(state.pra?.groups[0].members, ["b@contoso.com"]);
  assert.deepEqual(state.protectedUserNames, ["root.mail@contoso.com", "root@contoso.com", "u1"]);
});

const protectedModel = (entries: string) =>
  loadValid({
    "m.yaml": yaml`
      groups:
        admins: { displayName: Admins }
      protected: ${entries}
      pra:
        userName: userPrincipalName
        groupPolicies:
          - name: P
            members: [admins]
    `,
  });
const adminsSnapshot = (otherAccounts: Record<string, { id: string; userPrincipalName: string } | null>) => ({
  ...snapshotOf({
    users: [directoryUser("u1", "breakglass@contoso.com"), directoryUser("u2", "bob@contoso.com")],
    groups: [{ id: "g1", displayName: "Admins", userIds: ["u1", "u2"] }],
  }),
  otherAccounts,
});

test("a protected entry that matches no directory account is an error at its line, with the nearest names (regression: a typo silently unprotected)", () => {
  const { problems } = buildDesiredState(protectedModel("[brekglass@contoso.com]"), adminsSnapshot({ "brekglass@contoso.com": null }));
  assert.deepEqual(briefs(problems), [{ code: "PROTECTED_ACCOUNT_UNKNOWN", file: "m.yaml", line: 3, column: 13, field: "protected[0]" }]);
  assert.match(problems[0].message, /nearest .*: breakglass@contoso\.com/);
});

test("a protected entry outside the mapped groups that the directory has (looked up on its own) is fine", () => {
  const { problems } = buildDesiredState(
    protectedModel("[owner@contoso.com]"),
    adminsSnapshot({ "owner@contoso.com": { id: "u9", userPrincipalName: "owner@contoso.com" } }),
  );
  assert.deepEqual(briefs(problems), []);
});

test("protected entries are compared after NFKC normalisation: a full-width spelling protects the account", () => {
  const { state, problems } = buildDesiredState(protectedModel("[ｂｒｅａｋｇｌａｓｓ@contoso.com]"), adminsSnapshot({}));
  assert.deepEqual(briefs(problems), []);
  assert.deepEqual(
    state.pra?.users.map((u) => [u.externalId, u.protected]),
    [
      ["u1", true],
      ["u2", false],
    ],
  );
});

test("bidi-control characters and mixed-script look-alikes are refused in protected entries and group policy names", () => {
  const result = load({
    "m.yaml": yaml`
      groups:
        admins: { displayName: Admins }
      protected: ["break\u202Eglass@contoso.com", "brеakglass@contoso.com"]
      pra:
        groupPolicies:
          - name: "Linux Аdmins"
            members: [admins]
          - name: "Ops\u2066"
            members: [admins]
    `,
  });
  assert.deepEqual(
    briefs(result.errors).map((p) => [p.code, p.line, p.field]),
    [
      ["UNSAFE_NAME", 3, "protected[0]"],
      ["UNSAFE_NAME", 3, "protected[1]"],
      ["UNSAFE_NAME", 6, "pra.groupPolicies[0].name"],
      ["UNSAFE_NAME", 8, "pra.groupPolicies[1].name"],
    ],
  );
});

test("every name the mappings introduce is checked the same way: roles, default roles, role locks, domains, descriptions, jump groups; hidden characters anywhere", () => {
  const result = load({
    "m.yaml": yaml`
      groups:
        admins: { displayName: Admins, description: "Аdmins of the app" }
      scim:
        members: [admins]
        roles:
          - { role: "Аdministrator", precedence: 1, members: [admins] }
          - { role: "Operator‮", precedence: 2, members: [admins] }
        defaultRole: "Vіewer"
        roleLock: ["grаce@contoso.com"]
      pam360:
        domain: "contоso.com"
        members: [admins]
        defaultRole: Password User
      pra:
        groupPolicies:
          - name: Ops
            members: [admins]
            jumpGroups:
              - { name: "Linux Servers", jumpItemRole: "Аdministrator" }
      privx:
        roles:
          - name: "dev\u200bops"
            members: [admins]
    `,
  });
  assert.deepEqual(
    briefs(result.errors.filter((p) => p.code === "UNSAFE_NAME"))
      .map((p) => [p.code, p.field])
      .sort(),
    [
      ["UNSAFE_NAME", "groups.admins.description"],
      ["UNSAFE_NAME", "pam360.domain"],
      ["UNSAFE_NAME", "pra.groupPolicies[0].jumpGroups[0].jumpItemRole"],
      ["UNSAFE_NAME", "privx.roles[0].name"],
      ["UNSAFE_NAME", "scim.defaultRole"],
      ["UNSAFE_NAME", "scim.roleLock[0]"],
      ["UNSAFE_NAME", "scim.roles[0].role"],
      ["UNSAFE_NAME", "scim.roles[1].role"],
    ].sort(),
  );
  const role = result.errors.find((p) => p.field === "scim.roles[0].role")!;
  assert.match(role.message, /scim\.roles\[0\]\.role "Аdministrator" mixes letters of the Latin and Cyrillic scripts/);
  assert.match(result.errors.find((p) => p.field === "scim.roles[1].role")!.message, /U\+202E/);
});
