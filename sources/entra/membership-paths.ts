// How one person is a member of the groups the mappings use: every chain of nested groups from
// a mapped group down to the person ("PRA Linux Admins → Platform SRE → alice"). The snapshot
// holds transitive members only (transitiveMembers carries no path), so explain asks Graph for
// exactly this person: one read of the groups they are in transitively, then the direct
// members of only those groups that lie on a path. That costs 2 + (groups on the paths)
// requests, whatever the size of the tenant; recording parent links for everyone in the
// program's read would cost a /members read per nested group on every run instead.
import type { TokenCredential } from "@azure/identity";
import { trustCaBundle } from "../../lib/ca-bundle";
import type { DirectoryUser } from "../snapshot";
import { createCredential } from "./credential";
import { toDirectoryUser, userSelect, type WireDirectoryObject } from "./directory-objects";
import { EntraError } from "./errors";
import { createGraphReader, type GraphReader } from "./graph-client";
import type { EntraSettings } from "./settings";

export interface GroupOnPath {
  id: string;
  displayName: string;
}

export interface MembershipPaths {
  /** The person, or null when the directory has no such user. */
  user: DirectoryUser | null;
  /**
   * Per requested group id (lower-cased) that holds the person: each chain of groups from that
   * group down to the group the person is a direct member of (a direct member: one group).
   */
  paths: Record<string, GroupOnPath[][]>;
  requests: number;
}

const PAGE_SIZE = 999;
const GROUP_TYPE = "#microsoft.graph.group";

/** `person` is an object id or a userPrincipalName. */
export async function readMembershipPaths(
  person: string,
  groupIds: readonly string[],
  settings: EntraSettings,
  options: { credential?: TokenCredential; userAttributes?: readonly string[] } = {},
): Promise<MembershipPaths> {
  if (settings.caBundle) trustCaBundle(settings.caBundle);
  const graph = createGraphReader({
    graphBaseUrl: settings.graphBaseUrl,
    credential: options.credential ?? createCredential(settings),
    renewCredential: options.credential ? undefined : () => createCredential(settings),
    secrets: [settings.clientSecret, settings.azurePipelines?.systemAccessToken, settings.githubActionsOidc?.requestToken],
  });
  const attributes = options.userAttributes ?? [];
  let user: DirectoryUser;
  try {
    const wire = await graph.get<WireDirectoryObject>(`/users/${encodeURIComponent(person)}?$select=${userSelect(attributes).join(",")}`);
    user = toDirectoryUser(wire, attributes, `user ${person}`);
  } catch (err) {
    if (err instanceof EntraError && err.code === "NOT_FOUND") return { user: null, paths: {}, requests: graph.requests };
    throw err;
  }
  const memberOf = new Map<string, GroupOnPath>();
  for await (const page of graph.pages<WireDirectoryObject>(`/users/${user.id}/transitiveMemberOf?$select=id,displayName&$top=${PAGE_SIZE}`)) {
    for (const o of page) {
      if (o["@odata.type"] === GROUP_TYPE && typeof o.id === "string")
        memberOf.set(o.id.toLowerCase(), { id: o.id, displayName: String((o.displayName as string | undefined) ?? o.id) });
    }
  }
  const walker = new PathWalker(graph, user.id, memberOf);
  const paths: Record<string, GroupOnPath[][]> = {};
  for (const id of [...new Set(groupIds.map((g) => g.toLowerCase()))].sort()) {
    if (memberOf.has(id)) paths[id] = await walker.pathsFrom(id, []);
  }
  return { user, paths, requests: graph.requests };
}

/** Walks down from a group through the direct members that also hold the person. */
class PathWalker {
  private readonly direct = new Map<string, Promise<{ user: boolean; groups: string[] }>>();

  constructor(
    private readonly graph: GraphReader,
    private readonly userId: string,
    private readonly memberOf: Map<string, GroupOnPath>,
  ) {}

  async pathsFrom(groupId: string, above: readonly string[]): Promise<GroupOnPath[][]> {
    const group = this.memberOf.get(groupId)!;
    const { user, groups } = await this.membersOf(groupId);
    const out: GroupOnPath[][] = user ? [[group]] : [];
    for (const nested of groups) {
      // Entra allows cycles of nested groups; a chain never visits a group twice.
      if (nested === groupId || above.includes(nested)) continue;
      for (const below of await this.pathsFrom(nested, [...above, groupId])) out.push([group, ...below]);
    }
    return out;
  }

  private membersOf(groupId: string): Promise<{ user: boolean; groups: string[] }> {
    let read = this.direct.get(groupId);
    if (!read) {
      read = (async () => {
        let user = false;
        const groups: string[] = [];
        for await (const page of this.graph.pages<WireDirectoryObject>(`/groups/${groupId}/members?$select=id&$top=${PAGE_SIZE}`)) {
          for (const o of page) {
            const id = typeof o.id === "string" ? o.id.toLowerCase() : "";
            if (id === this.userId.toLowerCase()) user = true;
            else if (o["@odata.type"] === GROUP_TYPE && this.memberOf.has(id)) groups.push(id);
          }
        }
        return { user, groups: groups.sort() };
      })();
      this.direct.set(groupId, read);
    }
    return read;
  }
}
