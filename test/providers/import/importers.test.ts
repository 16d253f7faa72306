// The pure half of `npm run import`: what the products hold + a directory snapshot → mapping
// sections, and what could not be expressed. No emulator: holdings and directory are plain data.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { DirectoryUser, ResolvedGroup } from "../../../sources/snapshot";
import { GroupAliases, groupHoldingExactly, importDirectoryOf, inferUserNameRule, slug, userNameRuleYaml } from "../../../providers/import/model";
import { praImport, type PraHoldings } from "../../../providers/pra/import";
import { privxImport, type PrivxHoldings } from "../../../providers/privx/import";
import { scimImport } from "../../../providers/scim/import";
import { importedFiles } from "../../../providers/import/document";
import { loadMappingsFromText } from "../../../providers/target-model";

const user = (id: string, upn: string, enabled = true): DirectoryUser => ({
  id,
  userPrincipalName: upn,
  mail: upn.toLowerCase(),
  displayName: upn,
  givenName: null,
  surname: null,
  accountEnabled: enabled,
  attributes: {},
});
const group = (id: string, displayName: string, userIds: string[]): ResolvedGroup => ({
  reference: { id },
  id,
  displayName,
  userIds,
  ignored: { devices: 0, servicePrincipals: 0, contacts: 0, other: 0 },
});

const U = {
  ann: user("00000000-0000-4000-8000-000000000001", "Ann@example.com"),
  ben: user("00000000-0000-4000-8000-000000000002", "ben@example.com"),
  cat: user("00000000-0000-4000-8000-000000000003", "cat@example.com", false),
  dan: user("00000000-0000-4000-8000-000000000004", "dan@example.com"),
};
const G = {
  admins: group("10000000-0000-4000-8000-000000000001", "Unix Admins", [U.ann.id, U.ben.id, U.cat.id]),
  ops: group("10000000-0000-4000-8000-000000000002", "Ops & On-call", [U.ben.id, U.dan.id]),
  also: group("10000000-0000-4000-8000-000000000003", "Unix Admins (copy)", [U.ann.id, U.ben.id]),
};
const directory = importDirectoryOf({ users: Object.fromEntries(Object.values(U).map((u) => [u.id, u])), groups: Object.values(G) });

describe("shared rules", () => {
  test("the username rule is the one under which the most accounts keep their name; userPrincipalName on a tie", () => {
    assert.deepEqual(
      inferUserNameRule([
        { held: "ann@example.com", user: U.ann },
        { held: "ben@example.com", user: U.ben },
      ]).rule,
      { attribute: "userPrincipalName", lowercase: true, stripDomain: false },
    );
    assert.deepEqual(inferUserNameRule([{ held: "ann", user: U.ann }]).rule, { attribute: "userPrincipalName", lowercase: true, stripDomain: true });
    assert.deepEqual(inferUserNameRule([]).rule.attribute, "userPrincipalName");
    assert.equal(userNameRuleYaml({ attribute: "mail", lowercase: false, stripDomain: false }), "mail");
  });

  test("a group holds a set of people exactly when its enabled members are that set (a disabled member holds nothing)", () => {
    assert.equal(groupHoldingExactly(directory, new Set([U.ann.id, U.ben.id]))?.id, G.admins.id, "cat is disabled; the first group by name wins");
    assert.equal(groupHoldingExactly(directory, new Set([U.ben.id])), undefined);
    assert.equal(groupHoldingExactly(directory, new Set()), undefined);
  });

  test("aliases come from display names, are unique and valid, and keep a PRA name that differs", () => {
    const aliases = new GroupAliases();
    assert.equal(aliases.aliasOf(G.ops), "ops-on-call");
    assert.equal(aliases.aliasOf({ ...G.admins, displayName: "Ops & On-call" }, "Ops (PRA)"), "ops-on-call-2");
    assert.deepEqual(aliases.section()["ops-on-call-2"], { id: G.admins.id, scimGroupName: "Ops (PRA)" });
    assert.equal(slug("Équipe Réseau"), "equipe-reseau");
  });
});

