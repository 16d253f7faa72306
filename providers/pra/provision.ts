// PRA applies membership and permission changes made through its APIs only after a provision
// call. SCIM group membership changes are provisioned per affected user.
import { TOP_LEVEL, userEndpoint } from "./api";
import type { PraContext } from "./context";

/** Configuration API user ids for SCIM users; users created in this run are looked up by name. */
async function configUserIds(context: PraContext, userNames: readonly string[]): Promise<number[]> {
  const { scimProvider, scimProviderUsers } = await context.lookups();
  const ids: number[] = [];
  for (const name of userNames) {
    let user = scimProviderUsers.get(name.toLowerCase());
    if (!user) {
      for await (const found of context.api().list(userEndpoint, TOP_LEVEL, { security_provider_id: scimProvider.id, username: name })) {
        if (found.username.toLowerCase() === name.toLowerCase()) user = found;
      }
      if (user) scimProviderUsers.set(name.toLowerCase(), user);
    }
    if (user) ids.push(user.id);
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Provisions the PRA users behind these SCIM user ids (users PRA does not list yet are skipped). */
export async function provisionScimUsers(context: PraContext, scimUserIds: readonly string[]): Promise<void> {
  if (scimUserIds.length === 0) return;
  const usersById = await context.scimUsers.byId();
  const names = scimUserIds.map((id) => usersById.get(id)?.userName).filter((n): n is string => !!n);
  const ids = await configUserIds(context, names);
  // An empty list would mean "provision everyone": send nothing instead.
  if (ids.length > 0) await context.api().provisionUsers(ids);
}
