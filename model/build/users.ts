// The directory users behind a set of member sources.
import type { DirectorySnapshot, DirectoryUser } from "../../sources/snapshot";
import type { ProtectedAccounts } from "../target-part";

/**
 * Users in any of the lists and known to the snapshot, sorted by object id. Protected accounts
 * are left out unless `includeProtected`: targets then declare them as hands-off resources.
 */
export function usersIn(
  idLists: readonly (readonly string[])[],
  snapshot: DirectorySnapshot,
  protectedAccounts: ProtectedAccounts,
  includeProtected = false,
): DirectoryUser[] {
  const unique = new Set<string>();
  for (const list of idLists) for (const id of list) unique.add(id);
  // The default sort compares UTF-16 code units, the same order as compareText, and is native.
  const ids = [...unique].sort();
  const users: DirectoryUser[] = [];
  for (const id of ids) {
    const user = Object.prototype.hasOwnProperty.call(snapshot.users, id) ? snapshot.users[id] : undefined;
    if (user && (includeProtected || !protectedAccounts.isProtected(id))) users.push(user);
  }
  return users;
}
