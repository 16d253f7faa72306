// Facts about SSH PrivX that the mapping schema, the loader and the providers share: the
// services a SCIM host may enable and PrivX's built-in (system) roles. Written once here.
import type { PrivxService } from "./desired";

export const privxServices: readonly PrivxService[] = ["SSH", "RDP", "VNC", "WEB"];

// PrivX's built-in roles, which a SCIM host may not reference.
//
// Seed 001 (PrivX SCIM directory): "Host cannot be automatically assigned to use system roles
// (privx-admin) via SCIM connector. If you need to assign admin permissions for SCIM hosts,
// create a new role for the purpose."
// PrivX documentation, Granting User Permissions: "All users automatically start as members of
// the privx-user role" — the other built-in role every installation has (PrivX's role-store
// marks such roles with `system: true`).
// PrivX publishes no complete list, so names with PrivX's own `privx-` prefix are flagged as a
// warning as well: they are the names PrivX uses for what it creates itself.

export const PRIVX_SYSTEM_ROLES: readonly string[] = ["privx-admin", "privx-user"];

const BUILT_IN_PREFIX = "privx-";

function normalise(name: string): string {
  return name.trim().toLowerCase();
}

/** True when `name` is one of `systemRoles` (case and surrounding blanks ignored). */
export function isPrivxSystemRole(name: string, systemRoles: readonly string[] = PRIVX_SYSTEM_ROLES): boolean {
  const wanted = normalise(name);
  return systemRoles.some((role) => normalise(role) === wanted);
}

/** True when `name` carries PrivX's own prefix, so it may be a built-in role we do not know of. */
export function hasPrivxBuiltInPrefix(name: string): boolean {
  return normalise(name).startsWith(BUILT_IN_PREFIX);
}

/** A case-insensitive JSON Schema pattern for names with PrivX's own prefix. */
export const privxBuiltInPrefixPattern = `^${[...BUILT_IN_PREFIX].map((c) => (/[a-z]/.test(c) ? `[${c.toUpperCase()}${c}]` : c)).join("")}`;
