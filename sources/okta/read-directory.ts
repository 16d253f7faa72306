// Reads what the mappings ask for from Okta into the same DirectorySnapshot the Entra source
// builds: groups by id or name with their members, and the users an application's assignments
// (direct and through groups) reach. Okta groups do not nest, so a group's users are its members.
// All or nothing: any failure rejects, and no partial snapshot ever leaves this module.
import { trustCaBundle } from "../../lib/ca-bundle";
import type { AppRoleAssignment, DirectorySnapshot, DirectoryUser, GroupReference, ResolvedApplication, ResolvedGroup, SourceRequest } from "../snapshot";
import { emptyIgnored } from "../entra/directory-objects";
import { allOrFirstFailure, allResolved, WorkLimiter } from "../entra/work-limiter";
import { combineOktaProblems, OktaError } from "./errors";
import { createOktaReader, type OktaClientOptions, type OktaReader } from "./okta-client";
import {
  chooseOktaGroupByName,
  describeOktaReference,
  OKTA_ID,
  searchString,
  toDirectoryUser,
  toGroupIdentity,
  type OktaGroupIdentity,
  type WireOktaGroup,
  type WireOktaUser,
} from "./okta-objects";
import type { OktaSettings } from "./settings";

export interface ReadOktaOptions extends OktaClientOptions {
  /** Okta reads in flight at once (default 4; Okta also limits concurrent requests per org). */
  concurrency?: number;
}

/** Okta's recommended page size for group members (the largest is 1000) and app users (at most 500). */
const MEMBERS_PAGE = 200;
const APP_USERS_PAGE = 200;
/** The snapshot's role id for an assignment without an app role: Okta assignments carry none. */
const DEFAULT_ACCESS_ROLE_ID = "00000000-0000-0000-0000-000000000000";

interface WireApp {
  id?: unknown;
  label?: unknown;
}

interface WireAppUser {
  id?: unknown;
  /** USER: assigned directly; GROUP: through a group assignment (listed by /groups). */
  scope?: unknown;
}

interface WireAppGroup {
  id?: unknown;
}

export async function readOktaDirectory(request: SourceRequest, settings: OktaSettings, options: ReadOktaOptions = {}): Promise<DirectorySnapshot> {
  if (settings.caBundle) trustCaBundle(settings.caBundle);
  validateRequest(request);
  const okta = createOktaReader(settings, options);
  return new OktaRead(okta, new WorkLimiter(options.concurrency ?? 4), settings.usernameAttribute, request.userAttributes).read(request);
}

function validateRequest(request: SourceRequest): void {
  const problems: OktaError[] = [];
  for (const reference of request.groups) {
    if ("id" in reference ? !OKTA_ID.test(reference.id) : !reference.displayName?.trim()) {
      problems.push(
        new OktaError("VALIDATION", `Invalid ${describeOktaReference(reference)}: expected an Okta group id (00g…, 20 characters) or a non-empty name.`, {
          details: { reference },
        }),
      );
    }
  }
  for (const app of request.applications) {
    if (!OKTA_ID.test(app.appId))
      problems.push(
        new OktaError("VALIDATION", `Invalid application id '${app.appId}': expected an Okta app id (0oa…, 20 characters).`, { details: { appId: app.appId } }),
      );
  }
  if (problems.length) throw combineOktaProblems(problems);
}

class OktaRead {
  private readonly users = new Map<string, DirectoryUser>();
  private readonly members = new Map<string, Promise<string[]>>();
  private readonly groupReads = new Map<string, Promise<OktaGroupIdentity>>();
  private readonly userReads = new Map<string, Promise<void>>();

  constructor(
    private readonly okta: OktaReader,
    private readonly limiter: WorkLimiter,
    private readonly usernameAttribute: string,
    private readonly attributes: readonly string[],
  ) {}

