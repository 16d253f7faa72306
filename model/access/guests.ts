// Guest (external, invited B2B) accounts: userType Guest, or #EXT# in the UPN when the read did
// not carry userType.
import type { DirectoryUser } from "../../sources/snapshot";

export function isGuest(user: Pick<DirectoryUser, "userPrincipalName" | "userType">): boolean {
  return user.userType?.toLowerCase() === "guest" || user.userPrincipalName.toUpperCase().includes("#EXT#");
}
