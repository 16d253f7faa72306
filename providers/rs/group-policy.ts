// rs:GroupPolicy — a Remote Support group policy declared in the mappings: its name, RS
// permission fields, the SAML groups (of one named security provider) that are its members, and
// the jump groups it grants with their jump item role. Every change is followed by the policy's
// provision call. Users are not written: RS creates them at their first SAML login.
import * as pulumi from "@pulumi/pulumi";
import { diffSets } from "../../lib/diff-sets";
import { diffResult } from "../../lib/provider/diff";
import { ProviderError } from "../../lib/provider/errors";
import type { ProcessContext } from "../../lib/provider/process-context";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { groupPolicyMemberEndpoint, memberIdentity, type GroupPolicyMember, type NewGroupPolicyMember, type SecurityProvider } from "../pra/api";
import { byName } from "../pra/group-policy";
import {
  RS_GROUP_POLICY_PERMISSION_FIELDS,
  rsGroupPolicyEndpoint,
  rsGroupPolicyJumpGroupEndpoint,
  TOP_LEVEL,
  type RsGroupPolicy as RsGroupPolicyWire,
  type RsGroupPolicyJumpGroup,
} from "./api";
import { rsProcess, type RsContext, type RsLookups } from "./context";
import type { DesiredRsGroupPolicy } from "./desired";
import { rsLimits } from "./facts";

export type Permissions = Record<string, string | number | boolean | null>;

export interface RsGroupPolicyInputs {
  name: string;
  /** The SAML security provider the member groups belong to, by name. */
  securityProvider: string;
  permissions: Permissions;
  /** SAML group names (as the group claim sends them), sorted. */
  memberGroups: string[];
  /** jump group name → its jump item role (null: the user's default). */
  jumpGroups: Record<string, { jumpItemRole: string | null }>;
}
export interface RsGroupPolicyOutputs extends RsGroupPolicyInputs {
  policyId: number;
}

const COMPARED = ["name", "securityProvider", "permissions", "memberGroups", "jumpGroups"] as const;

