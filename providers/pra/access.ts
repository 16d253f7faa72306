// What PRA grants, for the removal check: active managed accounts, and who each group policy
// grants its access to (through its member SCIM groups). SCIM groups themselves are the
// mechanism, not the access, so a person leaving one counts once, at the policy.
import type { TargetAccess } from "../../model/removal-safety";
import type { DesiredPra } from "./desired";

/** How the record names what a group policy grants. */
export const policyGrantLabel = (name: string) => `group policy ${name}`;

export function praAccess(pra: DesiredPra): TargetAccess {
  const managed = pra.users.filter((u) => !u.protected);
  const idOf = new Map(managed.map((u) => [u.userName, u.externalId]));
  const membersOf = new Map(pra.groups.map((g) => [g.displayName, g.members]));
  const grants: Record<string, string[]> = {};
  for (const policy of pra.groupPolicies) {
    const ids = new Set<string>();
    for (const group of policy.memberGroups) for (const member of membersOf.get(group) ?? []) if (idOf.has(member)) ids.add(idOf.get(member)!);
    grants[policyGrantLabel(policy.name)] = [...ids].sort();
  }
  return { accounts: Object.fromEntries(managed.filter((u) => u.active).map((u) => [u.externalId, u.userName])), grants };
}
