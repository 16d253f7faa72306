// Group policies, their members, their jump groups and provisioning.
import type { EmulatorResponse } from "../../common/server";
import { findScimGroupByQuery, findScimUserByQuery, scimGroupQueryValue, scimUserQueryValue } from "../directory";
import { permStatusField, policyPermissionFields, provisionGroupPolicy } from "../provisioning";
import type { GroupPolicyRecord, GroupPolicyWire, MemberRecord, PolicyJumpGroupRecord, PraState } from "../state";
import { schemaDefaults, toWire } from "../wire/shape";
import type { FieldErrors } from "../wire/validate";
import type { ConfigContext, ConfigOperation } from "./pipeline";
import * as errors from "./responses";

/** The spec's "Allowed values" for perm_session_idle_timeout (its schema only says -1..86400). */
const IDLE_TIMEOUTS = [-1, 0, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400];
/**
 * Timeouts whose allowed values the spec lists in prose only, by field. The Remote Support
 * fields are in RS's spec alone (a PRA body holding them is refused before this, as unknown).
 */
const ALLOWED_VALUES: Readonly<Record<string, readonly number[]>> = {
  perm_session_idle_timeout: IDLE_TIMEOUTS,
  perm_console_idle_timeout: IDLE_TIMEOUTS,
  perm_routing_idle_timeout: [0, 180, 300, 600, 900, 1200, 1800, 2700, 3600],
};
const ROLE_FIELDS = ["default_jump_item_role_id", "private_jump_item_role_id", "inferior_jump_item_role_id", "unassigned_jump_item_role_id"];

export function groupPolicyWire(state: PraState, policy: GroupPolicyRecord): Record<string, unknown> {
  return toWire(state.contract, "GroupPolicy", policy.wire);
}

/** Checks the spec states in prose: allowed timeouts and jump item roles that exist. */
function policyRuleErrors(state: PraState, body: Record<string, unknown>): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, allowed] of Object.entries(ALLOWED_VALUES)) {
    if (body[field] !== undefined && !allowed.includes(body[field] as number)) out[field] = [`The selected ${field} is invalid.`];
  }
  for (const field of ROLE_FIELDS) {
    if (body[field] !== undefined && !state.jumpItemRoles.has(body[field] as number)) out[field] = [`The selected ${field} is invalid.`];
  }
  return out;
}

function definesPermissions(state: PraState, body: Record<string, unknown>): boolean {
  const fields = policyPermissionFields(state.contract);
  return Object.keys(body).some((f) => fields.includes(f));
}

function policyOf(ctx: ConfigContext): GroupPolicyRecord | undefined {
  return ctx.runtime.state.groupPolicies.get(ctx.ids.id);
}

function changed(state: PraState, policy: GroupPolicyRecord): void {
  policy.changedAtVersion = state.touch();
}

export function createGroupPolicy(state: PraState, fields: Partial<GroupPolicyWire> & { name: string }): GroupPolicyRecord {
  const wire = {
    ...schemaDefaults(state.contract, "GroupPolicy"),
    // The spec: the default is "defined" if the request includes any user permission field.
    [permStatusField(state.contract)]: definesPermissions(state, fields) ? "defined" : "not_defined",
    ...fields,
    id: state.nextId("groupPolicy"),
  } as GroupPolicyWire;
  const policy: GroupPolicyRecord = { wire, members: [], jumpGroups: [], changedAtVersion: state.version, provisionedAtVersion: null };
  state.groupPolicies.set(wire.id, policy);
  return policy;
}

