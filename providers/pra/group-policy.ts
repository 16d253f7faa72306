// pra:GroupPolicy — a PRA group policy declared in the mappings: its name, permissions, the
// SCIM groups that are its members and the jump groups it grants with their jump item role
// and jump policy. Every change is followed by the policy's provision call.
import * as pulumi from "@pulumi/pulumi";
import type { DesiredPraGroupPolicy } from "../../model/desired";
import { diffSets } from "../../lib/diff-sets";
import { diffResult } from "../common/diff";
import { providerStub } from "../common/provider-stub";
import { GROUP_POLICY_PERMISSION_FIELDS, memberIdentity, type GroupPolicy, type GroupPolicyFields, type GroupPolicyMember, type NewGroupPolicyMember } from "./api";
import { configurePra, praContext, type PraLookups } from "./context";

export type Permissions = Record<string, string | number | boolean | null>;
export interface JumpGroupGrant {
  jumpItemRole: string | null;
  jumpPolicy: string | null;
}

export interface PraGroupPolicyInputs {
  name: string;
  permissions: Permissions;
  /** displayNames of member SCIM groups, sorted. */
  memberGroups: string[];
  /** jump group name → role and policy (null: the defaults). */
  jumpGroups: Record<string, JumpGroupGrant>;
}
export interface PraGroupPolicyOutputs extends PraGroupPolicyInputs {
  policyId: number;
}

const COMPARED = ["name", "permissions", "memberGroups", "jumpGroups"] as const;

