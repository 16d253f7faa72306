// Reads what the mappings ask for from Entra ID into a DirectorySnapshot: groups by id or name,
// their transitive user members, and the users an enterprise application's role assignments
// grant. All or nothing: any failure rejects, and no partial snapshot ever leaves this module.
import type { TokenCredential } from "@azure/identity";
import { trustCaBundle } from "../../lib/ca-bundle";
import type {
  AppRoleAssignment,
  DirectorySnapshot,
  DirectoryUser,
  GroupReference,
  IgnoredMembers,
  ResolvedApplication,
  ResolvedGroup,
  SourceRequest,
} from "../snapshot";
import { createCredential } from "./credential";
import {
  chooseGroupByName,
  classifyMember,
  combineProblems,
  describeReference,
  emptyIgnored,
  odataString,
  toDirectoryUser,
  userSelect,
  type GroupIdentity,
  type WireDirectoryObject,
} from "./directory-objects";
import { EntraError } from "./errors";
import { createGraphReader, type GraphReader, type GraphRetryOptions } from "./graph-client";
import type { EntraSettings } from "./settings";
import { allOrFirstFailure, allResolved, WorkLimiter } from "./work-limiter";

export interface ReadDirectoryOptions {
  /** Graph reads in flight at once (default 4). */
  concurrency?: number;
  /** Use this credential instead of one built from the settings (it is then never renewed). */
  credential?: TokenCredential;
  /** RetryHandler settings for 429/503/504 (default: 3 retries, 3 s when no Retry-After). */
  retry?: GraphRetryOptions;
}

/** Graph's largest page for directory objects. */
const PAGE_SIZE = 999;
const DEFAULT_ACCESS_ROLE_ID = "00000000-0000-0000-0000-000000000000";
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface GroupMembers {
  userIds: string[];
  ignored: IgnoredMembers;
}

interface WireServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appRoles?: { id: string; value: string | null }[];
}

interface WireAppRoleAssignment {
  principalId: string;
  principalType: string;
  principalDisplayName: string | null;
  appRoleId: string;
}

export async function readDirectory(request: SourceRequest, settings: EntraSettings, options: ReadDirectoryOptions = {}): Promise<DirectorySnapshot> {
  if (settings.caBundle) trustCaBundle(settings.caBundle);
  validateRequest(request);
  const graph = createGraphReader({
    graphBaseUrl: settings.graphBaseUrl,
    credential: options.credential ?? createCredential(settings),
    renewCredential: options.credential ? undefined : () => createCredential(settings),
    retry: options.retry,
    secrets: [settings.clientSecret, settings.azurePipelines?.systemAccessToken, settings.githubActionsOidc?.requestToken],
  });
  return new DirectoryRead(graph, new WorkLimiter(options.concurrency ?? 4), userSelect(request.userAttributes), request.userAttributes).read(request);
}

function validateRequest(request: SourceRequest): void {
  const problems: EntraError[] = [];
  for (const reference of request.groups) {
    if ("id" in reference ? !guid.test(reference.id) : !reference.displayName?.trim()) {
      problems.push(
        new EntraError("VALIDATION", `Invalid ${describeReference(reference)}: expected a group object id (GUID) or a non-empty display name.`, {
          details: { reference },
        }),
      );
    }
  }
  for (const app of request.applications) {
    if (!guid.test(app.appId))
      problems.push(new EntraError("VALIDATION", `Invalid application id '${app.appId}': expected a GUID.`, { details: { appId: app.appId } }));
  }
  if (problems.length) throw combineProblems(problems);
}

/** One read: the caches that make each group and user cost one Graph read however often it is referenced. */
class DirectoryRead {
  private readonly users = new Map<string, DirectoryUser>();
  private readonly members = new Map<string, Promise<GroupMembers>>();
  private readonly userReads = new Map<string, Promise<void>>();
  /** Non-user objects seen anywhere, by id, so the totals count each object once. */
  private readonly ignoredObjects = new Map<string, keyof IgnoredMembers>();

  constructor(
    private readonly graph: GraphReader,
    private readonly limiter: WorkLimiter,
    private readonly select: string[],
    private readonly attributes: readonly string[],
  ) {}

  async read(request: SourceRequest): Promise<DirectorySnapshot> {
    const identities = await this.resolveGroups(request.groups);
    const groups = await allOrFirstFailure(
      this.limiter,
      request.groups.map(async (reference, i): Promise<ResolvedGroup> => {
        const { userIds, ignored } = await this.membersOf(identities[i]);
        return { reference, id: identities[i].id, displayName: identities[i].displayName, description: identities[i].description ?? null, userIds, ignored };
      }),
    );
    const applications = await allOrFirstFailure(
      this.limiter,
      request.applications.map((app) => this.readApplication(app.appId)),
    );
    const namedUsers = request.users?.length ? await this.readNamedUsers(request.users) : undefined;
    const ignored = emptyIgnored();
    for (const bucket of this.ignoredObjects.values()) ignored[bucket] += 1;
    const users: Record<string, DirectoryUser> = {};
    for (const id of [...this.users.keys()].sort()) users[id] = this.users.get(id)!;
    const otherAccounts = request.accounts ? await this.lookUpAccounts(request.accounts) : undefined;
    return {
      users,
      groups,
      applications,
      stats: { requests: this.graph.requests, ignored },
      ...(otherAccounts ? { otherAccounts } : {}),
      ...(namedUsers ? { namedUsers } : {}),
    };
  }

