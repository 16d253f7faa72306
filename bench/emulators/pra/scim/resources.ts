// SCIM User and Group resources: records to JSON, and request bodies to checked inputs.
// PRA keeps a SCIM user as a PRA user, whose username and public display name hold at most 64
// characters (the Configuration API's User schema), and a group policy names a SCIM group in a
// 64-character group_name: longer values are refused here rather than silently cut. Attribute
// names are read without case (RFC 7643 §2.1), with the generic SCIM emulator's vocabulary:
// the seed connector's `"Active": false` deactivates.
import type { ScimGroupInput, ScimUserInput } from "../directory";
import { canonicalAttributes, canonicalSubAttributes } from "../../scim/attributes";
import type { PraState, ScimEmail, ScimGroupRecord, ScimName, UserRecord } from "../state";
import { invalidSyntax, invalidValue } from "./errors";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SCIM_BASE = "/api/scim/v2";
const MAX_NAME = 64;

function withoutNulls(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined));
}

export function userResource(user: UserRecord, origin: string): Record<string, unknown> {
  const scim = user.scim!;
  return withoutNulls({
    schemas: [USER_SCHEMA],
    id: scim.id,
    externalId: scim.externalId,
    userName: scim.userName,
    displayName: scim.displayName,
    name: scim.name ? withoutNulls({ ...scim.name }) : null,
    emails: scim.emails.length ? scim.emails.map((e) => withoutNulls({ ...e })) : null,
    active: user.enabled,
    meta: { resourceType: "User", created: scim.created, lastModified: scim.lastModified, location: `${origin}${SCIM_BASE}/Users/${scim.id}` },
  });
}

/** `users` is state.scimUserIndex(), passed in so a list builds it once. */
export function groupResource(users: ReadonlyMap<string, UserRecord>, group: ScimGroupRecord, origin: string): Record<string, unknown> {
  return withoutNulls({
    schemas: [GROUP_SCHEMA],
    id: group.id,
    externalId: group.externalId,
    displayName: group.displayName,
    members: group.memberIds.map((id) => {
      const user = users.get(id);
      return withoutNulls({ value: id, display: user?.scim?.displayName ?? user?.scim?.userName });
    }),
    meta: { resourceType: "Group", created: group.created, lastModified: group.lastModified, location: `${origin}${SCIM_BASE}/Groups/${group.id}` },
  });
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidSyntax(`${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, field: string, maxLength = Infinity): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw invalidValue(`${field} must be a string.`);
  if (value.length > maxLength) throw invalidValue(`${field} may not be longer than ${maxLength} characters.`);
  return value;
}

function requiredString(body: Record<string, unknown>, field: string, maxLength: number): string {
  const value = optionalString(body, field, maxLength);
  if (value === null || value.trim() === "") throw invalidValue(`${field} is required.`);
  return value;
}

function requireSchema(body: Record<string, unknown>, schema: string): void {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(schema)) throw invalidSyntax(`schemas must include ${schema}.`);
}

function parseName(value: unknown): ScimName | null {
  if (value === undefined || value === null) return null;
  const name = asObject(value, "name");
  return {
    formatted: optionalString(name, "formatted"),
    givenName: optionalString(name, "givenName"),
    familyName: optionalString(name, "familyName"),
  };
}

export function parseEmails(value: unknown): ScimEmail[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidValue("emails must be an array.");
  const emails = (canonicalSubAttributes("emails", value) as unknown[]).map((item, i) => {
    const email = asObject(item, `emails[${i}]`);
    const address = optionalString(email, "value");
    if (!address) throw invalidValue(`emails[${i}].value is required.`);
    if (email.primary !== undefined && typeof email.primary !== "boolean") throw invalidValue(`emails[${i}].primary must be a boolean.`);
    return { value: address, type: optionalString(email, "type"), primary: email.primary === true };
  });
  if (emails.filter((e) => e.primary).length > 1) throw invalidValue("At most one email may be primary.");
  return emails;
}

/** A POST or PUT body for /Users. `id` and `meta` are read-only and ignored, as RFC 7643 says. */
export function parseUserBody(raw: unknown): ScimUserInput {
  const body = canonicalAttributes("User", asObject(raw, "The request body"));
  requireSchema(body, USER_SCHEMA);
  if (body.active !== undefined && typeof body.active !== "boolean") throw invalidValue("active must be a boolean.");
  return checkUserInput({
    userName: requiredString(body, "userName", MAX_NAME),
    externalId: optionalString(body, "externalId"),
    displayName: optionalString(body, "displayName", MAX_NAME),
    name: parseName(body.name),
    emails: parseEmails(body.emails),
    // A replace without `active` leaves the user active: absent means the default, true.
    active: body.active === undefined ? true : body.active,
  });
}

/** The limits a user must meet however it was built (POST, PUT or PATCH). */
export function checkUserInput(input: ScimUserInput): ScimUserInput {
  if (typeof input.userName !== "string" || input.userName.trim() === "") throw invalidValue("userName is required.");
  if (input.userName.length > MAX_NAME) throw invalidValue(`userName may not be longer than ${MAX_NAME} characters.`);
  if (input.displayName !== null && input.displayName.length > MAX_NAME) throw invalidValue(`displayName may not be longer than ${MAX_NAME} characters.`);
  if (typeof input.active !== "boolean") throw invalidValue("active must be a boolean.");
  return input;
}

export function parseMembers(state: PraState, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidValue("members must be an array.");
  const users = state.scimUserIndex();
  return (canonicalSubAttributes("members", value) as unknown[]).map((item, i) => {
    const member = asObject(item, `members[${i}]`);
    const id = optionalString(member, "value");
    if (!id) throw invalidValue(`members[${i}].value is required.`);
    // Only users can be members: the emulator, like the seed connector, has no nested groups.
    if (!users.has(id)) throw invalidValue(`members[${i}].value ${id} is not the id of a SCIM user.`);
    return id;
  });
}

export function checkGroupInput(input: ScimGroupInput): ScimGroupInput {
  if (typeof input.displayName !== "string" || input.displayName.trim() === "") throw invalidValue("displayName is required.");
  if (input.displayName.length > MAX_NAME) throw invalidValue(`displayName may not be longer than ${MAX_NAME} characters.`);
  return input;
}

/** A POST or PUT body for /Groups. */
export function parseGroupBody(state: PraState, raw: unknown): ScimGroupInput {
  const body = canonicalAttributes("Group", asObject(raw, "The request body"));
  requireSchema(body, GROUP_SCHEMA);
  return checkGroupInput({
    displayName: requiredString(body, "displayName", MAX_NAME),
    externalId: optionalString(body, "externalId"),
    memberIds: parseMembers(state, body.members),
  });
}
