// Who holds what in a SCIM product (scim, pam360, passwordsafe) through the mappings: per person the one role they get
// (the current mapping with the best precedence, else the default role), with the member source
// that grants it. For explain, guardrails and the temporary-grant reports; the desired state
// itself is built in desired-state.ts.
import {
  accountOf,
  eachHolder,
  type Grant,
  type GrantContext,
  type GrantRule,
  type MemberSource,
  type TargetAccount,
  type TargetGrants,
} from "../../model/target-kit";
import type { DesiredScim } from "./desired";
import type { ScimMappings } from "./mappings";

/** Grant kinds guardrails may name as `<product>:<kind>:<name>` (`scim:role:Administrator`). */
export const scimGrantKinds = ["role"] as const;

/** The model part's grant hooks for the product named `name` (its grant keys) and titled `title`. */
export function scimGrantHooks(name: string, title: string) {
  return {
    grantKinds: scimGrantKinds,
    grantRules: (scim: ScimMappings) => scimGrantRules(name, scim),
    grantNames: (scim: ScimMappings) => ({ role: [...scim.roles.map((r) => r.role), ...(scim.defaultRole === null ? [] : [scim.defaultRole])] }),
    grantsOf: (scim: ScimMappings, desired: DesiredScim, context: GrantContext) => scimGrants(name, title, scim, desired, context),
  };
}

function scimGrantRules(name: string, scim: ScimMappings): GrantRule[] {
  return scim.roles.map((r) => ({
    kind: "role mapping",
    name: r.role,
    key: `${name}:role:${r.role}`,
    members: r.members,
    maxGrantDays: r.maxGrantDays,
    maxGrantDaysAt: r.maxGrantDaysAt,
    at: r.at,
    heldIn: { resource: "User", field: "roles", value: r.role },
  }));
}

function scimGrants(name: string, title: string, scim: ScimMappings, desired: DesiredScim, context: GrantContext): TargetGrants {
  const declared = new Map(desired.users.map((u) => [u.externalId, u]));
  const grants: Grant[] = [];
  const current = new Map<string, boolean>();
  const holders = (members: readonly MemberSource[], visit: (userId: string, member: MemberSource, expired: boolean) => void) =>
    eachHolder(members, context, current, visit);
  /** Who already has their role: the first current mapping by precedence, else the default role. */
  const effective = new Set<string>();
  for (const mapping of scim.roles) {
    const rule = { kind: "role mapping", name: mapping.role, at: mapping.at };
    holders(mapping.members, (userId, member, expired) => {
      // A person gets one role: a mapping a better precedence overrides grants nothing to them.
      if (!expired && effective.has(userId)) return;
      if (!expired) effective.add(userId);
      grants.push({
        userId,
        rule,
        member,
        expired,
        key: `${name}:role:${mapping.role}`,
        kind: "role",
        name: mapping.role,
        detail: `precedence ${mapping.precedence}`,
      });
    });
  }
  const defaultRole = scim.defaultRole;
  holders(scim.members, (userId, member, expired) => {
    if (expired || effective.has(userId) || defaultRole === null) return;
    effective.add(userId);
    const rule = { kind: "default role", name: defaultRole, at: scim.at };
    grants.push({
      userId,
      rule,
      member,
      expired,
      key: `${name}:role:${defaultRole}`,
      kind: "role",
      name: defaultRole,
      detail: "in scope, in no current role mapping",
    });
  });
  const accounts = new Map<string, TargetAccount>();
  for (const [userId, isCurrent] of current) {
    const d = declared.get(userId);
    accounts.set(
      userId,
      accountOf(
        context.snapshot.users[userId],
        d && { name: d.userName, active: d.active, protected: d.protected },
        [{ rule: scim.userName, what: `${title} userName` }],
        isCurrent,
      ),
    );
  }
  return { grants, accounts };
}
