// PRA at scale through the offline engine: a generated tenant with more users and groups than
// one page holds, a group policy per group, the emulator at its default page sizes (100), and
// objects made before the first run that must be adopted, not duplicated. Assertions read the
// emulator's state and traffic, not only exit codes.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { stringify } from "yaml";
import { generateTenant } from "../../bench/emulators/graph/generate-tenant";
import type { TenantFixture } from "../../bench/emulators/graph/tenant";
import type { PraSeed, PraState, UserRecord } from "../../bench/emulators/pra";
import { describeCall, laterPageReads, markRequests, unrecoveredThrottles, writeCalls } from "./helpers/traffic";
import { expectExit, startScaleEnvironment, type ScaleEnvironment } from "./helpers/scale-environment";

const GROUPS = 104;
const USERS = 160;
const JUMP_GROUPS = 110;
const pad = (n: number) => String(n).padStart(3, "0");
const policyName = (i: number) => `Policy ${pad(i)}`;
const jumpZone = (i: number) => `Jump Zone ${pad(i)}`;
/** Every other policy grants its jump group with the Administrator role, the rest with the default. */
const jumpItemRoleOf = (i: number) => (i % 2 === 0 ? "Administrator" : null);
const permissionsOf = (i: number) => ({
  perm_access_allowed: true,
  access_perm_status: "defined",
  perm_shell_jump: i % 3 === 0,
  perm_remote_rdp: i % 3 !== 0,
  perm_session_idle_timeout: 1800,
});

/** Group i ("Generated Group 00i") is the only member of policy i, which grants jump group i. */
function mappingYaml(tenant: TenantFixture): string {
  const groups: Record<string, { displayName: string }> = {};
  const groupPolicies = tenant.groups.map((group, index) => {
    const i = index + 1;
    groups[`g${pad(i)}`] = { displayName: group.displayName };
    const role = jumpItemRoleOf(i);
    return {
      name: policyName(i),
      members: [`g${pad(i)}`],
      permissions: permissionsOf(i),
      jumpGroups: [role ? { name: jumpZone(i), jumpItemRole: role } : { name: jumpZone(i) }],
    };
  });
  return stringify({ groups, leavers: "deactivate", safety: { maxRemovals: 5 }, pra: { userName: "userPrincipalName", groupPolicies } });
}

const tenant = generateTenant({ users: USERS, groups: GROUPS, nestingDepth: 0, seed: 20240601 });
/** Users the old scheduled script created without an externalId: adopted by userName. */
const scriptUsers = tenant.users.slice(0, 3);
const UNMANAGED_USER = "contractor@fabrikam.com";

const praSeed: PraSeed = {
  jumpGroups: Array.from({ length: JUMP_GROUPS }, (_, i) => ({ name: jumpZone(i + 1) })),
  scimUsers: [
    ...scriptUsers.map((u) => ({ userName: u.userPrincipalName, displayName: `${u.displayName} (old script)`, email: String(u.mail) })),
    // Managed by nobody here: it must be left exactly as it is.
    { userName: UNMANAGED_USER, externalId: "not-from-entra", displayName: "Fabrikam contractor" },
  ],
  // A SCIM group made by hand with the name of a mapped group: adopted, its members corrected.
  scimGroups: [{ displayName: tenant.groups[3].displayName, members: [scriptUsers[0].userPrincipalName, UNMANAGED_USER] }],
  // Policies made in the console with mapped names: adopted, their settings corrected.
  groupPolicies: [
    { name: policyName(2), perm_access_allowed: false, jumpGroups: [{ jumpGroup: jumpZone(JUMP_GROUPS) }] },
    { name: policyName(3), memberScimGroups: [tenant.groups[3].displayName], jumpGroups: [{ jumpGroup: jumpZone(3), jumpItemRole: "No Access" }] },
  ],
};

/** Entra user ids that are direct members of each group (the tenant has no nesting). */
function membersByGroup(fixture: TenantFixture): Map<string, Set<string>> {
  const userIds = new Set(fixture.users.map((u) => u.id));
  return new Map(fixture.groups.map((g) => [g.id, new Set(g.members.filter((m) => userIds.has(m)))]));
}