  /**
   * People granted access directly, read in full (GET /users/{id or UPN} with the mapped
   * attributes) unless a group or application already brought them; null for one the directory lacks.
   */
  private async readNamedUsers(named: readonly string[]): Promise<NonNullable<DirectorySnapshot["namedUsers"]>> {
    const known = new Map<string, string>();
    for (const user of this.users.values()) for (const v of [user.id, user.userPrincipalName]) known.set(v.normalize("NFKC").toLowerCase(), user.id);
    const found = await allOrFirstFailure(
      this.limiter,
      named.map((reference) =>
        this.limiter.run(async () => {
          const already = known.get(reference.normalize("NFKC").toLowerCase());
          if (already) return [reference, already] as const;
          try {
            const object = await this.graph.get<WireDirectoryObject>(`/users/${encodeURIComponent(reference)}?$select=${this.select.join(",")}`);
            const user = toDirectoryUser(object, this.attributes, `user ${reference}`);
            if (!this.users.has(user.id)) this.users.set(user.id, user);
            return [reference, user.id] as const;
          } catch (err) {
            if (err instanceof EntraError && err.code === "NOT_FOUND") return [reference, null] as const;
            throw err;
          }
        }),
      ),
    );
    return Object.fromEntries(found);
  }

  /** Accounts named directly that no mapped group or application reached: one GET /users/{id or UPN} each. */
  private async lookUpAccounts(accounts: readonly string[]): Promise<NonNullable<DirectorySnapshot["otherAccounts"]>> {
    const known = new Set<string>();
    for (const user of this.users.values()) for (const v of [user.id, user.userPrincipalName, user.mail]) if (v) known.add(v.normalize("NFKC").toLowerCase());
    const unknown = [...new Set(accounts.map((a) => a.normalize("NFKC")))].filter((a) => !known.has(a.toLowerCase()));
    const found = await allOrFirstFailure(
      this.limiter,
      unknown.map(async (account) => {
        try {
          const wire = await this.graph.get<{ id: string; userPrincipalName: string }>(`/users/${encodeURIComponent(account)}?$select=id,userPrincipalName`);
          return [account, { id: wire.id, userPrincipalName: wire.userPrincipalName }] as const;
        } catch (err) {
          if (err instanceof EntraError && err.code === "NOT_FOUND") return [account, null] as const;
          throw err;
        }
      }),
    );
    return Object.fromEntries(found);
  }

  /** Every reference resolved, or one error naming every reference that is not. */
  private async resolveGroups(references: readonly GroupReference[]): Promise<GroupIdentity[]> {
    const isReferenceProblem = (err: unknown): err is EntraError => err instanceof EntraError && (err.code === "NOT_FOUND" || err.code === "AMBIGUOUS");
    return allResolved(
      references.map((reference) => this.limiter.run(() => this.resolveGroup(reference))),
      isReferenceProblem,
      combineProblems,
    );
  }

  private async resolveGroup(reference: GroupReference): Promise<GroupIdentity> {
    if ("id" in reference) {
      try {
        return checkedGroup(await this.graph.get<WireDirectoryObject>(`/groups/${reference.id}?$select=id,displayName,description`));
      } catch (err) {
        if (err instanceof EntraError && err.code === "NOT_FOUND") {
          const { method, url, status, graphCode, requestId } = err;
          throw new EntraError("NOT_FOUND", `No Entra ID group has id ${reference.id}.`, {
            method,
            url,
            status,
            graphCode,
            requestId,
            details: { reference, found: [] },
          });
        }
        throw err;
      }
    }
    const filter = encodeURIComponent(`displayName eq ${odataString(reference.displayName)}`);
    const matches: GroupIdentity[] = [];
    for await (const page of this.graph.pages<WireDirectoryObject>(`/groups?$filter=${filter}&$select=id,displayName,description&$top=${PAGE_SIZE}`)) {
      matches.push(...page.map(checkedGroup));
    }
    return chooseGroupByName(reference, matches);
  }

  /** Transitive user members of a group, read once per group however often it is referenced. */
  private membersOf(group: GroupIdentity): Promise<GroupMembers> {
    const key = group.id.toLowerCase();
    let read = this.members.get(key);
    if (!read) {
      read = this.limiter.run(() => this.readTransitiveMembers(group));
      this.members.set(key, read);
    }
    return read;
  }