const praHoldings = (over: Partial<PraHoldings> = {}): PraHoldings => ({
  scimProviderId: 5,
  providerNames: { 1: "Local", 5: "SCIM", 7: "Corp LDAP" },
  userNames: { 3: "jdoe" },
  scimUsers: [
    { userName: "ann@example.com", externalId: U.ann.id, active: true },
    { userName: "ben@example.com", externalId: U.ben.id, active: true },
    { userName: "cat@example.com", externalId: U.cat.id, active: false },
  ],
  scimGroups: [
    { displayName: "Admins in PRA", externalId: G.admins.id, memberUserNames: ["ann@example.com", "ben@example.com", "cat@example.com"] },
    { displayName: "Ops & On-call", externalId: null, memberUserNames: ["ben@example.com"] },
    { displayName: "Foreign", externalId: "okta-123", memberUserNames: [] },
  ],
  policies: [
    {
      name: "Admins",
      fields: { id: 9, name: "Admins", perm_shell_jump: true, perm_session_idle_timeout: 900, access_perm_status: "final", unknown_field: "x" },
      members: [
        { id: 1, security_provider_id: 5, group_name: "Admins in PRA" },
        { id: 2, security_provider_id: 1, user_id: 3 },
        { id: 3, security_provider_id: 7, group_name: "CN=Ops,DC=corp" },
        { id: 4, security_provider_id: 5, group_name: "Foreign" },
      ],
      jumpGroups: [
        { jumpGroup: "Linux", jumpItemRole: "Administrator", jumpPolicy: null },
        { jumpGroup: "#44", jumpItemRole: null, jumpPolicy: null },
      ],
    },
    { name: "Ops", fields: { id: 10, name: "Ops" }, members: [{ id: 5, security_provider_id: 5, group_name: "ops & on-call" }], jumpGroups: [] },
  ],
  ...over,
});

