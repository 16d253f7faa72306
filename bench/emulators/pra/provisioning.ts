// PRA recalculates a user's memberships and permissions only when the user is provisioned
// (POST /group-policy/{id}/provision, POST /user/provision, or a login): until then a change made
// through the API is stored but not in effect. The emulator keeps a per-user snapshot taken at
// provisioning time; GET /user and /user/{id}/group-policies show that snapshot.
import { schemaOf } from "./wire/shape";
import type { PraContract } from "./contract";
import type { GroupPolicyRecord, GroupPolicyWire, PraState, UserRecord } from "./state";

/**
 * The GroupPolicy field saying whether a policy defines permissions: PRA's
 * `access_perm_status`, Remote Support's `rep_perm_status` (whichever the spec has).
 */
export function permStatusField(contract: PraContract): string {
  return "rep_perm_status" in (schemaOf(contract, "GroupPolicy").properties ?? {}) ? "rep_perm_status" : "access_perm_status";
}

/** GroupPolicy fields that are user permissions (everything but identity and the status). */
export function policyPermissionFields(contract: PraContract): string[] {
  const status = permStatusField(contract);
  return Object.keys(schemaOf(contract, "GroupPolicy").properties ?? {}).filter((f) => !["id", "name", status].includes(f));
}

/** Ids of the users a policy's members currently stand for. */
export function policyMemberUserIds(state: PraState, policy: GroupPolicyRecord, users: Map<string, UserRecord> = state.scimUserIndex()): Set<number> {
  const ids = new Set<number>();
  for (const member of policy.members) {
    if (member.kind === "user" || member.kind === "scim-user") ids.add(member.userId);
    if (member.kind === "scim-group") {
      for (const scimId of state.scimGroups.get(member.scimGroupId)?.memberIds ?? []) {
        const user = users.get(scimId);
        if (user) ids.add(user.id);
      }
    }
  }
  return ids;
}

/**
 * Effective permissions from the user's policies in priority order (the order PRA lists them):
 * the first policy that defines permissions decides. The User schema writes perm_access_allowed
 * as an enum where GroupPolicy has a boolean.
 */
export function effectivePermissions(contract: PraContract, policies: readonly GroupPolicyWire[]): Record<string, string | number | boolean> {
  const status = permStatusField(contract);
  const defining = policies.find((p) => (p as unknown as Record<string, unknown>)[status] !== "not_defined");
  if (!defining) return {};
  const out: Record<string, string | number | boolean> = {};
  const source = defining as unknown as Record<string, string | number | boolean>;
  for (const field of policyPermissionFields(contract)) {
    out[field] = field === "perm_access_allowed" ? (source[field] ? "full_support" : "not_allowed") : source[field];
  }
  return out;
}

type Memberships = Map<GroupPolicyRecord, Set<number>>;

/** Every policy's member user ids, computed once per provisioning call. */
function memberships(state: PraState): Memberships {
  // One index of SCIM users for all policies: built per policy, a provisioning call at 10,000
  // users and 200 policies cost the emulator a second of CPU and stalled every other request.
  const users = state.scimUserIndex();
  return new Map([...state.groupPolicies.values()].map((p) => [p, policyMemberUserIds(state, p, users)]));
}

function provisionUser(state: PraState, user: UserRecord, members: Memberships): void {
  const policies = [...members].filter(([, ids]) => ids.has(user.id)).map(([policy]) => policy);
  user.provisioned = {
    groupPolicyIds: policies.map((p) => p.wire.id),
    perms: effectivePermissions(
      state.contract,
      policies.map((p) => p.wire),
    ),
    atVersion: state.version,
  };
}

/** Provisions a policy's current members and its former members (whose rights may shrink). */
export function provisionGroupPolicy(state: PraState, policy: GroupPolicyRecord): void {
  const members = memberships(state);
  const affected = new Set(members.get(policy));
  for (const user of state.users.values()) {
    if (user.provisioned?.groupPolicyIds.includes(policy.wire.id)) affected.add(user.id);
  }
  for (const id of affected) provisionUser(state, state.users.get(id)!, members);
  policy.provisionedAtVersion = state.version;
  state.provisionLog.push({ kind: "group-policy", groupPolicyId: policy.wire.id, version: state.version });
}

/** Recalculates users' snapshots without recording a provisioning call (seeding). */
export function recalculateAll(state: PraState): void {
  const members = memberships(state);
  for (const user of state.users.values()) provisionUser(state, user, members);
  for (const policy of state.groupPolicies.values()) policy.provisionedAtVersion = state.version;
}

/** Provisions the listed users (unknown ids ignored, as the spec says), or everyone. */
export function provisionUsers(state: PraState, requested: readonly number[]): number[] {
  const all = requested.length === 0;
  const ids = all ? [...state.users.keys()] : [...new Set(requested)].filter((id) => state.users.has(id));
  if (all) recalculateAll(state);
  else {
    const members = memberships(state);
    for (const id of ids) provisionUser(state, state.users.get(id)!, members);
  }
  state.provisionLog.push({ kind: "users", userIds: ids, requestedAll: all, version: state.version });
  return ids;
}
