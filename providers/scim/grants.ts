// Who holds what in a SCIM application through the mappings: per person the one role they get
// (the current mapping with the best precedence, else the default role), with the member source
// that grants it. For explain, guardrails and the temporary-grant reports; the desired state
// itself is built in desired-state.ts.
import { accountOf, type Grant, type GrantContext, type GrantRule, type TargetAccount, type TargetGrants } from "../../model/target-kit";
import type { DesiredScim } from "./desired";
import type { ScimMappings } from "./mappings";

/** Grant kinds guardrails may name as `scim:<kind>:<name>`. */
export const scimGrantKinds = ["role"] as const;

export function scimGrantRules(scim: ScimMappings): GrantRule[] {
  return scim.roles.map((r) => ({ kind: "role mapping", name: r.role, key: `scim:role:${r.role}`, members: r.members, maxGrantDays: r.maxGrantDays, maxGrantDaysAt: r.maxGrantDaysAt, at: r.at, heldIn: { resource: "User", field: "roles", value: r.role } }));
}

export function scimGrants(scim: ScimMappings, desired: DesiredScim, context: GrantContext): TargetGrants {
  const declared = new Map(desired.users.map((u) => [u.externalId, u]));
  const grants: Grant[] = [];
  const current = new Map<string, boolean>();
  const wanted = (userId: string) => !context.users || context.users.has(userId);
  /** The first current mapping (by precedence) per user: the role they get. */
  const effective = new Set<string>();
  for (const mapping of scim.roles) {
    const rule = { kind: "role mapping", name: mapping.role, at: mapping.at };
    for (const member of mapping.members) {
      const source = context.resolver.resolve(member);
      if (!source) continue;
      const expired = !context.isCurrent(member);
      for (const userId of source.userIds) {
        if (!wanted(userId)) continue;
        current.set(userId, (current.get(userId) ?? false) || !expired);
        // A person gets one role: a mapping a better precedence overrides grants nothing to them.
        if (!expired && effective.has(userId)) continue;
        if (!expired) effective.add(userId);
        grants.push({ userId, rule, member, expired, key: `scim:role:${mapping.role}`, kind: "role", name: mapping.role, detail: `precedence ${mapping.precedence}` });
      }
    }
  }
  for (const member of scim.members) {
    const source = context.resolver.resolve(member);
    if (!source) continue;
    const expired = !context.isCurrent(member);
    for (const userId of source.userIds) {
      if (!wanted(userId)) continue;
      current.set(userId, (current.get(userId) ?? false) || !expired);
      if (expired || effective.has(userId) || scim.defaultRole === null) continue;
      effective.add(userId);
      grants.push({ userId, rule: { kind: "default role", name: scim.defaultRole, at: scim.at }, member, expired, key: `scim:role:${scim.defaultRole}`, kind: "role", name: scim.defaultRole, detail: "in scope, in no current role mapping" });
    }
  }
  const accounts = new Map<string, TargetAccount>();
  for (const [userId, isCurrent] of current) {
    const d = declared.get(userId);
    accounts.set(userId, accountOf(context.snapshot.users[userId], d && { name: d.userName, active: d.active, protected: d.protected }, [{ rule: scim.userName, what: "SCIM userName" }], isCurrent));
  }
  return { grants, accounts };
}
