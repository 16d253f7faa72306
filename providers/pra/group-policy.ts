// pra:GroupPolicy — a PRA group policy declared in the mappings: its name, permissions, the
// SCIM groups that are its members and the jump groups it grants with their jump item role
// and jump policy. Every change is followed by the policy's provision call.
import * as pulumi from "@pulumi/pulumi";
import type { DesiredPraGroupPolicy } from "./desired";
import { diffSets } from "../../lib/diff-sets";
import { diffResult } from "../../lib/provider/diff";
import { ProviderError } from "../../lib/provider/errors";
import type { ProcessContext } from "../../lib/provider/process-context";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import {
  GROUP_POLICY_PERMISSION_FIELDS,
  groupPolicyEndpoint,
  groupPolicyJumpGroupEndpoint,
  groupPolicyMemberEndpoint,
  memberIdentity,
  TOP_LEVEL,
  type GroupPolicy,
  type GroupPolicyFields,
  type GroupPolicyMember,
  type NewGroupPolicyMember,
} from "./api";
import { praProcess, type PraContext, type PraLookups } from "./context";
import { praLimits } from "./facts";
import { isGroupPolicyNamed } from "./group-policy-adoption";

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
  /** "remove": members the mappings cannot state are taken out. Absent: they are kept. */
  unmanagedMembers?: "remove";
}
export interface PraGroupPolicyOutputs extends PraGroupPolicyInputs {
  policyId: number;
  /**
   * Members the mappings cannot state (local users, LDAP or SAML users and groups, another
   * security provider's), as a reviewer can tell them apart; kept unless unmanagedMembers is "remove".
   */
  otherMembers?: string[];
}

const COMPARED = ["name", "permissions", "memberGroups", "jumpGroups", "unmanagedMembers"] as const;

