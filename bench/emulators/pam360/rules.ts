// What PAM360 refuses or does differently from RFC 7644 (api-facts "ManageEngine PAM360 — SCIM",
// seed 002), as the generic SCIM emulator's `accept` hook: the attributes a POST must carry,
// PAM360's own role names, its domain extension, flat groups, and what happens to a changed
// userName (the UPN PAM360 does not follow).
import { ScimFault, type ScimResourceChange, type StoredResource } from "../scim";

export const PAM360_DOMAIN_SCHEMA = "urn:ietf:params:scim:schemas:extension:pam360_domain:2.0:User";
/** userType in the domain extension: 0 local, 1 AD, 2 Entra ID, 3 LDAP. */
export const PAM360_USER_TYPES = [0, 1, 2, 3] as const;
/** PAM360's built-in roles (its product documentation; the facts file names none: a knob). */
export const PAM360_ROLES: readonly string[] = [
  "Privileged Administrator",
  "Administrator",
  "Password Administrator",
  "Password Auditor",
  "Password User",
  "Connection User",
];

export type Pam360Rename = "in-place" | "refuse" | "ignore";

export interface Pam360Knobs {
  /** A PUT or PATCH that changes userName: stored ("in-place"), 400 mutability ("refuse"), or answered 200 with the old userName kept ("ignore"). */
  renameUserName: Pam360Rename;
  /** Role names a user's `roles` may hold (matched without case); any other is 400. */
  roles: readonly string[];
}

const REQUIRED_ON_POST = ["userName", "name.givenName", "name.familyName", "emails", "roles", "active"] as const;

function present(resource: StoredResource, path: string): boolean {
  const value = path.split(".").reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), resource);
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== "";
}

function checkRoles(user: StoredResource, knobs: Pam360Knobs): void {
  if (user.roles === undefined) return;
  if (!Array.isArray(user.roles)) throw new ScimFault(400, "invalidValue", "roles must be an array");
  const known = new Set(knobs.roles.map((r) => r.toLowerCase()));
  for (const role of user.roles) {
    const value = (role as { value?: unknown })?.value;
    if (typeof value !== "string" || !known.has(value.toLowerCase()))
      throw new ScimFault(400, "invalidValue", `role ${JSON.stringify(value)} is not a PAM360 role`);
  }
}

function checkDomain(user: StoredResource): void {
  const extension = user[PAM360_DOMAIN_SCHEMA];
  if (extension === undefined) return;
  if (!extension || typeof extension !== "object" || Array.isArray(extension))
    throw new ScimFault(400, "invalidValue", `${PAM360_DOMAIN_SCHEMA} must be an object`);
  const { userType, domain } = extension as { userType?: unknown; domain?: unknown };
  const userTypeText = typeof userType === "number" || typeof userType === "string" ? String(userType) : JSON.stringify(userType);
  if (userType !== undefined && !PAM360_USER_TYPES.some((t) => String(t) === userTypeText))
    throw new ScimFault(400, "invalidValue", `userType must be one of ${PAM360_USER_TYPES.join(", ")}`);
  if (domain !== undefined && typeof domain !== "string") throw new ScimFault(400, "invalidValue", "domain must be a string");
}

function checkUser(change: ScimResourceChange, knobs: Pam360Knobs): StoredResource {
  const { next, previous, method } = change;
  if (method === "POST") {
    const missing = REQUIRED_ON_POST.find((path) => !present(next, path));
    if (missing) throw new ScimFault(400, "invalidValue", `Missing required attribute: ${missing}`);
  }
  checkRoles(next, knobs);
  checkDomain(next);
  if (!previous || previous.userName === next.userName) return next;
  if (knobs.renameUserName === "refuse") throw new ScimFault(400, "mutability", "userName cannot be modified");
  if (knobs.renameUserName === "ignore") return { ...next, userName: previous.userName };
  return next;
}

/** PAM360 groups are flat: a member must be a user. */
function checkGroup(change: ScimResourceChange): StoredResource {
  const members = (change.next.members as { value: string }[] | undefined) ?? [];
  const nested = members.find((m) => change.state.groups.has(m.value));
  if (nested) throw new ScimFault(400, "invalidValue", `member ${nested.value} is a group: PAM360 does not support nested groups`);
  return change.next;
}

export function acceptPam360(change: ScimResourceChange, knobs: Pam360Knobs): StoredResource {
  return change.type === "User" ? checkUser(change, knobs) : checkGroup(change);
}
