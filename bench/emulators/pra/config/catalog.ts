// What group policies refer to: security providers (read-only), jump groups, jump item roles
// (read-only in the spec) and jump policies.
import type { JumpGroupWire, JumpPolicyWire, PraState, SecurityProviderRecord } from "../state";
import { schemaDefaults, toWire } from "../wire/shape";
import type { ConfigContext, ConfigOperation } from "./pipeline";
import * as errors from "./responses";

const PROVIDER_SCHEMA: Partial<Record<SecurityProviderRecord["type"], string>> = {
  local: "LocalSecurityProvider",
  scim: "SCIMSecurityProvider",
  saml: "SAMLSecurityProvider",
};

function sameText(a: string | undefined | null, b: string): boolean {
  return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

/** A code name PRA would derive from a display name (letters, digits, _ and -), unique. */
export function codeNameFor(name: string, taken: Iterable<string>): string {
  const base =
    name
      .replace(/[^A-Za-z0-9_-]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toLowerCase()
      .slice(0, 60) || "item";
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let candidate = base;
  for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
  return candidate;
}

export function createJumpGroup(state: PraState, fields: Partial<JumpGroupWire> & { name: string }): JumpGroupWire {
  const taken = [...state.jumpGroups.values()].map((g) => g.code_name);
  const group: JumpGroupWire = { comments: null, ...fields, code_name: fields.code_name ?? codeNameFor(fields.name, taken), id: state.nextId("jumpGroup") };
  state.jumpGroups.set(group.id, group);
  return group;
}

export function createJumpPolicy(state: PraState, fields: Partial<JumpPolicyWire> & { display_name: string }): JumpPolicyWire {
  const taken = [...state.jumpPolicies.values()].flatMap((p) => (p.code_name ? [p.code_name] : []));
  const policy: JumpPolicyWire = {
    ...schemaDefaults(state.contract, "JumpPolicy"),
    ...fields,
    code_name: fields.code_name ?? codeNameFor(fields.display_name, taken),
    id: state.nextId("jumpPolicy"),
  };
  state.jumpPolicies.set(policy.id, policy);
  return policy;
}

/** "This value must be unique": name (case-insensitively) and code_name among jump groups. */
function jumpGroupClash(state: PraState, body: Record<string, unknown>, selfId?: number): ReturnType<typeof errors.invalid> | undefined {
  for (const field of ["name", "code_name"] as const) {
    const value = body[field];
    if (typeof value !== "string") continue;
    if ([...state.jumpGroups.values()].some((g) => g.id !== selfId && sameText(g[field], value))) {
      return errors.invalidField(field, `The ${field} has already been taken.`);
    }
  }
  return undefined;
}

function jumpPolicyClash(state: PraState, body: Record<string, unknown>, selfId?: number): ReturnType<typeof errors.invalid> | undefined {
  const value = body.code_name;
  if (typeof value === "string" && [...state.jumpPolicies.values()].some((p) => p.id !== selfId && sameText(p.code_name, value))) {
    return errors.invalidField("code_name", "The code_name has already been taken.");
  }
  return undefined;
}

/** Policies linking a removed jump group lose the link; that is a change they need provisioned. */
function unlinkJumpGroup(state: PraState, jumpGroupId: number): void {
  const version = state.touch();
  for (const policy of state.groupPolicies.values()) {
    const before = policy.jumpGroups.length;
    policy.jumpGroups = policy.jumpGroups.filter((j) => j.jump_group_id !== jumpGroupId);
    if (policy.jumpGroups.length !== before) policy.changedAtVersion = version;
  }
}

/** Links to a removed jump policy fall back to 0 ("set on jump items"). */
function unlinkJumpPolicy(state: PraState, jumpPolicyId: number): void {
  const version = state.touch();
  for (const policy of state.groupPolicies.values()) {
    for (const link of policy.jumpGroups) {
      if (link.jump_policy_id === jumpPolicyId) {
        link.jump_policy_id = 0;
        policy.changedAtVersion = version;
      }
    }
  }
}

const byId =
  <T>(map: (state: PraState) => Map<number, T>, wire: (state: PraState, item: T) => unknown, what: string) =>
  (ctx: ConfigContext) => {
    const item = map(ctx.runtime.state).get(ctx.ids.id);
    return item ? { status: 200, body: wire(ctx.runtime.state, item) } : errors.notFound(`${what} not found.`);
  };

const jumpGroupWire = (state: PraState, g: JumpGroupWire) => toWire(state.contract, "JumpGroup", g);
const jumpPolicyWire = (state: PraState, p: JumpPolicyWire) => toWire(state.contract, "JumpPolicy", p);
/** A provider's own schema where the spec has one (Remote Support's has no SAML or SCIM provider schema). */
const providerWire = (state: PraState, p: SecurityProviderRecord) => {
  const own = PROVIDER_SCHEMA[p.type];
  return toWire(state.contract, own && state.contract.schemas[own] ? own : "SecurityProvider", p);
};

export const catalogOperations: ConfigOperation[] = [
  {
    method: "GET",
    path: "/security-provider",
    area: "security-provider",
    handle: (ctx) => ctx.page([...ctx.runtime.state.securityProviders.values()].map((p) => toWire(ctx.runtime.state.contract, "SecurityProvider", p))),
  },
  {
    method: "GET",
    path: "/security-provider/{id}",
    area: "security-provider",
    handle: byId((s) => s.securityProviders, providerWire, "Security provider"),
  },
  {
    method: "GET",
    path: "/jump-item-role",
    area: "jump-item-role",
    handle: (ctx) => {
      const name = ctx.query.name as string | undefined;
      const roles = [...ctx.runtime.state.jumpItemRoles.values()].filter((r) => name === undefined || sameText(r.name, name));
      return ctx.page(roles.map((r) => toWire(ctx.runtime.state.contract, "JumpItemRole", r)));
    },
  },
  {
    method: "GET",
    path: "/jump-item-role/{id}",
    area: "jump-item-role",
    handle: byId(
      (s) => s.jumpItemRoles,
      (state, r) => toWire(state.contract, "JumpItemRole", r),
      "Jump Item Role",
    ),
  },
  {
    method: "GET",
    path: "/jump-group",
    area: "jump-group",
    handle: (ctx) => {
      const { name, code_name } = ctx.query as { name?: string; code_name?: string };
      const groups = [...ctx.runtime.state.jumpGroups.values()].filter(
        (g) => (name === undefined || sameText(g.name, name)) && (code_name === undefined || sameText(g.code_name, code_name)),
      );
      return ctx.page(groups.map((g) => jumpGroupWire(ctx.runtime.state, g)));
    },
  },
  {
    method: "POST",
    path: "/jump-group",
    area: "jump-group",
    handle: (ctx) => {
      const state = ctx.runtime.state;
      const clash = jumpGroupClash(state, ctx.body);
      if (clash) return clash;
      state.touch();
      const group = createJumpGroup(state, ctx.body as Partial<JumpGroupWire> & { name: string });
      return { status: 201, headers: { Location: ctx.urlOf(`/jump-group/${group.id}`) }, body: jumpGroupWire(ctx.runtime.state, group) };
    },
  },
  {
    method: "GET",
    path: "/jump-group/{id}",
    area: "jump-group",
    handle: byId((s) => s.jumpGroups, jumpGroupWire, "Jump Group"),
  },
  {
    method: "PATCH",
    path: "/jump-group/{id}",
    area: "jump-group",
    handle: (ctx) => {
      const state = ctx.runtime.state;
      const group = state.jumpGroups.get(ctx.ids.id);
      if (!group) return errors.notFound("Jump Group not found.");
      const clash = jumpGroupClash(state, ctx.body, group.id);
      if (clash) return clash;
      Object.assign(group, ctx.body);
      state.touch();
      return { status: 200, body: jumpGroupWire(ctx.runtime.state, group) };
    },
  },
  {
    method: "DELETE",
    path: "/jump-group/{id}",
    area: "jump-group",
    handle: (ctx) => {
      const state = ctx.runtime.state;
      if (!state.jumpGroups.delete(ctx.ids.id)) return errors.notFound("Jump Group not found.");
      unlinkJumpGroup(state, ctx.ids.id);
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/jump-policy",
    area: "jump-policy",
    handle: (ctx) => {
      const codeName = ctx.query.code_name as string | undefined;
      const policies = [...ctx.runtime.state.jumpPolicies.values()].filter((p) => codeName === undefined || sameText(p.code_name, codeName));
      return ctx.page(policies.map((p) => jumpPolicyWire(ctx.runtime.state, p)));
    },
  },
  {
    method: "POST",
    path: "/jump-policy",
    area: "jump-policy",
    handle: (ctx) => {
      const state = ctx.runtime.state;
      const clash = jumpPolicyClash(state, ctx.body);
      if (clash) return clash;
      state.touch();
      const policy = createJumpPolicy(state, ctx.body as Partial<JumpPolicyWire> & { display_name: string });
      return { status: 201, headers: { Location: ctx.urlOf(`/jump-policy/${policy.id}`) }, body: jumpPolicyWire(ctx.runtime.state, policy) };
    },
  },
  {
    method: "GET",
    path: "/jump-policy/{id}",
    area: "jump-policy",
    handle: byId((s) => s.jumpPolicies, jumpPolicyWire, "Jump Policy"),
  },
  {
    method: "PATCH",
    path: "/jump-policy/{id}",
    area: "jump-policy",
    handle: (ctx) => {
      const state = ctx.runtime.state;
      const policy = state.jumpPolicies.get(ctx.ids.id);
      if (!policy) return errors.notFound("Jump Policy not found.");
      const clash = jumpPolicyClash(state, ctx.body, policy.id);
      if (clash) return clash;
      Object.assign(policy, ctx.body);
      state.touch();
      return { status: 200, body: jumpPolicyWire(ctx.runtime.state, policy) };
    },
  },
  {
    method: "DELETE",
    path: "/jump-policy/{id}",
    area: "jump-policy",
    handle: (ctx) => {
      const state = ctx.runtime.state;
      if (!state.jumpPolicies.delete(ctx.ids.id)) return errors.notFound("Jump Policy not found.");
      unlinkJumpPolicy(state, ctx.ids.id);
      return { status: 204 };
    },
  },
];