function scimUserByExternalId(state: PraState): Map<string, UserRecord> {
  const byExternalId = new Map<string, UserRecord>();
  for (const user of state.scimUsers()) {
    const externalId = user.scim!.externalId;
    if (externalId === null) continue;
    assert.ok(!byExternalId.has(externalId), `two PRA users have externalId ${externalId}`);
    byExternalId.set(externalId, user);
  }
  return byExternalId;
}

/** Every mapped group's SCIM group, policy, members, jump group and permissions, and who is provisioned into what. */
function assertPraMatches(fixture: TenantFixture, state: PraState, managedUserIds: Set<string>): void {
  const users = scimUserByExternalId(state);
  for (const id of managedUserIds) {
    const entra = fixture.users.find((u) => u.id === id)!;
    const user = users.get(id);
    assert.ok(user, `no PRA user for ${entra.userPrincipalName}`);
    assert.equal(user.scim!.userName, entra.userPrincipalName);
    assert.equal(user.scim!.displayName, entra.displayName);
    assert.equal(user.enabled, entra.accountEnabled, `${entra.userPrincipalName} active`);
  }
  const members = membersByGroup(fixture);
  const roleIds = new Map([...state.jumpItemRoles.values()].map((r) => [r.name, r.id]));
  const jumpGroupIds = new Map([...state.jumpGroups.values()].map((g) => [g.name, g.id]));
  const expectedPolicies = new Map<number, number[]>(); // PRA user id → group policy ids it should be provisioned into
  fixture.groups.forEach((group, index) => {
    const i = index + 1;
    const scimGroups = [...state.scimGroups.values()].filter((g) => g.externalId === group.id);
    assert.equal(scimGroups.length, 1, `SCIM groups for ${group.displayName}`);
    const [scimGroup] = scimGroups;
    assert.equal(scimGroup.displayName, group.displayName);
    const expectedMembers = [...members.get(group.id)!].map((id) => users.get(id)!.scim!.id).sort();
    assert.deepEqual([...scimGroup.memberIds].sort(), expectedMembers, `members of SCIM group ${group.displayName}`);

    const policies = state.groupPoliciesNamed(policyName(i));
    assert.equal(policies.length, 1, `group policies named ${policyName(i)}`);
    const [policy] = policies;
    for (const [field, value] of Object.entries(permissionsOf(i)))
      assert.equal((policy.wire as unknown as Record<string, unknown>)[field], value, `${policyName(i)} ${field}`);
    assert.deepEqual(
      policy.members.map((m) => (m.kind === "scim-group" ? m.scimGroupId : `${m.kind} member`)),
      [scimGroup.id],
      `members of ${policyName(i)}`,
    );
    const role = jumpItemRoleOf(i);
    assert.deepEqual(
      policy.jumpGroups,
      [{ jump_group_id: jumpGroupIds.get(jumpZone(i)), jump_item_role_id: role ? roleIds.get(role) : 0, jump_policy_id: 0 }],
      `jump groups of ${policyName(i)}`,
    );
    for (const scimId of scimGroup.memberIds) {
      const userId = state.userByScimId(scimId)!.id;
      expectedPolicies.set(userId, [...(expectedPolicies.get(userId) ?? []), policy.wire.id]);
    }
  });
  assert.deepEqual(state.unprovisionedGroupPolicyIds(), [], "every changed group policy was provisioned");
  for (const user of state.scimUsers()) {
    if (user.scim!.externalId === "not-from-entra") continue;
    const expected = (expectedPolicies.get(user.id) ?? []).sort((a, b) => a - b);
    assert.deepEqual(
      [...(user.provisioned?.groupPolicyIds ?? [])].sort((a, b) => a - b),
      expected,
      `group policies in effect for ${user.username}`,
    );
  }
}