export function groupPolicyInputsOf(policy: DesiredPraGroupPolicy): PraGroupPolicyInputs {
  const jumpGroups: Record<string, JumpGroupGrant> = {};
  for (const link of [...policy.jumpGroups].sort((a, b) => a.jumpGroup.localeCompare(b.jumpGroup))) {
    jumpGroups[link.jumpGroup] = { jumpItemRole: link.jumpItemRole, jumpPolicy: link.jumpPolicy };
  }
  return { name: policy.name, permissions: { ...policy.permissions }, memberGroups: [...policy.memberGroups].sort(), jumpGroups };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function byName<T>(items: readonly T[], name: string, nameOf: (t: T) => string, what: string): T {
  const found = items.find((i) => nameOf(i) === name) ?? items.find((i) => nameOf(i).toLowerCase() === name.toLowerCase());
  if (!found) {
    const known = items.map(nameOf).sort().slice(0, 20).join(", ");
    throw new Error(`PRA has no ${what} named "${name}" (it has: ${known || "none"})`);
  }
  return found;
}

/** How a member PRA holds is shown: our SCIM groups by name, anything else so a reviewer can tell what it is. */
function memberLabel(member: GroupPolicyMember, lookups: PraLookups): string {
  if (member.security_provider_id === lookups.scimProvider.id && member.group_name) return member.group_name;
  if (member.group_name) return `group ${member.group_name} (security provider ${member.security_provider_id})`;
  if (member.distinguished_name) return `user ${member.distinguished_name} (security provider ${member.security_provider_id})`;
  return `user #${member.user_id} (security provider ${member.security_provider_id})`;
}

async function readPolicy(id: number, permissionKeys: readonly string[]): Promise<PraGroupPolicyOutputs | undefined> {
  const context = praContext();
  const api = context.api();
  const policy = await api.getGroupPolicy(id);
  if (!policy) return undefined;
  const lookups = await context.lookups();
  const [members, links] = await Promise.all([collect(api.listGroupPolicyMembers(id)), collect(api.listGroupPolicyJumpGroups(id))]);
  const permissions: Permissions = {};
  for (const key of [...permissionKeys].sort()) permissions[key] = ((policy as unknown as Record<string, unknown>)[key] ?? null) as Permissions[string];
  const jumpGroups: Record<string, JumpGroupGrant> = {};
  for (const link of links) {
    const group = lookups.jumpGroups.find((g) => g.id === link.jump_group_id)?.name ?? `jump group #${link.jump_group_id}`;
    const role = link.jump_item_role_id ? (lookups.jumpItemRoles.find((r) => r.id === link.jump_item_role_id)?.name ?? `#${link.jump_item_role_id}`) : null;
    const jumpPolicy = link.jump_policy_id ? (lookups.jumpPolicies.find((p) => p.id === link.jump_policy_id)?.display_name ?? `#${link.jump_policy_id}`) : null;
    jumpGroups[group] = { jumpItemRole: role, jumpPolicy };
  }
  return {
    policyId: id,
    name: policy.name,
    permissions,
    memberGroups: members.map((m) => memberLabel(m, lookups)).sort(),
    jumpGroups: Object.fromEntries(Object.entries(jumpGroups).sort(([a], [b]) => a.localeCompare(b))),
  };
}

async function syncMembers(policyId: number, memberGroups: readonly string[]): Promise<boolean> {
  const context = praContext();
  const api = context.api();
  const { scimProvider } = await context.lookups();
  const current = await collect(api.listGroupPolicyMembers(policyId));
  const desired: NewGroupPolicyMember[] = memberGroups.map((group_name) => ({ security_provider_id: scimProvider.id, group_name }));
  const { toAdd, toRemove } = diffSets<NewGroupPolicyMember | GroupPolicyMember>(current, desired, memberIdentity);
  for (const member of toRemove) await api.removeGroupPolicyMember(policyId, (member as GroupPolicyMember).id);
  for (const member of toAdd) await api.addGroupPolicyMember(policyId, member as NewGroupPolicyMember);
  return toAdd.length + toRemove.length > 0;
}

async function syncJumpGroups(policyId: number, grants: Record<string, JumpGroupGrant>): Promise<boolean> {
  const context = praContext();
  const api = context.api();
  const lookups = await context.lookups();
  const desired = Object.entries(grants).map(([name, grant]) => ({
    jump_group_id: byName(lookups.jumpGroups, name, (g) => g.name, "jump group").id,
    jump_item_role_id: grant.jumpItemRole ? byName(lookups.jumpItemRoles, grant.jumpItemRole, (r) => r.name, "jump item role").id : 0,
    jump_policy_id: grant.jumpPolicy ? byName(lookups.jumpPolicies, grant.jumpPolicy, (p) => p.display_name, "jump policy").id : 0,
  }));
  const current = await collect(api.listGroupPolicyJumpGroups(policyId));
  // A changed role or policy is a different link: PRA offers no update, so remove and add.
  const identity = (l: { jump_group_id: number; jump_item_role_id?: number; jump_policy_id?: number }) => `${l.jump_group_id}/${l.jump_item_role_id ?? 0}/${l.jump_policy_id ?? 0}`;
  const { toAdd, toRemove } = diffSets(current, desired, identity);
  for (const link of toRemove) await api.removeGroupPolicyJumpGroup(policyId, link.jump_group_id);
  for (const link of toAdd) await api.addGroupPolicyJumpGroup(policyId, link);
  return toAdd.length + toRemove.length > 0;
}

function policyFields(inputs: PraGroupPolicyInputs): GroupPolicyFields {
  return { ...(inputs.permissions as Partial<GroupPolicyFields>), name: inputs.name };
}

/** Brings the policy with this id to the desired state, provisions it, and reads it back. */
async function converge(id: number, inputs: PraGroupPolicyInputs, current: PraGroupPolicyOutputs | undefined, created = false): Promise<PraGroupPolicyOutputs> {
  const api = praContext().api();
  const fieldsChanged = !current || current.name !== inputs.name || Object.entries(inputs.permissions).some(([k, v]) => current.permissions[k] !== v);
  if (fieldsChanged) await api.updateGroupPolicy(id, policyFields(inputs));
  const membersChanged = await syncMembers(id, inputs.memberGroups);
  const jumpGroupsChanged = await syncJumpGroups(id, inputs.jumpGroups);
  if (created || fieldsChanged || membersChanged || jumpGroupsChanged) await api.provisionGroupPolicy(id);
  const after = await readPolicy(id, Object.keys(inputs.permissions));
  if (!after) throw new Error(`PRA group policy ${inputs.name} (#${id}) disappeared while it was being updated`);
  return after;
}

export const praGroupPolicyProvider: pulumi.dynamic.ResourceProvider<PraGroupPolicyInputs, PraGroupPolicyOutputs> = {
  configure: configurePra,

  async check(_olds, news) {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    if (!news.name || news.name.length > 255) failures.push({ property: "name", reason: "a name of 1 to 255 characters is required" });
    for (const key of Object.keys(news.permissions ?? {})) {
      if (!GROUP_POLICY_PERMISSION_FIELDS.includes(key)) failures.push({ property: `permissions.${key}`, reason: "not a writable PRA group policy field" });
    }
    for (const group of news.memberGroups ?? []) {
      if (group.length > 64) failures.push({ property: "memberGroups", reason: `${group}: PRA group names are at most 64 characters` });
    }
    return { inputs: news, failures };
  },

  async diff(_id, olds, news) {
    return diffResult(olds as unknown as Record<string, unknown>, news as unknown as Record<string, unknown>, COMPARED);
  },

  async create(inputs) {
    const api = praContext().api();
    const existing: GroupPolicy | undefined = await api.findGroupPolicyByName(inputs.name);
    if (existing) {
      // Adopt the policy someone made by hand instead of failing on the duplicate name.
      const current = await readPolicy(existing.id, Object.keys(inputs.permissions));
      const outs = await converge(existing.id, inputs, current);
      return { id: String(existing.id), outs };
    }
    const created = await api.createGroupPolicy(policyFields(inputs));
    const outs = await converge(created.id, inputs, await readPolicy(created.id, Object.keys(inputs.permissions)), true);
    return { id: String(created.id), outs };
  },

  async read(id, props) {
    const outs = await readPolicy(Number(id), Object.keys(props?.permissions ?? {}));
    return outs ? { id, props: outs } : {};
  },

  async update(id, _olds, news) {
    // Compare with what PRA holds now, not with the last recorded outputs, which may be stale.
    const current = await readPolicy(Number(id), Object.keys(news.permissions));
    if (!current) throw new Error(`PRA group policy ${news.name} (#${id}) no longer exists: run a refresh (npm run up -- --refresh) so it is created again`);
    return { outs: await converge(Number(id), news, current) };
  },

  async delete(id) {
    await praContext().api().deleteGroupPolicy(Number(id));
  },
};

const stub = providerStub("dist/providers/pra/group-policy", "praGroupPolicyProvider");

export class PraGroupPolicy extends pulumi.dynamic.Resource {
  declare readonly policyId: pulumi.Output<number>;

  constructor(name: string, args: PraGroupPolicyInputs, opts?: pulumi.CustomResourceOptions) {
    super(stub, name, { ...args, policyId: undefined }, opts, "pra", "GroupPolicy");
  }
}