  async read(request: SourceRequest): Promise<DirectorySnapshot> {
    const identities = await this.resolveGroups(request.groups);
    const groups = await allOrFirstFailure(
      this.limiter,
      request.groups.map(async (reference, i): Promise<ResolvedGroup> => {
        const group = identities[i];
        return {
          reference,
          id: group.id,
          displayName: group.displayName,
          description: group.description,
          userIds: await this.membersOf(group),
          ignored: emptyIgnored(),
        };
      }),
    );
    const applications = await allOrFirstFailure(
      this.limiter,
      request.applications.map((app) => this.readApplication(app.appId)),
    );
    const namedUsers = request.users?.length ? await this.readNamedUsers(request.users) : undefined;
    const users: Record<string, DirectoryUser> = {};
    for (const id of [...this.users.keys()].sort()) users[id] = this.users.get(id)!;
    const otherAccounts = request.accounts ? await this.lookUpAccounts(request.accounts) : undefined;
    return {
      users,
      groups,
      applications,
      stats: { requests: this.okta.requests, ignored: emptyIgnored() },
      ...(otherAccounts ? { otherAccounts } : {}),
      ...(namedUsers ? { namedUsers } : {}),
    };
  }

  private async resolveGroups(references: readonly GroupReference[]): Promise<OktaGroupIdentity[]> {
    const isReferenceProblem = (err: unknown): err is OktaError => err instanceof OktaError && (err.code === "NOT_FOUND" || err.code === "AMBIGUOUS");
    return allResolved(
      references.map((reference) => this.limiter.run(() => this.resolveGroup(reference))),
      isReferenceProblem,
      combineOktaProblems,
    );
  }

  private async resolveGroup(reference: GroupReference): Promise<OktaGroupIdentity> {
    if ("id" in reference) {
      try {
        return await this.groupById(reference.id);
      } catch (err) {
        if (err instanceof OktaError && err.code === "NOT_FOUND") {
          throw new OktaError("NOT_FOUND", `No Okta group has id ${reference.id}.`, {
            method: err.method,
            url: err.url,
            status: err.status,
            details: { reference, found: [] },
          });
        }
        throw err;
      }
    }
    // `search` matches the name exactly (case-insensitively); `q` would match it as a prefix.
    const candidates: OktaGroupIdentity[] = [];
    for await (const page of this.okta.pages<WireOktaGroup>("/api/v1/groups", {
      search: `profile.name eq ${searchString(reference.displayName)}`,
      limit: MEMBERS_PAGE,
    })) {
      candidates.push(...page.map(toGroupIdentity));
    }
    return chooseOktaGroupByName(reference, candidates);
  }

  private groupById(id: string): Promise<OktaGroupIdentity> {
    let read = this.groupReads.get(id);
    if (!read) {
      read = this.okta.get<WireOktaGroup>(`/api/v1/groups/${encodeURIComponent(id)}`).then(toGroupIdentity);
      this.groupReads.set(id, read);
    }
    return read;
  }

  /** A group's members (Okta groups are flat), read once per group however often it is referenced. */
  private membersOf(group: OktaGroupIdentity): Promise<string[]> {
    let read = this.members.get(group.id);
    if (!read) {
      read = this.limiter.run(async () => {
        const context = `group "${group.displayName}" (${group.id})`;
        const ids = new Set<string>();
        for await (const page of this.okta.pages<WireOktaUser>(`/api/v1/groups/${encodeURIComponent(group.id)}/users`, { limit: MEMBERS_PAGE })) {
          for (const wire of page) this.keep(toDirectoryUser(wire, this.usernameAttribute, this.attributes, context), ids);
        }
        return [...ids].sort();
      });
      this.members.set(group.id, read);
    }
    return read;
  }

  private keep(user: DirectoryUser, ids?: Set<string>): void {
    ids?.add(user.id);
    if (!this.users.has(user.id)) this.users.set(user.id, user);
  }

  /** A user assigned directly to an application, read unless a group read already brought it. */
  private ensureUser(id: string): Promise<void> {
    let read = this.userReads.get(id);
    if (!read) {
      read = this.limiter.run(async () => {
        if (this.users.has(id)) return;
        this.keep(
          toDirectoryUser(await this.okta.get<WireOktaUser>(`/api/v1/users/${encodeURIComponent(id)}`), this.usernameAttribute, this.attributes, `user ${id}`),
        );
      });
      this.userReads.set(id, read);
    }
    return read;
  }

