// Direct grants in PRA: a group policy holds SCIM groups, never users, so a person granted a
// policy directly (`members: [{ user }]`) gets a SCIM group of their own for that policy. Its key
// (SCIM externalId) is stable across renames: `pam-direct/<policy name>/<Entra object id>`; its
// displayName, which the policy names, reads `pam-direct <policy name> <PRA username>` and is
// shortened with a hash of the key when longer than PRA allows.
import { createHash } from "node:crypto";
import { praLimits } from "./facts";

export const DIRECT_GROUP_PREFIX = "pam-direct";

/** The SCIM externalId of the per-person group of a direct grant. */
export function directGroupKey(policyName: string, userId: string): string {
  return `${directGroupPrefix(policyName)}${userId}`;
}

/** What every direct-grant group of one policy's externalId starts with. */
export function directGroupPrefix(policyName: string): string {
  return `${DIRECT_GROUP_PREFIX}/${policyName}/`;
}

/** The per-person group's displayName: `pam-direct <policy> <userName>`, at most PRA's limit. */
export function directGroupName(policyName: string, userName: string, limit: number = praLimits.scimGroupName): string {
  const full = `${DIRECT_GROUP_PREFIX} ${policyName} ${userName}`;
  if (full.length <= limit) return full;
  const hash = createHash("sha256").update(`${policyName}\u0000${userName}`).digest("hex").slice(0, 8);
  return `${full.slice(0, limit - hash.length - 1)}~${hash}`;
}
