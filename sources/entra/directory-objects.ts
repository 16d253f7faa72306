// Pure conversions from Graph's wire objects to the snapshot's types, and the decisions about
// them (which members count, which group a name means). No I/O here.
import type { DirectoryUser, GroupReference, IgnoredMembers } from "../snapshot";
import { EntraError } from "./errors";

/**
 * Properties every user read asks for; accountEnabled is not in Graph's default set, and
 * userType tells guests (invited B2B accounts) from members.
 */
export const baseUserProperties = ["id", "userPrincipalName", "mail", "displayName", "givenName", "surname", "accountEnabled", "userType"] as const;

const propertyName = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The $select for user reads: the base properties plus the requested attributes, once each. */
export function userSelect(attributes: readonly string[]): string[] {
  for (const attribute of attributes) {
    if (!propertyName.test(attribute)) {
      throw new EntraError("VALIDATION", `User attribute '${attribute}' is not a Graph property name.`, { details: { attribute } });
    }
  }
  return [...new Set([...baseUserProperties, ...attributes])];
}

/** An OData string literal: quoted, with ' doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export interface WireDirectoryObject {
  "@odata.type"?: string;
  id?: unknown;
  [property: string]: unknown;
}

export function emptyIgnored(): IgnoredMembers {
  return { devices: 0, servicePrincipals: 0, contacts: 0, other: 0 };
}

const ignoredBucket: Record<string, keyof IgnoredMembers> = {
  "#microsoft.graph.device": "devices",
  "#microsoft.graph.servicePrincipal": "servicePrincipals",
  "#microsoft.graph.orgContact": "contacts",
};

export type MemberClass = { kind: "user" } | { kind: "nestedGroup" } | { kind: "ignored"; bucket: keyof IgnoredMembers };

/**
 * Users are kept; nested groups are expected in transitiveMembers (their members are listed
 * too) and skipped; everything else is counted by type. An object without @odata.type cannot
 * be classified, which would make the read unreliable.
 */
export function classifyMember(object: WireDirectoryObject, context: string): MemberClass {
  const type = object["@odata.type"];
  if (type === "#microsoft.graph.user") return { kind: "user" };
  if (type === "#microsoft.graph.group") return { kind: "nestedGroup" };
  if (typeof type !== "string") {
    throw new EntraError("INCOMPLETE", `A member of ${context} has no @odata.type; cannot tell users from other objects.`, {
      details: { objectId: object.id },
    });
  }
  return { kind: "ignored", bucket: ignoredBucket[type] ?? "other" };
}

function attributeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const nullableString = (value: unknown): value is string | null | undefined => value === null || value === undefined || typeof value === "string";

/** A Graph user as the snapshot holds it; a user missing what was selected fails the read. */
export function toDirectoryUser(object: WireDirectoryObject, attributes: readonly string[], context: string): DirectoryUser {
  const { id, userPrincipalName, mail, displayName, givenName, surname, accountEnabled, userType } = object;
  if (typeof id !== "string" || typeof userPrincipalName !== "string" || typeof accountEnabled !== "boolean") {
    throw new EntraError("INCOMPLETE", `A user in ${context} lacks id, userPrincipalName or accountEnabled; the $select was not honoured.`, {
      details: { objectId: typeof id === "string" ? id : undefined },
    });
  }
  if (![mail, displayName, givenName, surname, userType].every(nullableString)) {
    throw new EntraError("INCOMPLETE", `User ${id} in ${context} has a malformed name or mail property.`, { details: { objectId: id } });
  }
  const values: Record<string, string | null> = {};
  for (const attribute of attributes) values[attribute] = attributeValue(object[attribute]);
  return {
    id,
    userPrincipalName,
    mail: (mail as string | null | undefined) ?? null,
    displayName: (displayName as string | null | undefined) ?? null,
    givenName: (givenName as string | null | undefined) ?? null,
    surname: (surname as string | null | undefined) ?? null,
    accountEnabled,
    userType: (userType as string | null | undefined) ?? null,
    attributes: values,
  };
}

export function describeReference(reference: GroupReference): string {
  return "id" in reference ? `group id ${reference.id}` : `group "${reference.displayName}"`;
}

export interface GroupIdentity {
  id: string;
  displayName: string;
  description?: string | null;
}

/** The one group a display name means, or an error that lists what the name matched. */
export function chooseGroupByName(reference: { displayName: string }, matches: readonly GroupIdentity[]): GroupIdentity {
  if (matches.length === 1) return matches[0];
  const found = matches.map((m) => ({ id: m.id, displayName: m.displayName }));
  if (matches.length === 0) {
    throw new EntraError("NOT_FOUND", `No Entra ID group is named "${reference.displayName}".`, { details: { reference, found } });
  }
  throw new EntraError(
    "AMBIGUOUS",
    `${matches.length} Entra ID groups are named "${reference.displayName}" (${found.map((f) => f.id).join(", ")}); reference the intended one by id.`,
    { details: { reference, found } },
  );
}

/** Several resolution problems reported at once, so one run names every bad reference. */
export function combineProblems(problems: readonly EntraError[]): EntraError {
  if (problems.length === 1) return problems[0];
  return new EntraError(problems[0].code, `${problems.length} directory references cannot be resolved:\n- ${problems.map((p) => p.message).join("\n- ")}`, {
    details: { problems: problems.map((p) => ({ code: p.code, message: p.message, details: p.details })) },
  });
}
