// PrivX SCIM User (core User schema, seed 001): userName required; externalId unique when given,
// else userName is the unique identifier; displayName, mail, windowsSid, title (comma list, used
// when groups is empty) and groups, the only multi-valued attribute PrivX supports.
import { invalidValue } from "./scim-error";
import { definedOnly, documentedAttributes, optionalString, requiredString, requireSchema, type Attributes, type ScimMeta } from "./scim-attributes";

export const SCIM_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

const DOCUMENTED = ["externalId", "userName", "displayName", "mail", "windowsSid", "title", "groups"] as const;

export interface PrivxScimUserAttributes {
  externalId?: string;
  userName: string;
  displayName?: string;
  mail?: string;
  windowsSid?: string;
  title?: string;
  groups?: string[];
}

export interface PrivxScimUser extends PrivxScimUserAttributes {
  schemas: string[];
  id: string;
  meta: ScimMeta;
}

function groupsOf(attrs: Attributes): string[] | undefined {
  const value = attrs.groups;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((g) => typeof g === "string")) {
    throw invalidValue("groups must be an array of strings (group names)");
  }
  return value;
}

/** The user attributes of a Create or Replace body; throws ScimRequestError when invalid. */
export function readUser(body: Attributes): PrivxScimUserAttributes {
  requireSchema(body, SCIM_USER_SCHEMA);
  const attrs = documentedAttributes(body, DOCUMENTED);
  return definedOnly({
    externalId: optionalString(attrs, "externalId"),
    userName: requiredString(attrs, "userName"),
    displayName: optionalString(attrs, "displayName"),
    mail: optionalString(attrs, "mail"),
    windowsSid: optionalString(attrs, "windowsSid"),
    title: optionalString(attrs, "title"),
    groups: groupsOf(attrs),
  });
}

/** The directory's unique identifier: externalId when defined, userName otherwise. */
export function userIdentity(user: PrivxScimUserAttributes): { attribute: "externalId" | "userName"; value: string } {
  return user.externalId !== undefined && user.externalId.trim() !== ""
    ? { attribute: "externalId", value: user.externalId }
    : { attribute: "userName", value: user.userName };
}