export function rsGroupPolicyInputsOf(policy: DesiredRsGroupPolicy, securityProvider: string): RsGroupPolicyInputs {
  const jumpGroups: RsGroupPolicyInputs["jumpGroups"] = {};
  for (const link of [...policy.jumpGroups].sort((a, b) => a.jumpGroup.localeCompare(b.jumpGroup)))
    jumpGroups[link.jumpGroup] = { jumpItemRole: link.jumpItemRole };
  return { name: policy.name, securityProvider, permissions: { ...policy.permissions }, memberGroups: [...policy.memberGroups].sort(), jumpGroups };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

interface PolicyState {
  policy: RsGroupPolicyWire;
  members: GroupPolicyMember[];
  links: RsGroupPolicyJumpGroup[];
}

async function readState(context: RsContext, id: number): Promise<PolicyState | undefined> {
  const policy = await context.groupPolicies.get(id);
  if (!policy) return undefined;
  const parent = { policyId: id };
  const api = context.api();
  const [members, links] = await Promise.all([collect(api.list(groupPolicyMemberEndpoint, parent)), collect(api.list(rsGroupPolicyJumpGroupEndpoint, parent))]);
  return { policy, members, links };
}

/** Our provider's SAML groups by name; any other member so a reviewer can tell what it is. */
function memberLabel(member: GroupPolicyMember, provider: SecurityProvider, lookups: RsLookups): string {
  if (member.security_provider_id === provider.id && member.group_name) return member.group_name;
  const other = lookups.securityProviders.find((p) => p.id === member.security_provider_id)?.name ?? `#${member.security_provider_id}`;
  if (member.group_name) return `group ${member.group_name} (security provider ${other})`;
  if (member.distinguished_name) return `${member.distinguished_name} (security provider ${other})`;
  return `user #${member.user_id} (security provider ${other})`;
}

function outputsOf(
  state: PolicyState,
  inputs: Pick<RsGroupPolicyInputs, "securityProvider" | "permissions">,
  provider: SecurityProvider,
  lookups: RsLookups,
): RsGroupPolicyOutputs {
  const held = new Map<string, Permissions[string]>(Object.entries(state.policy));
  const permissions: Permissions = {};
  for (const key of Object.keys(inputs.permissions).sort()) permissions[key] = held.get(key) ?? null;
  const jumpGroups: RsGroupPolicyInputs["jumpGroups"] = {};
  for (const link of [...state.links].sort((a, b) => a.jump_group_id - b.jump_group_id)) {
    const group = lookups.jumpGroups.find((g) => g.id === link.jump_group_id)?.name ?? `jump group #${link.jump_group_id}`;
    const role = link.jump_item_role_id ? (lookups.jumpItemRoles.find((r) => r.id === link.jump_item_role_id)?.name ?? `#${link.jump_item_role_id}`) : null;
    jumpGroups[group] = { jumpItemRole: role };
  }
  return {
    policyId: state.policy.id,
    name: state.policy.name,
    securityProvider: inputs.securityProvider,
    permissions,
    memberGroups: state.members.map((m) => memberLabel(m, provider, lookups)).sort(),
    jumpGroups: Object.fromEntries(Object.entries(jumpGroups).sort(([a], [b]) => a.localeCompare(b))),
  };
}

function desiredLinks(grants: RsGroupPolicyInputs["jumpGroups"], lookups: RsLookups): Required<RsGroupPolicyJumpGroup>[] {
  return Object.entries(grants).map(([name, grant]) => ({
    jump_group_id: byName(lookups.jumpGroups, name, (g) => g.name, "jump group").id,
    jump_item_role_id: grant.jumpItemRole ? byName(lookups.jumpItemRoles, grant.jumpItemRole, (r) => r.name, "jump item role").id : 0,
  }));
}

const linkIdentity = (l: RsGroupPolicyJumpGroup) => `${l.jump_group_id}/${l.jump_item_role_id ?? 0}`;

function fieldsDiffer(policy: RsGroupPolicyWire, inputs: RsGroupPolicyInputs): boolean {
  const held = new Map<string, unknown>(Object.entries(policy));
  return policy.name !== inputs.name || Object.entries(inputs.permissions).some(([k, v]) => held.get(k) !== v);
}

/** Brings the policy from what RS holds to the inputs with the fewest calls, then provisions it once. */
async function converge(context: RsContext, current: PolicyState, inputs: RsGroupPolicyInputs, created: boolean): Promise<RsGroupPolicyOutputs> {
  const api = context.api();
  const lookups = await context.lookups();
  const provider = await context.securityProvider(inputs.securityProvider);
  const id = current.policy.id;
  const links = desiredLinks(inputs.jumpGroups, lookups);

  let policy = current.policy;
  const fieldsChanged = fieldsDiffer(policy, inputs);
  if (fieldsChanged) {
    policy = await api.update(rsGroupPolicyEndpoint, TOP_LEVEL, id, {
      ...(inputs.permissions as Record<string, string | number | boolean>),
      name: inputs.name,
    });
    await context.groupPolicies.remember(policy);
  }
  const parent = { policyId: id };
  const desiredMembers: NewGroupPolicyMember[] = inputs.memberGroups.map((group_name) => ({ security_provider_id: provider.id, group_name }));
  const members = diffSets<NewGroupPolicyMember | GroupPolicyMember>(current.members, desiredMembers, memberIdentity);
  for (const member of members.toRemove) await api.delete(groupPolicyMemberEndpoint, parent, (member as GroupPolicyMember).id);
  for (const member of members.toAdd) await api.create(groupPolicyMemberEndpoint, parent, member as NewGroupPolicyMember);
  // A changed role is a different link: RS offers no update, so remove and add.
  const jumps = diffSets<RsGroupPolicyJumpGroup>(current.links, links, linkIdentity);
  for (const link of jumps.toRemove) await api.delete(rsGroupPolicyJumpGroupEndpoint, parent, link.jump_group_id);
  for (const link of jumps.toAdd) await api.create(rsGroupPolicyJumpGroupEndpoint, parent, link);

  const changed = created || fieldsChanged || members.toAdd.length + members.toRemove.length + jumps.toAdd.length + jumps.toRemove.length > 0;
  if (changed) await api.provisionGroupPolicy(id);
  const kept = current.members.filter((m) => !members.toRemove.includes(m));
  const added = members.toAdd.map((m, i) => ({ ...(m as NewGroupPolicyMember), id: -1 - i }));
  return outputsOf({ policy, members: [...kept, ...added], links }, inputs, provider, lookups);
}

export function rsGroupPolicyProviderFor(processContext: ProcessContext<RsContext>) {
  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      if (!news.name || news.name.length > rsLimits.groupPolicyName)
        failures.push({ property: "name", reason: `a name of 1 to ${rsLimits.groupPolicyName} characters is required` });
      if (!news.securityProvider) failures.push({ property: "securityProvider", reason: "the SAML security provider's name is required" });
      for (const key of Object.keys(news.permissions ?? {})) {
        if (!RS_GROUP_POLICY_PERMISSION_FIELDS.includes(key))
          failures.push({ property: `permissions.${key}`, reason: "not a writable Remote Support group policy field" });
      }
      for (const group of news.memberGroups ?? []) {
        if (group.length > rsLimits.samlGroupName)
          failures.push({ property: "memberGroups", reason: `${group}: Remote Support group names are at most ${rsLimits.samlGroupName} characters` });
      }
      return { inputs: news, failures };
    },

    async diff(_id, olds, news) {
      return diffResult(olds, news, COMPARED);
    },

    async create(inputs) {
      const context = processContext.get();
      const existing = await context.groupPolicies.filter((p) => p.name === inputs.name);
      if (existing.length > 1) {
        throw new ProviderError({
          code: "CONFLICT",
          target: "Remote Support",
          object: `group policy "${inputs.name}"`,
          detail: `Remote Support has ${existing.length} group policies with this name (ids ${existing.map((p) => p.id).join(", ")})`,
          remedy: "Remove or rename the extra ones in Remote Support",
        });
      }
      if (existing.length === 1) {
        // Adopt the policy someone made by hand instead of adding a second one with its name.
        const current = (await readState(context, existing[0].id))!;
        return { id: String(existing[0].id), outs: await converge(context, current, inputs, false) };
      }
      // Unknown names fail before the policy exists.
      desiredLinks(inputs.jumpGroups, await context.lookups());
      await context.securityProvider(inputs.securityProvider);
      const policy = await context
        .api()
        .create(rsGroupPolicyEndpoint, TOP_LEVEL, { ...(inputs.permissions as Record<string, string | number | boolean>), name: inputs.name });
      await context.groupPolicies.remember(policy);
      return { id: String(policy.id), outs: await converge(context, { policy, members: [], links: [] }, inputs, true) };
    },

    async read(id, props) {
      const context = processContext.get();
      const state = await readState(context, Number(id));
      if (!state) return {};
      const inputs = { securityProvider: props?.securityProvider ?? "", permissions: props?.permissions ?? {} };
      return { id, props: outputsOf(state, inputs, await context.securityProvider(inputs.securityProvider), await context.lookups()) };
    },

    async update(id, _olds, news) {
      const context = processContext.get();
      const current = await readState(context, Number(id));
      if (!current) {
        throw new ProviderError({
          code: "NOT_FOUND",
          target: "Remote Support",
          object: `group policy "${news.name}" (#${id})`,
          detail: "it no longer exists",
          remedy: "Run a refresh (npm run up -- --refresh) so it is created again",
        });
      }
      return { outs: await converge(context, current, news, false) };
    },

    async delete(id) {
      const context = processContext.get();
      await context.api().delete(rsGroupPolicyEndpoint, TOP_LEVEL, Number(id));
      await context.groupPolicies.forget(Number(id));
    },
  } satisfies pulumi.dynamic.ResourceProvider<RsGroupPolicyInputs, RsGroupPolicyOutputs>;
}

export const rsGroupPolicyProvider = rsGroupPolicyProviderFor(rsProcess);

export class RsGroupPolicy extends dynamicResource<RsGroupPolicyInputs, RsGroupPolicyOutputs>({
  provider: () => rsGroupPolicyProvider,
  module: "rs",
  type: "GroupPolicy",
  outputs: ["policyId"],
}) {
  declare readonly policyId: pulumi.Output<number>;
}