describe("PRA", () => {
  test("member SCIM groups map back to Entra groups by externalId, else by name; a PRA name that differs is kept as scimGroupName", () => {
    const aliases = new GroupAliases();
    const out = praImport(praHoldings(), directory, aliases);
    const [admins, ops] = out.section.groupPolicies as Record<string, unknown>[];
    assert.deepEqual(admins.members, ["unix-admins"]);
    assert.deepEqual(ops.members, ["ops-on-call"]);
    assert.deepEqual(aliases.section(), { "ops-on-call": { id: G.ops.id }, "unix-admins": { id: G.admins.id, scimGroupName: "Admins in PRA" } });
    assert.deepEqual(
      admins.permissions,
      { access_perm_status: "final", perm_session_idle_timeout: 900, perm_shell_jump: true },
      "only PRA's permission fields",
    );
    assert.deepEqual(admins.jumpGroups, [{ name: "Linux", jumpItemRole: "Administrator" }]);
    assert.deepEqual(out.section.userName, { attribute: "userPrincipalName", lowercase: true }, "PRA holds Ann@example.com lower-cased");
  });

  test("local users, LDAP groups and groups linked elsewhere are comments and listed; so are jump groups it cannot name and membership the run changes", () => {
    const out = praImport(praHoldings(), directory, new GroupAliases());
    assert.deepEqual(
      out.memberComments.get(0)?.map((c) => c.split(":")[0]),
      ['user "jdoe" of Local', 'group "CN=Ops,DC=corp" of Corp LDAP', 'SCIM group "Foreign"'],
    );
    const listed = out.unexpressed.map((u) => `${u.object} | ${u.effect} | ${u.detail}`);
    assert.ok(listed.some((l) => l.startsWith('group policy "Admins" | ignored | member user "jdoe" of Local')));
    assert.ok(listed.some((l) => l.includes("externalId okta-123 is no Entra group or application the directory has")));
    assert.ok(listed.some((l) => l.startsWith('group policy "Admins" | changes | jump group #44')));
    assert.ok(
      listed.includes('SCIM group "Ops & On-call" | changes | holds other people than Entra group "Ops & On-call": joins dan@example.com'),
      listed.join("\n"),
    );
    assert.ok(!listed.some((l) => l.includes('SCIM group "Admins in PRA"')), "the admins group holds exactly its Entra group");
  });

  test("a permission value or a policy name the mappings would refuse is listed and left out, never written", () => {
    const h = praHoldings({
      policies: [
        { name: "Admins", fields: { perm_session_idle_timeout: 1234, perm_shell_jump: true, access_perm_status: "sometimes" }, members: [], jumpGroups: [] },
        { name: "Adm\u202Eins", fields: {}, members: [], jumpGroups: [] },
      ],
    });
    const out = praImport(h, directory, new GroupAliases());
    assert.deepEqual(out.section.groupPolicies, [{ name: "Admins", members: [], permissions: { perm_shell_jump: true } }]);
    assert.deepEqual(
      out.unexpressed.filter((u) => u.effect === "ignored").map((u) => u.detail.split(" is ")[0].split(":")[0]),
      [
        "its name contains the invisible or text-direction control character U+202E, which can make a name display as another; type the name again",
        "permission access_perm_status",
        "permission perm_session_idle_timeout",
      ],
    );
  });

  test("an account the run manages that the directory has disabled, or that it would rename, is listed", () => {
    const out = praImport(
      praHoldings({ scimUsers: [...praHoldings().scimUsers.slice(0, 2), { userName: "cat@example.com", externalId: U.cat.id, active: true }] }),
      directory,
      new GroupAliases(),
    );
    assert.ok(out.unexpressed.some((u) => u.object === "user cat@example.com" && u.detail.includes("deactivates")));
    const renamed = praImport(
      praHoldings({ scimUsers: [{ userName: "ann", externalId: U.ann.id, active: true }, ...praHoldings().scimUsers.slice(1)] }),
      directory,
      new GroupAliases(),
    );
    assert.ok(renamed.unexpressed.some((u) => u.object === "user ann" && u.detail.includes("renames it")));
  });

  test("a SCIM group linked to an application or one of its app roles becomes an application alias with that role", () => {
    const appId = "20000000-0000-4000-8000-000000000001";
    const app = {
      appId,
      servicePrincipalId: "30000000-0000-4000-8000-000000000001",
      displayName: "PRA App",
      assignments: [
        {
          principalId: G.ops.id,
          principalType: "Group" as const,
          principalDisplayName: "Ops",
          appRoleId: "r1",
          appRoleValue: "operator",
          userIds: [U.ben.id, U.dan.id],
        },
        { principalId: U.ann.id, principalType: "User" as const, principalDisplayName: "Ann", appRoleId: "r2", appRoleValue: "auditor", userIds: [U.ann.id] },
      ],
    };
    const withApp = importDirectoryOf({ users: Object.fromEntries(Object.values(U).map((u) => [u.id, u])), groups: Object.values(G), applications: [app] });
    const h = praHoldings({
      scimGroups: [
        { displayName: "PRA App - operator", externalId: `${appId}/operator`, memberUserNames: ["ben@example.com"] },
        { displayName: "Everyone in the app", externalId: appId, memberUserNames: [] },
      ],
      policies: [
        {
          name: "Ops",
          fields: {},
          members: [
            { id: 1, security_provider_id: 5, group_name: "PRA App - operator" },
            { id: 2, security_provider_id: 5, group_name: "Everyone in the app" },
          ],
          jumpGroups: [],
        },
      ],
    });
    const aliases = new GroupAliases();
    const out = praImport(h, withApp, aliases);
    assert.deepEqual((out.section.groupPolicies as Record<string, unknown>[])[0].members, ["pra-app/operator", "pra-app"]);
    assert.deepEqual(aliases.applicationsSection(), { "pra-app": { appId, scimGroupName: "Everyone in the app", roles: { operator: {} } } });
    assert.deepEqual(
      out.unexpressed.map((u) => u.detail),
      [
        'holds other people than application "PRA App" role operator: joins dan@example.com',
        'holds other people than application "PRA App": joins Ann@example.com, ben@example.com, dan@example.com',
      ],
    );
  });
});

describe("PrivX", () => {
  const held = (users: PrivxHoldings["users"], hosts: unknown[] = []): PrivxHoldings => ({ users, hosts });
  test("a role held exactly by a group's enabled members maps to it; any other role to direct grants; a system role too (the loader warns)", () => {
    const out = privxImport(
      held([
        { userName: "ann@example.com", externalId: U.ann.id, active: true, roles: ["unix", "privx-admin"] },
        { userName: "ben@example.com", externalId: U.ben.id, active: true, roles: ["unix", "dba"] },
        { userName: "ghost@example.com", externalId: "00000000-0000-4000-8000-0000000000ff", active: true, roles: ["dba"] },
      ]),
      directory,
      new GroupAliases(),
    );
    assert.deepEqual(out.roles.roles, [
      { name: "dba", members: [{ user: "ben@example.com" }] },
      { name: "privx-admin", members: [{ user: "Ann@example.com" }] },
      { name: "unix", members: ["unix-admins"] },
    ]);
    assert.deepEqual(out.roles.externalId, "id");
    assert.deepEqual(out.unexpressed.map((u) => u.object).sort(), ["user ghost@example.com"]);
  });

  test("hosts in the natural form; a role a host names is defined; a host granting a system role is listed and left out", () => {
    const host = (externalId: string, principals: string) => ({
      schemas: ["urn:ietf:params:scim:schemas:ssh:2.0:Host"],
      externalId,
      commonName: externalId,
      contactAddress: "10.0.0.1",
      services: "RDP:3389,SSH:22",
      principals,
      tofu: false,
    });
    const out = privxImport(
      held([], [host("h1", "ops:root=ops,unix"), host("h2", "privx-admin"), { ...host("h3", "ops"), contactAddress: "not an address" }]),
      directory,
      new GroupAliases(),
    );
    assert.deepEqual(out.hosts?.hosts, [
      {
        externalId: "h1",
        commonName: "h1",
        contactAddress: "10.0.0.1",
        tofu: false,
        services: [
          { service: "RDP", port: 3389 },
          { service: "SSH", port: 22 },
        ],
        principals: { directoryRoles: ["ops"], sharedAccounts: [{ account: "root", roles: ["ops", "unix"] }] },
      },
    ]);
    assert.deepEqual(out.roles.roles, [
      { name: "ops", members: [] },
      { name: "unix", members: [] },
    ]);
    assert.deepEqual(
      out.unexpressed.map((u) => u.object),
      ["host h2", "host h3"],
    );
  });
});