  private async readTransitiveMembers(group: GroupIdentity): Promise<GroupMembers> {
    const context = `group "${group.displayName}" (${group.id})`;
    const userIds = new Set<string>();
    const ignoredHere = new Map<string, keyof IgnoredMembers>();
    const path = `/groups/${group.id}/transitiveMembers?$select=${this.select.join(",")}&$top=${PAGE_SIZE}`;
    for await (const page of this.graph.pages<WireDirectoryObject>(path)) {
      for (const object of page) {
        const kind = classifyMember(object, context);
        if (kind.kind === "user") {
          const user = toDirectoryUser(object, this.attributes, context);
          userIds.add(user.id);
          if (!this.users.has(user.id)) this.users.set(user.id, user);
        } else if (kind.kind === "ignored") {
          ignoredHere.set(String(object.id), kind.bucket);
        }
      }
    }
    const ignored = emptyIgnored();
    for (const [id, bucket] of ignoredHere) {
      ignored[bucket] += 1;
      this.ignoredObjects.set(id, bucket);
    }
    return { userIds: [...userIds].sort(), ignored };
  }

  /** A user assigned directly to an application, read unless a group read already brought it. */
  private ensureUser(id: string): Promise<void> {
    const key = id.toLowerCase();
    let read = this.userReads.get(key);
    if (!read) {
      read = this.limiter.run(async () => {
        if (this.users.has(id)) return;
        const object = await this.graph.get<WireDirectoryObject>(`/users/${id}?$select=${this.select.join(",")}`);
        const user = toDirectoryUser(object, this.attributes, `user ${id}`);
        if (!this.users.has(user.id)) this.users.set(user.id, user);
      });
      this.userReads.set(key, read);
    }
    return read;
  }

  private async readApplication(appId: string): Promise<ResolvedApplication> {
    const sp = await this.limiter.run(() => this.findServicePrincipal(appId));
    const wire = await this.limiter.run(async () => {
      const all: WireAppRoleAssignment[] = [];
      for await (const page of this.graph.pages<WireAppRoleAssignment>(`/servicePrincipals/${sp.id}/appRoleAssignedTo?$top=${PAGE_SIZE}`)) all.push(...page);
      return all;
    });
    const roles = new Map((sp.appRoles ?? []).map((r) => [r.id.toLowerCase(), r.value ?? null]));
    const assignments = await Promise.all(
      wire.map(async (a): Promise<AppRoleAssignment | undefined> => {
        const appRoleValue = roleValue(a, roles, sp);
        if (a.principalType === "User") {
          await this.ensureUser(a.principalId);
          return {
            principalId: a.principalId,
            principalType: "User",
            principalDisplayName: a.principalDisplayName ?? null,
            appRoleId: a.appRoleId,
            appRoleValue,
            userIds: [a.principalId],
          };
        }
        if (a.principalType === "Group") {
          const { userIds } = await this.membersOf({ id: a.principalId, displayName: a.principalDisplayName ?? a.principalId });
          return {
            principalId: a.principalId,
            principalType: "Group",
            principalDisplayName: a.principalDisplayName ?? null,
            appRoleId: a.appRoleId,
            appRoleValue,
            userIds,
          };
        }
        // A service principal granted an app role is no person to provision.
        this.ignoredObjects.set(a.principalId, a.principalType === "ServicePrincipal" ? "servicePrincipals" : "other");
        return undefined;
      }),
    );
    return {
      appId: sp.appId,
      servicePrincipalId: sp.id,
      displayName: sp.displayName,
      assignments: assignments
        .filter((a): a is AppRoleAssignment => a !== undefined)
        .sort((x, y) => x.principalId.localeCompare(y.principalId) || x.appRoleId.localeCompare(y.appRoleId)),
    };
  }

  private async findServicePrincipal(appId: string): Promise<WireServicePrincipal> {
    const filter = encodeURIComponent(`appId eq ${odataString(appId)}`);
    const found: WireServicePrincipal[] = [];
    for await (const page of this.graph.pages<WireServicePrincipal>(`/servicePrincipals?$filter=${filter}&$select=id,appId,displayName,appRoles`))
      found.push(...page);
    if (found.length === 0) {
      throw new EntraError("NOT_FOUND", `No enterprise application (service principal) with appId ${appId} exists in the tenant.`, {
        details: { appId, found: [] },
      });
    }
    if (found.length > 1) {
      throw new EntraError("AMBIGUOUS", `${found.length} service principals have appId ${appId}.`, {
        details: { appId, found: found.map((f) => ({ id: f.id, displayName: f.displayName })) },
      });
    }
    return found[0];
  }
}

function checkedGroup(object: WireDirectoryObject): GroupIdentity {
  if (typeof object.id !== "string" || typeof object.displayName !== "string") {
    throw new EntraError("INCOMPLETE", "Graph returned a group without id or displayName.", { details: { objectId: object.id } });
  }
  return { id: object.id, displayName: object.displayName, description: typeof object.description === "string" ? object.description : null };
}

function roleValue(a: WireAppRoleAssignment, roles: Map<string, string | null>, sp: WireServicePrincipal): string | null {
  if (a.appRoleId === DEFAULT_ACCESS_ROLE_ID) return null;
  const value = roles.get(a.appRoleId.toLowerCase());
  if (value === undefined) {
    throw new EntraError("NOT_FOUND", `An assignment of ${sp.displayName} names app role ${a.appRoleId}, which the application does not define.`, {
      details: { appId: sp.appId, appRoleId: a.appRoleId, principalId: a.principalId },
    });
  }
  return value;
}
