// Pure conversions from Okta's wire objects to the snapshot's types, and the decisions about
// them (which statuses can sign in, which group a name means, which attribute is the username).
import type { DirectoryUser, GroupReference } from "../snapshot";
import { OktaError } from "./errors";

export interface WireOktaUser {
  id?: unknown;
  status?: unknown;
  profile?: Record<string, unknown>;
}

export interface WireOktaGroup {
  id?: unknown;
  type?: unknown;
  profile?: { name?: unknown; description?: unknown };
}

/** Statuses of a user who may sign in (Okta's lifecycle): everything else is a leaver for the targets. */
const ENABLED_STATUSES = new Set(["ACTIVE", "PROVISIONED", "STAGED", "RECOVERY", "PASSWORD_EXPIRED"]);
const DISABLED_STATUSES = new Set(["SUSPENDED", "DEPROVISIONED", "LOCKED_OUT"]);

/** Whether Okta's user status counts as an enabled account; an unknown status fails the read rather than guess. */
export function statusEnabled(status: unknown, context: string): boolean {
  if (typeof status === "string" && ENABLED_STATUSES.has(status)) return true;
  if (typeof status === "string" && DISABLED_STATUSES.has(status)) return false;
  throw new OktaError("INCOMPLETE", `A user in ${context} has status ${JSON.stringify(status)}, which is not an Okta user status this source knows.`, {
    details: { status },
  });
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

function attributeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * An Okta user as the snapshot holds it: the Okta user id is the stable key (externalId), the
 * username attribute fills userPrincipalName (what every target's username rules start from),
 * `email` fills mail. A user without the username attribute fails the read.
 */
export function toDirectoryUser(wire: WireOktaUser, usernameAttribute: string, attributes: readonly string[], context: string): DirectoryUser {
  const profile = wire.profile ?? {};
  if (typeof wire.id !== "string") throw new OktaError("INCOMPLETE", `A user in ${context} has no id.`);
  const username = text(profile[usernameAttribute]);
  if (!username) {
    throw new OktaError("INCOMPLETE", `User ${wire.id} in ${context} has no profile.${usernameAttribute} (oktaUsernameAttribute), so it has no username.`, {
      details: { userId: wire.id, usernameAttribute },
    });
  }
  const givenName = text(profile.firstName);
  const surname = text(profile.lastName);
  const values: Record<string, string | null> = {};
  for (const attribute of attributes) values[attribute] = attributeValue(profile[attribute]);
  return {
    id: wire.id,
    userPrincipalName: username,
    mail: text(profile.email),
    displayName: text(profile.displayName) ?? ([givenName, surname].filter(Boolean).join(" ") || null),
    givenName,
    surname,
    accountEnabled: statusEnabled(wire.status, context),
    userType: text(profile.userType),
    attributes: values,
  };
}

export interface OktaGroupIdentity {
  id: string;
  displayName: string;
  description: string | null;
}

export function toGroupIdentity(wire: WireOktaGroup): OktaGroupIdentity {
  if (typeof wire.id !== "string" || typeof wire.profile?.name !== "string") {
    throw new OktaError("INCOMPLETE", "Okta returned a group without id or profile.name.", { details: { groupId: wire.id } });
  }
  return { id: wire.id, displayName: wire.profile.name, description: text(wire.profile.description) };
}

export function describeOktaReference(reference: GroupReference): string {
  return "id" in reference ? `group id ${reference.id}` : `group "${reference.displayName}"`;
}

/** The one group a name means (Okta's search matches case-insensitively; the name must match exactly), or an error listing what it matched. */
export function chooseOktaGroupByName(reference: { displayName: string }, candidates: readonly OktaGroupIdentity[]): OktaGroupIdentity {
  const matches = candidates.filter((g) => g.displayName === reference.displayName);
  if (matches.length === 1) return matches[0];
  const found = matches.map((m) => ({ id: m.id, displayName: m.displayName }));
  if (matches.length === 0) throw new OktaError("NOT_FOUND", `No Okta group is named "${reference.displayName}".`, { details: { reference, found } });
  throw new OktaError(
    "AMBIGUOUS",
    `${matches.length} Okta groups are named "${reference.displayName}" (${found.map((f) => f.id).join(", ")}); reference the intended one by id.`,
    {
      details: { reference, found },
    },
  );
}

/** A string literal in Okta's `search` expression language. */
export function searchString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Okta object ids: 20 characters, a 3-character type prefix (00g group, 00u user, 0oa app). */
export const OKTA_ID = /^[0-9A-Za-z]{20}$/;