describe("SCIM targets", () => {
  test("roles by exact group or direct grants, precedence in order; a second role a user holds is listed as a change", () => {
    const out = scimImport(
      "pam360",
      {
        users: [
          { userName: "ben@example.com", externalId: null, active: true, roles: ["Operator"] },
          { userName: "dan@example.com", externalId: null, active: true, roles: ["Operator", "Auditor"] },
          { userName: "ann@example.com", externalId: U.ann.id, active: true, roles: ["Administrator"] },
          { userName: "nobody@example.com", externalId: null, active: true, roles: [] },
        ],
        groupExternalIds: [],
      },
      directory,
      new GroupAliases(),
    );
    assert.deepEqual(out.section.roles, [
      { role: "Administrator", precedence: 1, members: [{ user: "Ann@example.com" }] },
      { role: "Operator", precedence: 2, members: ["ops-on-call"] },
    ]);
    assert.deepEqual(
      out.unexpressed.map((u) => [u.object, u.effect]),
      [["user dan@example.com", "changes"]],
      "dan keeps one role",
    );
    assert.deepEqual(out.section.userName, { attribute: "userPrincipalName", lowercase: true }, "the rule that keeps Ann's lower-cased name");
  });
});

describe("the files", () => {
  test("each file has the schema header and the list of what cannot be expressed; together they load with the loader", () => {
    const aliases = new GroupAliases();
    const pra = praImport(praHoldings(), directory, aliases);
    const privx = privxImport({ users: [{ userName: "ann@example.com", externalId: U.ann.id, active: true, roles: ["unix"] }], hosts: [] }, directory, aliases);
    const scim = scimImport(
      "scim",
      { users: [{ userName: "ben@example.com", externalId: U.ben.id, active: true, roles: ["Viewer"] }], groupExternalIds: [] },
      directory,
      aliases,
    );
    const files = importedFiles(
      {
        stack: "prod",
        groups: aliases.section(),
        groupNames: aliases.displayNames(),
        pra,
        privx,
        scim: [{ target: "scim", section: scim.section }],
        unexpressed: [...pra.unexpressed, ...privx.unexpressed, ...scim.unexpressed],
      },
      "../../model/mapping.schema.json",
    );
    assert.deepEqual(Object.keys(files).sort(), ["directory.yaml", "pra.yaml", "privx.yaml", "scim.yaml"]);
    for (const text of Object.values(files)) assert.match(text, /^# yaml-language-server: \$schema=\.\.\/\.\.\/model\/mapping\.schema\.json\n/);
    assert.match(files["pra.yaml"], /# What the mappings cannot express here:\n# {3}- pra: group policy "Admins": member user "jdoe" of Local/);
    assert.match(files["pra.yaml"], /# Members the mappings cannot state[^\n]*\n\s+# {3}- user "jdoe" of Local/);
    assert.match(files["directory.yaml"], /unix-admins:\n\s+id: 10000000-0000-4000-8000-000000000001\n\s+scimGroupName: Admins in PRA\n\s+# Unix Admins/);
    const loaded = loadMappingsFromText(Object.entries(files).map(([file, text]) => ({ file, text })));
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual(loaded.value?.groups.map((g) => g.alias).sort(), ["ops-on-call", "unix-admins"]);
  });
});