export function memberWire(state: PraState, member: MemberRecord): Record<string, unknown> {
  const base = { id: member.id, security_provider_id: member.security_provider_id };
  const provider = state.securityProviders.get(member.security_provider_id);
  switch (member.kind) {
    case "user":
      return { ...base, user_id: member.userId };
    case "scim-user":
      return { ...base, distinguished_name: scimUserQueryValue(state.users.get(member.userId)!, provider?.scim_user_query_id ?? "userName") };
    case "scim-group":
      return { ...base, group_name: scimGroupQueryValue(state.scimGroups.get(member.scimGroupId)!, provider?.scim_group_query_id ?? "displayName") };
    case "named-group":
      return { ...base, group_name: member.group_name };
    case "dn":
      return { ...base, distinguished_name: member.distinguished_name };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type MemberTarget = DistributiveOmit<MemberRecord, "id">;
type NewMember = { ok: true; member: MemberTarget } | { ok: false; errors: FieldErrors };

const fail = (field: string, message: string): NewMember => ({ ok: false, errors: { [field]: [message] } });

/** Which of the member fields each provider type takes (the spec's POST member description). */
const MEMBER_FIELDS: Record<string, readonly string[]> = {
  local: ["user_id"],
  radius: ["user_id"],
  kerberos: ["user_id"],
  saml: ["group_name", "user_id"],
  ldap: ["distinguished_name", "user_id"],
  scim: ["group_name", "distinguished_name"],
};

/** Resolves a member body to what it names, or the 422 errors PRA would give. */
export function resolveMember(state: PraState, body: Record<string, unknown>): NewMember {
  const providerId = body.security_provider_id as number | undefined;
  if (providerId === undefined) return fail("security_provider_id", "The security_provider_id field is required.");
  const provider = state.securityProviders.get(providerId);
  if (!provider) return fail("security_provider_id", "The selected security_provider_id is invalid.");
  const given = ["distinguished_name", "group_name", "user_id"].filter((f) => body[f] !== undefined);
  const allowed = MEMBER_FIELDS[provider.type];
  const notAllowed = given.find((f) => !allowed.includes(f));
  if (notAllowed) return fail(notAllowed, `The ${notAllowed} field is not allowed for a ${provider.type} security provider.`);
  if (given.length !== 1) return fail(allowed[0], `Exactly one of ${allowed.join(", ")} is required for a ${provider.type} security provider.`);
  const field = given[0];
  const value = body[field];
  const base = { security_provider_id: provider.id };
  if (field === "user_id") {
    const user = state.users.get(value as number);
    if (!user || user.security_provider_id !== provider.id) return fail("user_id", "The selected user_id is invalid.");
    return { ok: true, member: { ...base, kind: "user", userId: user.id } };
  }
  if (provider.type === "scim" && field === "group_name") {
    const group = findScimGroupByQuery(state, provider.scim_group_query_id ?? "displayName", value as string);
    if (!group) return fail("group_name", "The selected group_name is not a SCIM group of this security provider.");
    return { ok: true, member: { ...base, kind: "scim-group", scimGroupId: group.id } };
  }
  if (provider.type === "scim") {
    const user = findScimUserByQuery(state, provider.scim_user_query_id ?? "userName", value as string);
    if (!user) return fail("distinguished_name", "The selected distinguished_name is not a SCIM user of this security provider.");
    return { ok: true, member: { ...base, kind: "scim-user", userId: user.id } };
  }
  if (field === "group_name") {
    // The spec: for SAML "the group_name must be the name of an existing group".
    if (!(provider.available_groups ?? []).includes(value as string)) return fail("group_name", "The selected group_name is invalid.");
    return { ok: true, member: { ...base, kind: "named-group", group_name: value as string } };
  }
  return { ok: true, member: { ...base, kind: "dn", distinguished_name: value as string } };
}

function memberKey(m: MemberTarget | MemberRecord): string {
  const target =
    m.kind === "user" || m.kind === "scim-user"
      ? m.userId
      : m.kind === "scim-group"
        ? m.scimGroupId
        : m.kind === "named-group"
          ? m.group_name
          : m.distinguished_name;
  return `${m.security_provider_id}/${m.kind}/${target}`;
}

function jumpGroupLinkErrors(state: PraState, policy: GroupPolicyRecord, body: Record<string, unknown>): FieldErrors {
  const out: FieldErrors = {};
  const jumpGroupId = body.jump_group_id as number | undefined;
  if (jumpGroupId === undefined) out.jump_group_id = ["The jump_group_id field is required."];
  else if (!state.jumpGroups.has(jumpGroupId)) out.jump_group_id = ["The selected jump_group_id is invalid."];
  else if (policy.jumpGroups.some((j) => j.jump_group_id === jumpGroupId)) out.jump_group_id = ["The Jump Group has already been added to this group policy."];
  const role = (body.jump_item_role_id as number | undefined) ?? 0;
  if (role !== 0 && !state.jumpItemRoles.has(role)) out.jump_item_role_id = ["The selected jump_item_role_id is invalid."];
  const jumpPolicy = (body.jump_policy_id as number | undefined) ?? 0;
  if (jumpPolicy !== 0 && !state.jumpPolicies.has(jumpPolicy)) out.jump_policy_id = ["The selected jump_policy_id is invalid."];
  return out;
}

function withPolicy(handle: (ctx: ConfigContext, policy: GroupPolicyRecord) => EmulatorResponse): (ctx: ConfigContext) => EmulatorResponse {
  return (ctx) => {
    const policy = policyOf(ctx);
    return policy ? handle(ctx, policy) : errors.notFound("Group policy not found.");
  };
}

export const groupPolicyOperations: ConfigOperation[] = [
  {
    method: "GET",
    path: "/group-policy",
    area: "group-policy",
    handle: (ctx) => {
      const name = ctx.query.name as string | undefined;
      const policies = name === undefined ? [...ctx.runtime.state.groupPolicies.values()] : ctx.runtime.state.groupPoliciesNamed(name);
      return ctx.page(policies, (p) => groupPolicyWire(ctx.runtime.state, p));
    },
  },
  {
    method: "POST",
    path: "/group-policy",
    area: "group-policy",
    handle: (ctx) => {
      const state = ctx.runtime.state;
      const rules = policyRuleErrors(state, ctx.body);
      if (Object.keys(rules).length) return errors.invalid(rules);
      state.touch();
      const policy = createGroupPolicy(state, ctx.body as Partial<GroupPolicyWire> & { name: string });
      return { status: 201, headers: { Location: ctx.urlOf(`/group-policy/${policy.wire.id}`) }, body: groupPolicyWire(state, policy) };
    },
  },
  {
    method: "GET",
    path: "/group-policy/{id}",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => ({ status: 200, body: groupPolicyWire(ctx.runtime.state, policy) })),
  },
  {
    method: "PATCH",
    path: "/group-policy/{id}",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => {
      const state = ctx.runtime.state;
      const rules = policyRuleErrors(state, ctx.body);
      if (Object.keys(rules).length) return errors.invalid(rules);
      const update = { ...ctx.body };
      // Setting a permission on a policy that defined none makes it define them, as on create.
      const status = permStatusField(state.contract);
      if (update[status] === undefined && (policy.wire as unknown as Record<string, unknown>)[status] === "not_defined" && definesPermissions(state, update)) {
        update[status] = "defined";
      }
      Object.assign(policy.wire, update);
      changed(state, policy);
      return { status: 200, body: groupPolicyWire(state, policy) };
    }),
  },
  {
    method: "DELETE",
    path: "/group-policy/{id}",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => {
      ctx.runtime.state.groupPolicies.delete(policy.wire.id);
      ctx.runtime.state.touch();
      return { status: 204 };
    }),
  },
  {
    method: "POST",
    path: "/group-policy/{id}/provision",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => {
      provisionGroupPolicy(ctx.runtime.state, policy);
      return { status: 204 };
    }),
  },
  {
    method: "GET",
    path: "/group-policy/{id}/member",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => ctx.page(policy.members.map((m) => memberWire(ctx.runtime.state, m)))),
  },
  {
    method: "POST",
    path: "/group-policy/{id}/member",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => {
      const state = ctx.runtime.state;
      const resolved = resolveMember(state, ctx.body);
      if (!resolved.ok) return errors.invalid(resolved.errors);
      if (policy.members.some((m) => memberKey(m) === memberKey(resolved.member))) {
        const field = ["group_name", "distinguished_name", "user_id"].find((f) => ctx.body[f] !== undefined)!;
        return errors.invalidField(field, "The member has already been added to this group policy.");
      }
      policy.members.push({ ...resolved.member, id: state.nextId("member") });
      changed(state, policy);
      // The spec documents 201 without a body (and no Location): clients find the id by listing.
      return { status: 201 };
    }),
  },
  {
    method: "GET",
    path: "/group-policy/{id}/member/{member_id}",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => {
      const member = policy.members.find((m) => m.id === ctx.ids.member_id);
      return member ? { status: 200, body: memberWire(ctx.runtime.state, member) } : errors.notFound("Member not found.");
    }),
  },
  {
    method: "DELETE",
    path: "/group-policy/{id}/member/{member_id}",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => {
      const index = policy.members.findIndex((m) => m.id === ctx.ids.member_id);
      if (index < 0) return errors.notFound("Member not found.");
      policy.members.splice(index, 1);
      changed(ctx.runtime.state, policy);
      return { status: 204 };
    }),
  },
  {
    method: "GET",
    path: "/group-policy/{id}/jump-group",
    area: "group-policy",
    pagedWithoutDeclaredParams: true,
    handle: withPolicy((ctx, policy) => ctx.page(policy.jumpGroups, (j) => toWire(ctx.runtime.state.contract, "GroupPolicyJumpGroup", j))),
  },
  {
    method: "POST",
    path: "/group-policy/{id}/jump-group",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => {
      const state = ctx.runtime.state;
      const problems = jumpGroupLinkErrors(state, policy, ctx.body);
      if (Object.keys(problems).length) return errors.invalid(problems);
      const link: PolicyJumpGroupRecord = {
        jump_group_id: ctx.body.jump_group_id as number,
        jump_item_role_id: (ctx.body.jump_item_role_id as number | undefined) ?? 0,
        jump_policy_id: (ctx.body.jump_policy_id as number | undefined) ?? 0,
      };
      policy.jumpGroups.push(link);
      changed(state, policy);
      return { status: 201 };
    }),
  },
  {
    method: "GET",
    path: "/group-policy/{id}/jump-group/{jump_group_id}",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => {
      const link = policy.jumpGroups.find((j) => j.jump_group_id === ctx.ids.jump_group_id);
      return link
        ? { status: 200, body: toWire(ctx.runtime.state.contract, "GroupPolicyJumpGroup", link) }
        : errors.notFound("Jump Group not found in this group policy.");
    }),
  },
  {
    method: "DELETE",
    path: "/group-policy/{id}/jump-group/{jump_group_id}",
    area: "group-policy",
    handle: withPolicy((ctx, policy) => {
      const index = policy.jumpGroups.findIndex((j) => j.jump_group_id === ctx.ids.jump_group_id);
      if (index < 0) return errors.notFound("Jump Group not found in this group policy.");
      policy.jumpGroups.splice(index, 1);
      changed(ctx.runtime.state, policy);
      return { status: 204 };
    }),
  },
];
