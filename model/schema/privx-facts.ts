// What PrivX's SCIM Host object accepts (seed 001), as far as mapping files are concerned.
import type { PrivxService } from "../desired";

export const privxServices: readonly PrivxService[] = ["SSH", "RDP", "VNC", "WEB"];

/**
 * PrivX's built-in roles. Hosts imported through SCIM may not reference system roles such as
 * privx-admin (seed 001); privx-user is the role every user starts in. PrivX names its own roles
 * with the `privx-` prefix, so every name with that prefix is treated as a system role.
 */
export const privxKnownSystemRoles: readonly string[] = ["privx-admin", "privx-user"];

export function isPrivxSystemRole(role: string): boolean {
  return role.toLowerCase().startsWith("privx-");
}
