// SCIM PATCH (RFC 7644 section 3.5.2), only served when the `scimPatch` knob is on: PRA's
// support is unverified and the project's client does not need it. Operations are applied to a
// copy of the resource's input, which is then checked like a PUT body. Entra's dialect is
// accepted: capitalised op names ("Replace") and booleans sent as "True"/"False".
import type { ScimGroupInput, ScimUserInput } from "../directory";
import type { PraState } from "../state";
import { invalidPath, invalidSyntax, invalidValue } from "./errors";
import { PATCH_SCHEMA, checkGroupInput, checkUserInput, parseEmails, parseMembers } from "./resources";

export interface PatchOperation {
  op: "add" | "replace" | "remove";
  path: string | null;
  value: unknown;
}

function lowerKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
}

export function parsePatchBody(raw: unknown): PatchOperation[] {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalidSyntax("The request body must be a JSON object.");
  // PatchOp attribute names are case-insensitive too (RFC 7643 §2.1).
  const body = lowerKeys(raw as Record<string, unknown>);
  if (!Array.isArray(body.schemas) || !body.schemas.includes(PATCH_SCHEMA)) throw invalidSyntax(`schemas must include ${PATCH_SCHEMA}.`);
  if (!Array.isArray(body.operations) || body.operations.length === 0) throw invalidSyntax("Operations must be a non-empty array.");
  return body.operations.map((item, i) => {
    const operation = lowerKeys((item ?? {}) as Record<string, unknown>);
    const op = typeof operation.op === "string" ? operation.op.toLowerCase() : "";
    if (op !== "add" && op !== "replace" && op !== "remove") throw invalidSyntax(`Operations[${i}].op must be add, replace or remove.`);
    if (operation.path !== undefined && typeof operation.path !== "string") throw invalidPath(`Operations[${i}].path must be a string.`);
    return { op, path: operation.path ?? null, value: operation.value };
  });
}

function asBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw invalidValue("active must be a boolean.");
}

function asNullableString(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") throw invalidValue(`${path} must be a string.`);
  return value;
}

const EMAIL_OF_TYPE = /^emails\[type eq "([^"]+)"\]\.value$/i;

function setUserAttribute(input: ScimUserInput, path: string, value: unknown, remove: boolean): void {
  const key = path.toLowerCase();
  const name = () => (input.name ??= { formatted: null, givenName: null, familyName: null });
  const emailOfType = EMAIL_OF_TYPE.exec(path);
  if (emailOfType) {
    const type = emailOfType[1];
    input.emails = input.emails.filter((e) => e.type !== type);
    if (!remove) input.emails.push({ value: asNullableString(value, path) ?? "", type, primary: input.emails.every((e) => !e.primary) });
    return;
  }
  switch (key) {
    case "username":
      if (remove) throw invalidValue("userName cannot be removed.");
      input.userName = asNullableString(value, path) ?? "";
      return;
    case "active":
      if (remove) throw invalidValue("active cannot be removed.");
      input.active = asBoolean(value);
      return;
    case "displayname":
      input.displayName = remove ? null : asNullableString(value, path);
      return;
    case "externalid":
      input.externalId = remove ? null : asNullableString(value, path);
      return;
    case "name":
      input.name = null;
      if (!remove && value !== null) for (const [k, v] of Object.entries(value as Record<string, unknown>)) setUserAttribute(input, `name.${k}`, v, false);
      return;
    case "name.givenname":
      name().givenName = remove ? null : asNullableString(value, path);
      return;
    case "name.familyname":
      name().familyName = remove ? null : asNullableString(value, path);
      return;
    case "name.formatted":
      name().formatted = remove ? null : asNullableString(value, path);
      return;
    case "emails":
      input.emails = remove ? [] : parseEmails(value);
      return;
    default:
      throw invalidPath(`Unsupported path ${path}.`);
  }
}

export function applyUserPatch(current: ScimUserInput, operations: readonly PatchOperation[]): ScimUserInput {
  const input: ScimUserInput = structuredClone(current);
  for (const { op, path, value } of operations) {
    if (path === null) {
      if (op === "remove") throw invalidPath("remove needs a path.");
      if (typeof value !== "object" || value === null) throw invalidValue("A patch without a path needs an object value.");
      for (const [attribute, v] of Object.entries(value as Record<string, unknown>)) setUserAttribute(input, attribute, v, false);
    } else {
      setUserAttribute(input, path, value, op === "remove");
    }
  }
  return checkUserInput(input);
}

const MEMBER_FILTER = /^members\[value eq "([^"]+)"\]$/i;

export function applyGroupPatch(state: PraState, current: ScimGroupInput, operations: readonly PatchOperation[]): ScimGroupInput {
  const input: ScimGroupInput = structuredClone(current);
  const apply = (op: PatchOperation["op"], path: string, value: unknown): void => {
    const memberFilter = MEMBER_FILTER.exec(path);
    if (memberFilter && op === "remove") {
      input.memberIds = input.memberIds.filter((id) => id !== memberFilter[1]);
      return;
    }
    switch (path.toLowerCase()) {
      case "members": {
        if (op === "remove") {
          const removed = value === undefined ? input.memberIds : parseMembersLoosely(value);
          input.memberIds = input.memberIds.filter((id) => !removed.includes(id));
        } else {
          const given = parseMembers(state, value);
          input.memberIds = op === "add" ? [...new Set([...input.memberIds, ...given])] : given;
        }
        return;
      }
      case "displayname":
        if (op === "remove") throw invalidValue("displayName cannot be removed.");
        input.displayName = asNullableString(value, path) ?? "";
        return;
      case "externalid":
        input.externalId = op === "remove" ? null : asNullableString(value, path);
        return;
      default:
        throw invalidPath(`Unsupported path ${path}.`);
    }
  };
  for (const { op, path, value } of operations) {
    if (path !== null) apply(op, path, value);
    else if (op === "remove") throw invalidPath("remove needs a path.");
    else if (typeof value === "object" && value !== null) for (const [attribute, v] of Object.entries(value)) apply(op, attribute, v);
    else throw invalidValue("A patch without a path needs an object value.");
  }
  return checkGroupInput(input);
}

/** Member ids to remove need not exist any more. */
function parseMembersLoosely(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalidValue("members must be an array.");
  return value.map((m) => String((m as { value?: string | number } | null)?.value ?? ""));
}
