// What a preview's survey asks of the one adoption rule (adoption-rules.ts), through the same
// indexed look-ups the SCIM account and group lifecycles' creates use: the object a create would
// take over, or undefined when it would create one (or the relink policy refuses it, which the
// preflight reports).
import type { ScimGroup, ScimUser } from "../scim";
import type { RelinkPolicy } from "./adoption-rules";
import type { RemoteIndex } from "./remote-index";
import { scimAccountAdoption } from "./scim-account";
import { scimGroupAdoption } from "./scim-group";

export async function adoptableScimUser(
  users: RemoteIndex<ScimUser>,
  wanted: { externalId: string; userName: string },
  relinkPolicy: RelinkPolicy,
): Promise<ScimUser | undefined> {
  const adoption = await scimAccountAdoption({ users, relinkPolicy }, wanted);
  return adoption.how === "none" || adoption.how === "refused" ? undefined : adoption.existing;
}

export async function adoptableScimGroup(groups: RemoteIndex<ScimGroup>, wanted: { externalId: string; displayName: string }): Promise<ScimGroup | undefined> {
  const adoption = await scimGroupAdoption(groups, wanted);
  return adoption.how === "none" ? undefined : adoption.existing;
}
