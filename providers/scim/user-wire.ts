// A scim:User's inputs on the wire and back: the core attributes we manage, and the role at its
// configured path (`roles` as RFC 7643 §4.1.2's multi-valued {value, primary}; a named core or
// extension attribute as one string). Writing starts from what the server holds, so attributes
// we do not manage survive a PUT, and a role-locked user's role is sent back as it was.
import {
  parseAttributePath,
  patchPathOf,
  readAttribute,
  SCHEMA,
  writeAttribute,
  type AttributePath,
  type ScimPatchOperation,
  type ScimUser,
} from "../../lib/scim";
import type { DesiredScimUser } from "./desired";
import type { ScimAccountOutputs } from "../../lib/provider/scim-account";

export type ScimUserInputs = DesiredScimUser;
export interface ScimUserOutputs extends ScimUserInputs, ScimAccountOutputs {
  scimId: string;
}

/** What the server holds, in the resource's own terms. */
export const SERVER_FIELDS = ["externalId", "userName", "displayName", "givenName", "familyName", "email", "active", "roles", "attributes"] as const;

const pathOf = (attribute: string): AttributePath => {
  const path = parseAttributePath(attribute);
  if (!path) throw new Error(`scim: attribute "${attribute}" is not a SCIM attribute path`);
  return path;
};

/** The fixed attributes' values as the server holds them (a number the server answers as a numeric string reads as the number). */
function attributesHeld(user: ScimUser, wanted: Record<string, string | number> | undefined): Record<string, string | number> | undefined {
  if (!wanted) return undefined;
  const held: Record<string, string | number> = {};
  for (const [attribute, value] of Object.entries(wanted)) {
    const raw = readAttribute(user, pathOf(attribute));
    if (typeof value === "number" && typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw))) held[attribute] = Number(raw);
    else if (typeof raw === "string" || typeof raw === "number") held[attribute] = raw;
  }
  return held;
}

export function rolePath(roleAttribute: string): AttributePath {
  const path = parseAttributePath(roleAttribute);
  if (!path) throw new Error(`scim: roleAttribute "${roleAttribute}" is not a SCIM attribute path`);
  return path;
}

const isMultiValuedRoles = (path: AttributePath) => path.schema === undefined && path.name.toLowerCase() === "roles";

/** The role attribute's wire value for these roles; undefined removes it. */
export function roleValue(path: AttributePath, roles: readonly string[]): unknown {
  if (isMultiValuedRoles(path)) return roles.length ? roles.map((value, i) => ({ value, ...(i === 0 ? { primary: true } : {}) })) : undefined;
  return roles[0];
}

/** The roles a server holds at the path: values of a multi-valued attribute, or one string. */
export function rolesHeld(user: ScimUser, roleAttribute: string): string[] {
  const raw = readAttribute(user, rolePath(roleAttribute));
  const items: unknown[] = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const values = items
    .map((item) => (item && typeof item === "object" ? (item as { value?: unknown }).value : item))
    .filter((v): v is string => typeof v === "string" && v !== "");
  return [...new Set(values)].sort();
}

function primaryEmail(user: ScimUser): string | null {
  const emails = Array.isArray(user.emails) ? user.emails : [];
  return emails.find((e) => e.primary)?.value ?? emails[0]?.value ?? null;
}

/** What the server holds; `local` carries our own fields (role attribute, lock, leaver policy). */
export function fromScimUser(
  user: ScimUser,
  local: Pick<ScimUserInputs, "roleAttribute" | "roleLocked" | "onRemove" | "protected" | "attributes">,
): ScimUserOutputs {
  const attributes = attributesHeld(user, local.attributes);
  return {
    scimId: user.id!,
    externalId: user.externalId ?? "",
    userName: user.userName,
    displayName: user.displayName ?? "",
    givenName: user.name?.givenName ?? null,
    familyName: user.name?.familyName ?? null,
    email: primaryEmail(user),
    active: user.active ?? true,
    roles: rolesHeld(user, local.roleAttribute),
    roleLocked: local.roleLocked,
    roleAttribute: local.roleAttribute,
    onRemove: local.onRemove,
    protected: local.protected,
    ...(attributes ? { attributes } : {}),
  };
}

/** The PUT/POST body: `held` (what the server has) with our attributes set over it. */
export function toScimUser(inputs: ScimUserInputs, held?: ScimUser): ScimUser {
  const { meta: _readOnly, groups: _readOnlyToo, ...kept } = held ?? { userName: inputs.userName };
  let user: ScimUser = {
    ...kept,
    schemas: kept.schemas?.length ? kept.schemas : [SCHEMA.user],
    externalId: inputs.externalId,
    userName: inputs.userName,
    displayName: inputs.displayName,
    name: { ...(kept.name ?? {}), givenName: inputs.givenName ?? undefined, familyName: inputs.familyName ?? undefined },
    emails: inputs.email ? [{ value: inputs.email, type: "work", primary: true }] : [],
    active: inputs.active,
  };
  // A locked user's role is the application's; it is sent only to create the user, when the product requires one.
  if (!inputs.roleLocked || (!held && inputs.roles.length))
    user = writeAttribute(user, rolePath(inputs.roleAttribute), roleValue(rolePath(inputs.roleAttribute), inputs.roles));
  for (const [attribute, value] of Object.entries(inputs.attributes ?? {})) user = writeAttribute(user, pathOf(attribute), value);
  return user;
}

/** PATCH operations that bring `held` to the inputs; none when nothing differs. */
export function patchOperations(inputs: ScimUserInputs, held: ScimUser): ScimPatchOperation[] {
  const now = fromScimUser(held, inputs);
  const ops: ScimPatchOperation[] = [];
  const replace = (path: string, value: unknown) => ops.push({ op: "replace", path, value });
  if (now.externalId !== inputs.externalId) replace("externalId", inputs.externalId);
  if (now.userName !== inputs.userName) replace("userName", inputs.userName);
  if (now.displayName !== inputs.displayName) replace("displayName", inputs.displayName);
  if (now.givenName !== inputs.givenName && inputs.givenName !== null) replace("name.givenName", inputs.givenName);
  if (now.familyName !== inputs.familyName && inputs.familyName !== null) replace("name.familyName", inputs.familyName);
  if (now.email !== inputs.email) {
    if (inputs.email) replace("emails", [{ value: inputs.email, type: "work", primary: true }]);
    else ops.push({ op: "remove", path: "emails" });
  }
  if (now.active !== inputs.active) replace("active", inputs.active);
  if (!inputs.roleLocked && JSON.stringify(now.roles) !== JSON.stringify([...inputs.roles].sort())) {
    const path = rolePath(inputs.roleAttribute);
    const value = roleValue(path, inputs.roles);
    const patchPath = path.schema === undefined ? path.name : `${path.schema}:${path.name}`;
    ops.push(value === undefined ? { op: "remove", path: patchPath } : { op: "replace", path: patchPath, value });
  }
  for (const [attribute, value] of Object.entries(inputs.attributes ?? {})) {
    if (now.attributes?.[attribute] !== value) replace(patchPathOf(pathOf(attribute)), value);
  }
  return ops;
}
