// Users and Groups as this server stores them (canonical attribute names, `active` a boolean)
// and checks them: userName required and unique without case (409 uniqueness, RFC 7644
// §3.3), a group's displayName required, members naming existing users or groups.
import { booleanOf, canonicalAttributes, GROUP_SCHEMA, RFC_VOCABULARY, USER_SCHEMA, type ScimVocabulary } from "./attributes";
import { ScimFault } from "./errors";

export type ScimType = "User" | "Group";
export type StoredResource = Record<string, unknown> & { id: string };

const READ_ONLY = ["id", "meta", "groups"];

export function schemaOf(type: ScimType): string {
  return type === "User" ? USER_SCHEMA : GROUP_SCHEMA;
}

export interface ResourceStore {
  users: Map<string, StoredResource>;
  groups: Map<string, StoredResource>;
}

/** A request body as it would be stored under `id`; throws ScimFault when the server refuses it. */
export function checkedResource(type: ScimType, body: unknown, id: string, store: ResourceStore, vocabulary: ScimVocabulary = RFC_VOCABULARY): StoredResource {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ScimFault(400, "invalidSyntax", "the body must be a JSON object");
  const input = canonicalAttributes(type, body as Record<string, unknown>, vocabulary);
  for (const key of READ_ONLY) delete input[key];
  if (!Array.isArray(input.schemas) || !input.schemas.includes(schemaOf(type)))
    throw new ScimFault(400, "invalidValue", `schemas must include ${schemaOf(type)}`);
  if (type === "User") {
    if (typeof input.userName !== "string" || input.userName.trim() === "") throw new ScimFault(400, "invalidValue", "userName is required");
    const wanted = input.userName.toLowerCase();
    const taken = [...store.users.values()].find((u) => u.id !== id && String(u.userName).toLowerCase() === wanted);
    if (taken) throw new ScimFault(409, "uniqueness", `userName "${input.userName}" is already taken`);
    if (input.active !== undefined) {
      const active = booleanOf(input.active);
      if (active === undefined) throw new ScimFault(400, "invalidValue", "active must be a boolean");
      input.active = active;
    }
  } else {
    if (typeof input.displayName !== "string" || input.displayName.trim() === "") throw new ScimFault(400, "invalidValue", "displayName is required");
    const members = input.members === undefined ? [] : input.members;
    if (!Array.isArray(members)) throw new ScimFault(400, "invalidValue", "members must be an array");
    for (const m of members) {
      const value = (m as { value?: unknown })?.value;
      if (typeof value !== "string" || !(store.users.has(value) || store.groups.has(value)))
        throw new ScimFault(400, "invalidValue", `member ${JSON.stringify(value)} is not a user or group of this server`);
    }
    const unique = new Map(members.map((m) => [(m as { value: string }).value, m]));
    input.members = [...unique.values()];
  }
  return { ...input, id };
}
