// What every SCIM group resource shares, whichever product holds the group: its inputs (members
// as userName → Entra object id, so a diff reads "+ alice"), how protected members are
// recognised and kept out of view, and how the product's member list reads back.
import type { ScimGroup, ScimUser } from "../scim";
import type { RemoteIndex } from "./remote-index";

export interface ScimGroupMemberInputs {
  externalId: string;
  displayName: string;
  /** userName → Entra object id. */
  members: Record<string, string>;
  /**
   * Protected accounts (lowercase userNames, mail addresses, object ids): whether the product
   * lists them as members is left as it is, and they are not shown among `members`.
   */
  protectedAccounts: string[];
}

export function groupInputsOf(
  group: { externalId: string; displayName: string; members: readonly string[] },
  entraIdOf: (userName: string) => string,
  protectedAccounts: readonly string[],
): ScimGroupMemberInputs {
  return {
    externalId: group.externalId,
    displayName: group.displayName,
    members: Object.fromEntries(group.members.map((userName) => [userName, entraIdOf(userName)])),
    protectedAccounts: [...protectedAccounts],
  };
}

export function isProtectedUser(user: ScimUser, protectedAccounts: readonly string[]): boolean {
  const keys = [user.userName, user.externalId, ...(Array.isArray(user.emails) ? user.emails : []).map((e) => e.value)];
  return keys.some((k) => typeof k === "string" && k.length > 0 && protectedAccounts.includes(k.toLowerCase()));
}

const EXTERNAL_ID = (u: ScimUser) => u.externalId;

/**
 * The product's ids for a group's desired members (userName → Entra object id), looked up by
 * externalId in the users index, in member order; `missing` names those the product has no user for.
 */
export async function desiredMemberIds(users: RemoteIndex<ScimUser>, members: Record<string, string>): Promise<{ ids: string[]; missing: string[] }> {
  const found = await Promise.all(
    Object.entries(members).map(async ([userName, entraId]) => [userName, (await users.where(EXTERNAL_ID, entraId))[0]?.id] as const),
  );
  return { ids: found.map(([, id]) => id).filter((id): id is string => !!id), missing: found.filter(([, id]) => !id).map(([userName]) => userName) };
}

/** The SCIM ids a group lists as members. */
export function memberIdsOf(group: ScimGroup | undefined): string[] {
  return (Array.isArray(group?.members) ? group.members : []).map((m) => m.value).filter((v): v is string => typeof v === "string");
}

/** Members as the resource shows them; a member the index does not know stays visible as `unknown <what> <id>`. */
export function membersOf(
  group: ScimGroup,
  users: ReadonlyMap<string, ScimUser>,
  protectedAccounts: readonly string[],
  unknownLabel: string,
): Record<string, string> {
  const members: Record<string, string> = {};
  for (const id of memberIdsOf(group)) {
    const user = users.get(id);
    if (user && isProtectedUser(user, protectedAccounts)) continue;
    if (user) members[user.userName] = user.externalId ?? "";
    else members[`${unknownLabel} ${id}`] = "";
  }
  return Object.fromEntries(Object.entries(members).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
