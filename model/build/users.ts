// The directory users behind a set of member sources.
import type { DirectorySnapshot, DirectoryUser } from "../../sources/snapshot";
import type { ProtectedAccounts } from "./protected-accounts";

/** Users in any of the lists, known to the snapshot and not protected, sorted by object id. */
export function usersIn(idLists: readonly (readonly string[])[], snapshot: DirectorySnapshot, protectedAccounts: ProtectedAccounts): DirectoryUser[] {
  const unique = new Set<string>();
  for (const list of idLists) for (const id of list) unique.add(id);
  // The default sort compares UTF-16 code units, the same order as compareText, and is native.
  const ids = [...unique].sort();
  const users: DirectoryUser[] = [];
  for (const id of ids) {
    const user = Object.prototype.hasOwnProperty.call(snapshot.users, id) ? snapshot.users[id] : undefined;
    if (user && !protectedAccounts.isProtected(id)) users.push(user);
  }
  return users;
}
