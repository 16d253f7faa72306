// What a SCIM application grants, for the removal check: active managed accounts, who holds
// each role (role-locked users' roles are the application's, not ours, so they do not count),
// and who is in each pushed group.
import type { TargetAccess } from "../../model/removal-safety";
import type { DesiredScim } from "./desired";

export function scimAccess(scim: DesiredScim): TargetAccess {
  const managed = scim.users.filter((u) => !u.protected);
  const grants: Record<string, string[]> = {};
  for (const user of managed) {
    if (user.roleLocked) continue;
    for (const role of user.roles) (grants[`role ${role}`] ??= []).push(user.externalId);
  }
  const idOf = new Map(managed.map((u) => [u.userName, u.externalId]));
  for (const group of scim.groups) grants[`group ${group.displayName}`] = group.members.flatMap((m) => (idOf.has(m) ? [idOf.get(m)!] : []));
  for (const members of Object.values(grants)) members.sort();
  return { accounts: Object.fromEntries(managed.filter((u) => u.active).map((u) => [u.externalId, u.userName])), grants };
}