  /** The application scope: users assigned directly (scope USER) and the groups assigned to it. */
  private async readApplication(appId: string): Promise<ResolvedApplication> {
    let app: WireApp;
    try {
      app = await this.limiter.run(() => this.okta.get<WireApp>(`/api/v1/apps/${encodeURIComponent(appId)}`));
    } catch (err) {
      if (err instanceof OktaError && err.code === "NOT_FOUND")
        throw new OktaError("NOT_FOUND", `No Okta application has id ${appId}.`, { details: { appId, found: [] } });
      throw err;
    }
    const label = typeof app.label === "string" ? app.label : appId;
    const [appUsers, appGroups] = await Promise.all([
      this.limiter.run(() => this.collect<WireAppUser>(`/api/v1/apps/${encodeURIComponent(appId)}/users`, APP_USERS_PAGE)),
      this.limiter.run(() => this.collect<WireAppGroup>(`/api/v1/apps/${encodeURIComponent(appId)}/groups`, APP_USERS_PAGE)),
    ]);
    const direct = appUsers.filter((u) => u.scope === "USER");
    for (const u of appUsers)
      if (typeof u.id !== "string" || (u.scope !== "USER" && u.scope !== "GROUP"))
        throw new OktaError("INCOMPLETE", `Okta listed an assignment of application ${label} without a user id or scope.`, { details: { appId } });
    for (const g of appGroups)
      if (typeof g.id !== "string")
        throw new OktaError("INCOMPLETE", `Okta listed a group assignment of application ${label} without a group id.`, { details: { appId } });
    const assignments: AppRoleAssignment[] = await Promise.all([
      ...direct.map(async (u): Promise<AppRoleAssignment> => {
        const id = u.id as string;
        await this.ensureUser(id);
        return {
          principalId: id,
          principalType: "User",
          principalDisplayName: this.users.get(id)?.displayName ?? null,
          appRoleId: DEFAULT_ACCESS_ROLE_ID,
          appRoleValue: null,
          userIds: [id],
        };
      }),
      ...appGroups.map(async (g): Promise<AppRoleAssignment> => {
        const group = await this.limiter.run(() => this.groupById(g.id as string));
        return {
          principalId: group.id,
          principalType: "Group",
          principalDisplayName: group.displayName,
          appRoleId: DEFAULT_ACCESS_ROLE_ID,
          appRoleValue: null,
          userIds: await this.membersOf(group),
        };
      }),
    ]);
    return {
      appId,
      servicePrincipalId: appId,
      displayName: label,
      assignments: assignments.sort((x, y) => x.principalId.localeCompare(y.principalId)),
    };
  }

  private async collect<T>(path: string, limit: number): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.okta.pages<T>(path, { limit })) all.push(...page);
    return all;
  }

  /** One user by id or login (GET /api/v1/users/{id or login}); null when Okta has none. */
  private async lookUp(reference: string): Promise<DirectoryUser | null> {
    try {
      return toDirectoryUser(
        await this.okta.get<WireOktaUser>(`/api/v1/users/${encodeURIComponent(reference)}`),
        this.usernameAttribute,
        this.attributes,
        `user ${reference}`,
      );
    } catch (err) {
      if (err instanceof OktaError && err.code === "NOT_FOUND") return null;
      throw err;
    }
  }

  private knownIds(): Map<string, string> {
    const known = new Map<string, string>();
    for (const user of this.users.values())
      for (const v of [user.id, user.userPrincipalName, user.mail]) if (v) known.set(v.normalize("NFKC").toLowerCase(), user.id);
    return known;
  }

  private async readNamedUsers(named: readonly string[]): Promise<NonNullable<DirectorySnapshot["namedUsers"]>> {
    const known = this.knownIds();
    const found = await allOrFirstFailure(
      this.limiter,
      named.map((reference) =>
        this.limiter.run(async () => {
          const already = known.get(reference.normalize("NFKC").toLowerCase());
          if (already) return [reference, already] as const;
          const user = await this.lookUp(reference);
          if (user) this.keep(user);
          return [reference, user?.id ?? null] as const;
        }),
      ),
    );
    return Object.fromEntries(found);
  }

  private async lookUpAccounts(accounts: readonly string[]): Promise<NonNullable<DirectorySnapshot["otherAccounts"]>> {
    const known = this.knownIds();
    const unknown = [...new Set(accounts.map((a) => a.normalize("NFKC")))].filter((a) => !known.has(a.toLowerCase()));
    const found = await allOrFirstFailure(
      this.limiter,
      unknown.map((account) =>
        this.limiter.run(async () => {
          const user = await this.lookUp(account);
          return [account, user ? { id: user.id, userPrincipalName: user.userPrincipalName } : null] as const;
        }),
      ),
    );
    return Object.fromEntries(found);
  }
}
