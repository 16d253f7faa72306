// How one person is a member of the groups the mappings use, for explain. Okta groups do not
// nest: a person is in a group directly or not at all, so every path is that one group. Costs two
// requests: the person, and the groups they are in.
import { trustCaBundle } from "../../lib/ca-bundle";
import type { MembershipPaths } from "../entra/membership-paths";
import { OktaError } from "./errors";
import { createOktaReader, type OktaClientOptions } from "./okta-client";
import { toDirectoryUser, toGroupIdentity, type WireOktaGroup, type WireOktaUser } from "./okta-objects";
import type { OktaSettings } from "./settings";

/** What explain prints where Entra shows a nesting path. */
export const OKTA_FLAT_GROUPS_NOTE = "direct member: Okta groups do not nest";

/** `person` is an Okta user id or a login. */
export async function readOktaMembershipPaths(
  person: string,
  groupIds: readonly string[],
  settings: OktaSettings,
  options: OktaClientOptions & { userAttributes?: readonly string[] } = {},
): Promise<MembershipPaths> {
  if (settings.caBundle) trustCaBundle(settings.caBundle);
  const okta = createOktaReader(settings, options);
  let wire: WireOktaUser;
  try {
    wire = await okta.get<WireOktaUser>(`/api/v1/users/${encodeURIComponent(person)}`);
  } catch (err) {
    if (err instanceof OktaError && err.code === "NOT_FOUND") return { user: null, paths: {}, requests: okta.requests };
    throw err;
  }
  const user = toDirectoryUser(wire, settings.usernameAttribute, options.userAttributes ?? [], `user ${person}`);
  const wanted = new Set(groupIds.map((g) => g.toLowerCase()));
  const paths: MembershipPaths["paths"] = {};
  for await (const page of okta.pages<WireOktaGroup>(`/api/v1/users/${encodeURIComponent(user.id)}/groups`)) {
    for (const group of page.map(toGroupIdentity)) {
      if (wanted.has(group.id.toLowerCase())) paths[group.id.toLowerCase()] = [[{ id: group.id, displayName: group.displayName }]];
    }
  }
  return { user, paths, requests: okta.requests };
}