export function groupPolicyInputsOf(policy: DesiredPraGroupPolicy): PraGroupPolicyInputs {
  const jumpGroups: Record<string, JumpGroupGrant> = {};
  for (const link of [...policy.jumpGroups].sort((a, b) => a.jumpGroup.localeCompare(b.jumpGroup))) {
    jumpGroups[link.jumpGroup] = { jumpItemRole: link.jumpItemRole, jumpPolicy: link.jumpPolicy };
  }
  return {
    name: policy.name,
    permissions: { ...policy.permissions },
    memberGroups: [...policy.memberGroups].sort(),
    jumpGroups,
    ...(policy.unmanagedMembers === "remove" ? { unmanagedMembers: "remove" as const } : {}),
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Exact names only: a name that matches by case alone would show as a change on every run. */
/** The PRA object named `name` (jump groups, roles and policies are looked up, never created), or NOT_FOUND with the names PRA has. */
export function byName<T>(items: readonly T[], name: string, nameOf: (t: T) => string, what: string): T {
  const found = items.find((i) => nameOf(i) === name);
  if (!found) {
    const similar = items.filter((i) => nameOf(i).toLowerCase() === name.toLowerCase()).map(nameOf);
    const known = items.map(nameOf).sort().slice(0, 20).join(", ");
    const hint = similar.length ? ` (names differ in case: ${similar.join(", ")})` : ` (it has: ${known || "none"})`;
    throw new ProviderError({
      code: "NOT_FOUND",
      target: "PRA",
      object: `${what} "${name}"`,
      detail: `PRA has no ${what} named "${name}"${hint}`,
      remedy: `Create the ${what} in PRA (it is looked up, never created) or correct the name in the mappings`,
    });
  }
  return found;
}

/** A member the mappings can state: a group of our SCIM security provider. */
const isManagedMember = (member: GroupPolicyMember | NewGroupPolicyMember, lookups: PraLookups) =>
  member.security_provider_id === lookups.scimProvider.id && "group_name" in member && !!member.group_name;

/** How a member PRA holds is shown: our SCIM groups by name, anything else so a reviewer can tell what it is. */
function memberLabel(member: GroupPolicyMember, lookups: PraLookups): string {
  if (isManagedMember(member, lookups)) return member.group_name!;
  if (member.group_name) return `group ${member.group_name} (security provider ${member.security_provider_id})`;
  if (member.distinguished_name) return `user ${member.distinguished_name} (security provider ${member.security_provider_id})`;
  return `user #${member.user_id} (security provider ${member.security_provider_id})`;
}

type Link = { jump_group_id: number; jump_item_role_id?: number; jump_policy_id?: number };

/** A policy as PRA holds it: its fields, members and jump-group links. */
interface PolicyState {
  policy: GroupPolicy;
  members: GroupPolicyMember[];
  links: Link[];
}

export async function readState(context: PraContext, id: number): Promise<PolicyState | undefined> {
  const policy = await context.groupPolicies.get(id);
  if (!policy) return undefined;
  const api = context.api();
  const parent = { policyId: id };
  const [members, links] = await Promise.all([collect(api.list(groupPolicyMemberEndpoint, parent)), collect(api.list(groupPolicyJumpGroupEndpoint, parent))]);
  return { policy, members, links };
}

/** What PRA holds, in the resource's terms; `unmanagedMembers` is the policy's setting, carried so diff sees it change. */
export function outputsOf(state: PolicyState, permissionKeys: readonly string[], lookups: PraLookups, unmanagedMembers?: "remove"): PraGroupPolicyOutputs {
  const permissions: Permissions = {};
  const held = new Map<string, Permissions[string]>(Object.entries(state.policy));
  for (const key of [...permissionKeys].sort()) permissions[key] = held.get(key) ?? null;
  const jumpGroups: Record<string, JumpGroupGrant> = {};
  for (const link of state.links) {
    const group = lookups.jumpGroups.find((g) => g.id === link.jump_group_id)?.name ?? `jump group #${link.jump_group_id}`;
    const role = link.jump_item_role_id ? (lookups.jumpItemRoles.find((r) => r.id === link.jump_item_role_id)?.name ?? `#${link.jump_item_role_id}`) : null;
    const jumpPolicy = link.jump_policy_id ? (lookups.jumpPolicies.find((p) => p.id === link.jump_policy_id)?.display_name ?? `#${link.jump_policy_id}`) : null;
    jumpGroups[group] = { jumpItemRole: role, jumpPolicy };
  }
  return {
    policyId: state.policy.id,
    name: state.policy.name,
    permissions,
    memberGroups: state.members
      .filter((m) => isManagedMember(m, lookups))
      .map((m) => memberLabel(m, lookups))
      .sort(),
    otherMembers: state.members
      .filter((m) => !isManagedMember(m, lookups))
      .map((m) => memberLabel(m, lookups))
      .sort(),
    jumpGroups: Object.fromEntries(Object.entries(jumpGroups).sort(([a], [b]) => a.localeCompare(b))),
    ...(unmanagedMembers ? { unmanagedMembers } : {}),
  };
}

function desiredLinks(grants: Record<string, JumpGroupGrant>, lookups: PraLookups): Required<Link>[] {
  return Object.entries(grants).map(([name, grant]) => ({
    jump_group_id: byName(lookups.jumpGroups, name, (g) => g.name, "jump group").id,
    jump_item_role_id: grant.jumpItemRole ? byName(lookups.jumpItemRoles, grant.jumpItemRole, (r) => r.name, "jump item role").id : 0,
    jump_policy_id: grant.jumpPolicy ? byName(lookups.jumpPolicies, grant.jumpPolicy, (p) => p.display_name, "jump policy").id : 0,
  }));
}

const linkIdentity = (l: Link) => `${l.jump_group_id}/${l.jump_item_role_id ?? 0}/${l.jump_policy_id ?? 0}`;

function policyFields(inputs: PraGroupPolicyInputs): GroupPolicyFields {
  return { ...(inputs.permissions as Partial<GroupPolicyFields>), name: inputs.name };
}

function fieldsDiffer(policy: GroupPolicy, inputs: PraGroupPolicyInputs): boolean {
  const held = new Map<string, unknown>(Object.entries(policy));
  return policy.name !== inputs.name || Object.entries(inputs.permissions).some(([k, v]) => held.get(k) !== v);
}

/**
 * Brings the policy from `current` (what PRA holds) to the desired state with the fewest calls:
 * a PATCH only when fields differ, member and jump-group adds and removes by set difference,
 * then one provision when anything changed. The outputs are what PRA answered and was given.
 */
async function converge(context: PraContext, current: PolicyState, inputs: PraGroupPolicyInputs, created: boolean): Promise<PraGroupPolicyOutputs> {
  const api = context.api();
  const lookups = await context.lookups();
  const id = current.policy.id;
  const links = desiredLinks(inputs.jumpGroups, lookups); // unknown names fail before any write

  let policy = current.policy;
  const fieldsChanged = fieldsDiffer(policy, inputs);
  if (fieldsChanged) {
    policy = await api.update(groupPolicyEndpoint, TOP_LEVEL, id, policyFields(inputs));
    await context.groupPolicies.remember(policy);
  }

  const desiredMembers: NewGroupPolicyMember[] = inputs.memberGroups.map((group_name) => ({ security_provider_id: lookups.scimProvider.id, group_name }));
  // Members the mappings cannot state are left alone unless the policy says to remove them.
  const removeOthers = inputs.unmanagedMembers === "remove";
  const compared = current.members.filter((m) => removeOthers || isManagedMember(m, lookups));
  const members = diffSets<NewGroupPolicyMember | GroupPolicyMember>(compared, desiredMembers, memberIdentity);
  const parent = { policyId: id };
  for (const member of members.toRemove) await api.delete(groupPolicyMemberEndpoint, parent, (member as GroupPolicyMember).id);
  for (const member of members.toAdd) await api.create(groupPolicyMemberEndpoint, parent, member as NewGroupPolicyMember);

  // A changed role or policy is a different link: PRA offers no update, so remove and add.
  const jumps = diffSets<Link>(current.links, links, linkIdentity);
  for (const link of jumps.toRemove) await api.delete(groupPolicyJumpGroupEndpoint, parent, link.jump_group_id);
  for (const link of jumps.toAdd) await api.create(groupPolicyJumpGroupEndpoint, parent, link);

  const changed = created || fieldsChanged || members.toAdd.length + members.toRemove.length + jumps.toAdd.length + jumps.toRemove.length > 0;
  if (changed) await api.provisionGroupPolicy(id);
  const keptMembers = current.members.filter((m) => !members.toRemove.includes(m));
  const addedMembers = members.toAdd.map((m, i) => ({ ...(m as NewGroupPolicyMember), id: -1 - i }));
  return outputsOf({ policy, members: [...keptMembers, ...addedMembers], links }, Object.keys(inputs.permissions), lookups, inputs.unmanagedMembers);
}

/** The provider's diff, pure: members the mappings cannot state are a change only when the policy removes them. */
export function groupPolicyDiff(olds: PraGroupPolicyOutputs, news: PraGroupPolicyInputs): pulumi.dynamic.DiffResult {
  const diff = diffResult(olds, news, COMPARED);
  if (news.unmanagedMembers === "remove" && (olds.otherMembers?.length ?? 0) > 0) return { ...diff, changes: true };
  return diff;
}

/** The pra:GroupPolicy provider over a provider process's context: the real process's (below), or a test's own. */
export function praGroupPolicyProviderFor(processContext: ProcessContext<PraContext>) {
  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      if (!news.name || news.name.length > praLimits.groupPolicyName)
        failures.push({ property: "name", reason: `a name of 1 to ${praLimits.groupPolicyName} characters is required` });
      for (const key of Object.keys(news.permissions ?? {})) {
        if (!GROUP_POLICY_PERMISSION_FIELDS.includes(key)) failures.push({ property: `permissions.${key}`, reason: "not a writable PRA group policy field" });
      }
      for (const group of news.memberGroups ?? []) {
        if (group.length > praLimits.scimGroupName)
          failures.push({ property: "memberGroups", reason: `${group}: PRA group names are at most ${praLimits.scimGroupName} characters` });
      }
      return { inputs: news, failures };
    },

    diff: async (_id, olds, news) => groupPolicyDiff(olds, news),

    async create(inputs) {
      const context = processContext.get();
      const existing = await context.groupPolicies.filter(isGroupPolicyNamed(inputs.name));
      if (existing.length > 1) {
        throw new ProviderError({
          code: "CONFLICT",
          target: "PRA",
          object: `group policy "${inputs.name}"`,
          detail: `PRA has ${existing.length} group policies with this name (ids ${existing.map((p) => p.id).join(", ")})`,
          remedy: "Remove or rename the extra ones in PRA",
        });
      }
      if (existing.length === 1) {
        // Adopt the policy someone made by hand instead of adding a second one with its name.
        const current = (await readState(processContext.get(), existing[0].id))!;
        return { id: String(existing[0].id), outs: await converge(processContext.get(), current, inputs, false) };
      }
      desiredLinks(inputs.jumpGroups, await context.lookups()); // unknown names fail before the policy exists
      const policy = await context.api().create(groupPolicyEndpoint, TOP_LEVEL, policyFields(inputs));
      await context.groupPolicies.remember(policy);
      return { id: String(policy.id), outs: await converge(processContext.get(), { policy, members: [], links: [] }, inputs, true) };
    },

    async read(id, props) {
      const state = await readState(processContext.get(), Number(id));
      if (!state) return {};
      return { id, props: outputsOf(state, Object.keys(props?.permissions ?? {}), await processContext.get().lookups(), props?.unmanagedMembers) };
    },

    async update(id, _olds, news) {
      // Converge from what PRA holds now, not from the last recorded outputs, which may be stale.
      const current = await readState(processContext.get(), Number(id));
      if (!current) {
        throw new ProviderError({
          code: "NOT_FOUND",
          target: "PRA",
          object: `group policy "${news.name}" (#${id})`,
          detail: "it no longer exists",
          remedy: "Run a refresh (npm run up -- --refresh) so it is created again",
        });
      }
      return { outs: await converge(processContext.get(), current, news, false) };
    },

    async delete(id) {
      const context = processContext.get();
      await context.api().delete(groupPolicyEndpoint, TOP_LEVEL, Number(id));
      await context.groupPolicies.forget(Number(id));
    },
  } satisfies pulumi.dynamic.ResourceProvider<PraGroupPolicyInputs, PraGroupPolicyOutputs>;
}

export const praGroupPolicyProvider = praGroupPolicyProviderFor(praProcess);

export class PraGroupPolicy extends dynamicResource<PraGroupPolicyInputs, PraGroupPolicyOutputs>({
  provider: () => praGroupPolicyProvider,
  module: "pra",
  type: "GroupPolicy",
  outputs: ["policyId"],
}) {
  declare readonly policyId: pulumi.Output<number>;
}
