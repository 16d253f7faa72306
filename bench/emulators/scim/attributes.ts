// Attribute names are case-insensitive (RFC 7643 §2.1): whatever case a client writes, the
// emulator stores the schema's own spelling, so `"Active": false` deactivates a user instead of
// being kept as an unknown attribute beside `active`. Extension schemas (a URN key) are stored
// under their URN, their attributes canonicalised the same way when the schema is known.
// A product profile widens the vocabulary (PAM360's domain extension, Password Safe's group
// `description`) so its own attributes are read without case too.

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** The attribute names a server knows: top-level names by resource type, sub-attribute names by parent (a URN for an extension). */
export interface ScimVocabulary {
  User: readonly string[];
  Group: readonly string[];
  sub: Readonly<Record<string, readonly string[]>>;
}

/** What a profile adds to RFC 7643's names. */
export interface ScimVocabularyExtras {
  User?: readonly string[];
  Group?: readonly string[];
  /** Extension schema URN → its attribute names. */
  extensions?: Readonly<Record<string, readonly string[]>>;
}

export const RFC_VOCABULARY: ScimVocabulary = {
  User: [
    "schemas",
    "id",
    "externalId",
    "meta",
    "userName",
    "name",
    "displayName",
    "nickName",
    "profileUrl",
    "title",
    "userType",
    "preferredLanguage",
    "locale",
    "timezone",
    "active",
    "password",
    "emails",
    "phoneNumbers",
    "ims",
    "photos",
    "addresses",
    "groups",
    "entitlements",
    "roles",
    "x509Certificates",
  ],
  Group: ["schemas", "id", "externalId", "meta", "displayName", "members"],
  sub: {
    name: ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"],
    emails: ["value", "display", "type", "primary"],
    roles: ["value", "display", "type", "primary"],
    members: ["value", "$ref", "display", "type"],
    groups: ["value", "$ref", "display", "type"],
    [ENTERPRISE_USER_SCHEMA]: ["employeeNumber", "costCenter", "organization", "division", "department", "manager"],
  },
};

export function vocabularyWith(extras: ScimVocabularyExtras = {}): ScimVocabulary {
  return {
    User: [...RFC_VOCABULARY.User, ...(extras.User ?? [])],
    Group: [...RFC_VOCABULARY.Group, ...(extras.Group ?? [])],
    sub: { ...RFC_VOCABULARY.sub, ...(extras.extensions ?? {}) },
  };
}

function canonicalName(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  return known.find((k) => k.toLowerCase() === lower) ?? name;
}

function canonicalValue(key: string, value: unknown, vocabulary: ScimVocabulary): unknown {
  const sub = vocabulary.sub[key];
  if (!sub && !/^urn:/i.test(key)) return value;
  const fix = (item: unknown): unknown => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).map(([k, v]) => [sub ? canonicalName(k, sub) : k, v]));
  };
  return Array.isArray(value) ? value.map(fix) : fix(value);
}

/** A multi-valued or complex attribute's value with its sub-attribute names canonical (`emails`, `members`, `name`, ...). */
export function canonicalSubAttributes(parent: string, value: unknown, vocabulary: ScimVocabulary = RFC_VOCABULARY): unknown {
  return canonicalValue(parent, value, vocabulary);
}

/** The body with every known attribute under its canonical name; a later duplicate (in another case) wins. */
export function canonicalAttributes(
  type: "User" | "Group",
  body: Record<string, unknown>,
  vocabulary: ScimVocabulary = RFC_VOCABULARY,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const urns = Object.keys(vocabulary.sub).filter((k) => k.startsWith("urn:"));
  for (const [name, value] of Object.entries(body)) {
    const key = /^urn:/i.test(name) ? canonicalName(name, urns) : canonicalName(name, vocabulary[type]);
    out[key] = canonicalValue(key, value, vocabulary);
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
