// What PrivX grants, for the removal check: active managed accounts, who holds each role, and
// which roles (and shared accounts) each host admits.
import type { TargetAccess } from "../../model/removal-safety";
import type { DesiredPrivx, DesiredPrivxHost } from "./desired";

export const hostGrantLabel = (commonName: string) => `host ${commonName}`;

/** Which roles (and shared accounts) a host admits, as the record names them. */
export function hostGrants(host: Pick<DesiredPrivxHost, "directoryRoles" | "sharedAccounts">): string[] {
  return [...host.directoryRoles.map((r) => `role ${r}`), ...host.sharedAccounts.flatMap((a) => a.roles.map((r) => `role ${r} as ${a.account}`))].sort();
}

export function privxAccess(privx: DesiredPrivx): TargetAccess {
  const managed = privx.users.filter((u) => !u.protected);
  const grants: Record<string, string[]> = {};
  for (const user of managed) for (const role of user.groups) (grants[`role ${role}`] ??= []).push(user.entraId);
  for (const members of Object.values(grants)) members.sort();
  for (const host of privx.hosts) {
    grants[hostGrantLabel(host.commonName)] = hostGrants(host);
  }
  return { accounts: Object.fromEntries(managed.filter((u) => u.active).map((u) => [u.entraId, u.userName])), grants };
}