describe("PRA at scale: more than a page of users, SCIM groups, group policies and jump groups", () => {
  let env: ScaleEnvironment;
  before(async () => {
    env = await startScaleEnvironment("scale-pra", { tenant: structuredClone(tenant), mappings: { "access.yaml": mappingYaml(tenant) }, praSeed });
  });
  after(async () => {
    await env?.close();
  });

  test("the mapped tenant is large enough to page everywhere", () => {
    const members = membersByGroup(tenant);
    const mappedUsers = new Set([...members.values()].flatMap((s) => [...s]));
    assert.ok(mappedUsers.size > 100 && tenant.groups.length > 100 && JUMP_GROUPS > 100);
    assert.ok(
      tenant.users.some((u) => !u.accountEnabled),
      "some users are disabled",
    );
  });

  test("up creates every user, SCIM group and group policy, adopts what existed, and provisions each policy", async () => {
    const state = env.pra.state;
    const policyIdsBefore = new Set(state.groupPolicies.keys());
    const scriptUserIds = scriptUsers.map((u) => state.scimUsers().find((r) => r.scim!.userName === u.userPrincipalName)!.id);
    const adoptedGroupId = [...state.scimGroups.values()][0].id;
    const traffic = markRequests(env.pra.requests);

    // The hand-made SCIM group holds two people the mappings do not put in it: taking them out of
    // the adopted policy is what the first run's removal safety counts, so this run says it is intended.
    const allowed = { ...env.options, env: { ...env.options.env, PAM_RECONCILER_ALLOW_REMOVALS: "true" } };
    const applied = await env.runner.run("up", allowed);
    expectExit(applied, 0, "up", env);
    const said = `${env.output()}\n${applied.output}`;
    assert.match(said, /This run removes 2 accounts and grants/);
    assert.match(said, /Removal safety overridden/);

    const members = membersByGroup(tenant);
    const mappedUsers = new Set([...members.values()].flatMap((s) => [...s]));
    assertPraMatches(tenant, state, mappedUsers);
    // Adopted, not duplicated: one user per mapped Entra user plus the unmanaged one; one group per mapped group.
    assert.equal(state.scimUsers().length, mappedUsers.size + 1);
    assert.equal(state.scimGroups.size, GROUPS);
    assert.equal(state.groupPolicies.size, GROUPS);
    scriptUsers.forEach((u, i) => {
      const record = state.users.get(scriptUserIds[i])!;
      assert.equal(record.scim!.externalId, u.id, `${u.userPrincipalName} adopted in place`);
    });
    assert.ok(state.scimGroups.has(adoptedGroupId), "the SCIM group made by hand was adopted in place");
    for (const seeded of [policyName(2), policyName(3)])
      assert.ok(policyIdsBefore.has(state.groupPoliciesNamed(seeded)[0].wire.id), `${seeded} adopted in place`);
    const unmanaged = state.scimUsers().find((u) => u.scim!.userName === UNMANAGED_USER)!;
    assert.equal(unmanaged.scim!.externalId, "not-from-entra");
    assert.equal(unmanaged.scim!.displayName, "Fabrikam contractor");
    assert.equal(unmanaged.enabled, true);

    const provisioned = new Set(env.pra.provisionLog.flatMap((e) => (e.kind === "group-policy" ? [e.groupPolicyId] : [])));
    for (const policy of state.groupPolicies.values()) assert.ok(provisioned.has(policy.wire.id), `${policy.wire.name} was provisioned`);

    const requests = traffic.since();
    assert.ok(laterPageReads(requests, /\/api\/config\/v1\/jump-group$/).length >= 1, "the jump group lookup read a second page");
    // Arrivals on a loaded machine bunch up (a stalled event loop fires its timers together),
    // so a 429 may happen: what the client controls is that it recovers from every one. The
    // spacing it asks for is asserted on virtual time in test/providers/pra/client.test.ts.
    assert.deepEqual(unrecoveredThrottles(requests).map(describeCall), [], "every throttled request was sent again and succeeded");
  });

  test("preview --refresh --expect-no-changes reads everything page by page and writes nothing", async () => {
    const versionBefore = env.pra.state.version;
    const traffic = markRequests(env.pra.requests);

    const preview = await env.runner.run("preview", { ...env.options, refresh: true, expectNoChanges: true, json: true });
    expectExit(preview, 0, "preview --refresh --expect-no-changes", env);

    const requests = traffic.since();
    assert.deepEqual(writeCalls(requests).map(describeCall), [], "a preview writes nothing");
    assert.equal(env.pra.state.version, versionBefore);
    assert.ok(laterPageReads(requests, /\/api\/scim\/v2\/Users$/).length >= 1, "SCIM users listed past the first page");
    assert.ok(laterPageReads(requests, /\/api\/scim\/v2\/Groups$/).length >= 1, "SCIM groups listed past the first page");
    assert.ok(laterPageReads(requests, /\/api\/config\/v1\/jump-group$/).length >= 1, "jump groups listed past the first page");
    assert.ok(laterPageReads(requests, /\/api\/config\/v1\/user$/).length >= 1, "the SCIM provider's users listed past the first page");
    const summary = preview.digest?.changeSummary;
    assert.ok(summary, `the preview printed its JSON digest\n${preview.output}`);
    assert.deepEqual({ ...summary, same: 0 }, { create: 0, update: 0, delete: 0, replace: 0, same: 0 });
  });

  test("a directory change updates only the SCIM groups and users it touches", async () => {
    const v2 = structuredClone(tenant);
    const members = membersByGroup(v2);
    const inGroups = (userId: string) => v2.groups.filter((g) => members.get(g.id)!.has(userId));
    // Leaves: a user in exactly one group is removed from it, so leaves PRA (deactivated).
    const leaver = v2.users.find((u) => u.accountEnabled && inGroups(u.id).length === 1 && !scriptUsers.some((s) => s.id === u.id))!;
    const leaverGroup = inGroups(leaver.id)[0];
    leaverGroup.members = leaverGroup.members.filter((m) => m !== leaver.id);
    // Joins: an existing user is added to another group.
    const joiner = v2.users.find((u) => u.accountEnabled && u.id !== leaver.id && inGroups(u.id).length === 1 && inGroups(u.id)[0] !== leaverGroup)!;
    const joinedGroup = v2.groups.find((g) => g !== leaverGroup && !members.get(g.id)!.has(joiner.id))!;
    joinedGroup.members.push(joiner.id);
    // New: a user who was not in the directory before joins the leaver's group.
    const newcomer = {
      ...structuredClone(v2.users[0]),
      id: "0c7e4b2a-1f3d-4e5a-9b6c-7d8e9f0a1b2c",
      userPrincipalName: "newcomer@contoso.com",
      mail: "newcomer@contoso.com",
      displayName: "New Comer",
      accountEnabled: true,
    };
    v2.users.push(newcomer);
    leaverGroup.members.push(newcomer.id);
    env.graph.loadTenant(v2);

    const state = env.pra.state;
    const byExternalId = scimUserByExternalId(state);
    const leaverRecord = byExternalId.get(leaver.id)!;
    const scimGroupOf = (groupId: string) => [...state.scimGroups.values()].find((g) => g.externalId === groupId)!;
    const policyIds = new Set(state.groupPolicies.keys());
    const traffic = markRequests(env.pra.requests);

    expectExit(await env.runner.run("up", env.options), 0, "up after the directory change", env);

    const stillMapped = new Set([...membersByGroup(v2).values()].flatMap((s) => [...s]));
    assert.ok(!stillMapped.has(leaver.id));
    assertPraMatches(v2, state, stillMapped);
    // The leaver is deactivated, not deleted, and no longer in any policy.
    assert.equal(state.users.get(leaverRecord.id)?.enabled, false, `${leaver.userPrincipalName} deactivated`);
    assert.deepEqual(state.users.get(leaverRecord.id)?.provisioned?.groupPolicyIds, []);
    assert.deepEqual(new Set(state.groupPolicies.keys()), policyIds, "no group policy created or deleted");

    const newcomerRecord = scimUserByExternalId(state).get(newcomer.id)!;
    const writes = writeCalls(traffic.since()).map(describeCall).sort();
    const expectedWrites = [
      "POST /api/scim/v2/Users",
      `PUT /api/scim/v2/Users/${leaverRecord.scim!.id}`,
      `PUT /api/scim/v2/Groups/${scimGroupOf(leaverGroup.id).id}`,
      `PUT /api/scim/v2/Groups/${scimGroupOf(joinedGroup.id).id}`,
    ];
    assert.deepEqual(
      writes.filter((w) => !w.startsWith("POST /api/config/v1/user/provision")),
      expectedWrites.sort(),
      "only the touched users and groups are written; no group policy changes",
    );
    assert.ok(
      writes.some((w) => w.startsWith("POST /api/config/v1/user/provision")),
      "membership changes are provisioned",
    );
    assert.equal(newcomerRecord.scim!.userName, "newcomer@contoso.com");
  });
});
