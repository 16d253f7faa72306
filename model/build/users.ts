// The directory users behind a set of member sources.
import type { DirectorySnapshot, DirectoryUser } from "../../sources/snapshot";
import { compareText } from "../problems";
import type { ProtectedAccounts } from "./protected-accounts";

/** Users in any of the lists, known to the snapshot and not protected, sorted by object id. */
export function usersIn(idLists: readonly (readonly string[])[], snapshot: DirectorySnapshot, protectedAccounts: ProtectedAccounts): DirectoryUser[] {
  const ids = new Set<string>();
  for (const list of idLists) for (const id of list) ids.add(id);
  const users: DirectoryUser[] = [];
  for (const id of ids) {
    const user = Object.prototype.hasOwnProperty.call(snapshot.users, id) ? snapshot.users[id] : undefined;
    if (user && !protectedAccounts.isProtected(id)) users.push(user);
  }
  return users.sort((a, b) => compareText(a.id, b.id));
}
