// Attribute names are case-insensitive (RFC 7643 §2.1): whatever case a client writes, the
// emulator stores the schema's own spelling, so `"Active": false` deactivates a user instead of
// being kept as an unknown attribute beside `active`. Extension schemas (a URN key) are stored
// under their URN, their attributes canonicalised the same way when the schema is known.

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** Canonical names of the core attributes this emulator knows, by resource type. */
const CORE: Record<"User" | "Group", readonly string[]> = {
  User: ["schemas", "id", "externalId", "meta", "userName", "name", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active", "password", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates"],
  Group: ["schemas", "id", "externalId", "meta", "displayName", "members"],
};
const SUB: Record<string, readonly string[]> = {
  name: ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"],
  emails: ["value", "display", "type", "primary"],
  roles: ["value", "display", "type", "primary"],
  members: ["value", "$ref", "display", "type"],
  groups: ["value", "$ref", "display", "type"],
  [ENTERPRISE_USER_SCHEMA]: ["employeeNumber", "costCenter", "organization", "division", "department", "manager"],
};

function canonicalName(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  return known.find((k) => k.toLowerCase() === lower) ?? name;
}

function canonicalValue(key: string, value: unknown): unknown {
  const sub = SUB[key];
  if (!sub && !key.startsWith("urn:")) return value;
  const fix = (item: unknown): unknown => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).map(([k, v]) => [sub ? canonicalName(k, sub) : k, v]));
  };
  return Array.isArray(value) ? value.map(fix) : fix(value);
}

/** The body with every known attribute under its canonical name; a later duplicate (in another case) wins. */
export function canonicalAttributes(type: "User" | "Group", body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const key = name.startsWith("urn:") ? name : canonicalName(name, CORE[type]);
    out[key] = canonicalValue(key, value);
  }
  return out;
}

/** The value at a case-insensitive name, for filters. */
export function attributeOf(resource: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  const entry = Object.entries(resource).find(([k]) => k.toLowerCase() === lower);
  return entry?.[1];
}

/** `"True"`, `"false"` and booleans read as booleans (Entra sends strings); anything else is undefined. */
export function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return undefined;
}
