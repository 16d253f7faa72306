// Member sources (group aliases, application assignments) resolved against a directory snapshot:
// who is in each, and the SCIM group that stands for it in PRA.
import type { DirectorySnapshot, DirectoryUser, GroupReference, ResolvedApplication, ResolvedGroup } from "../../sources/snapshot";
import type { ApplicationAlias, CommonMappings, GroupAlias, MemberSource } from "../mapping-model";
import { problem, ProblemCode, type MappingProblem, type SourcePosition } from "../problems";

export interface ResolvedSource {
  /** SCIM externalId of the group standing for this source: the Entra group id, appId, or appId/role. */
  externalId: string;
  /** The SCIM group's displayName: the alias's override or a name taken from Entra. */
  scimGroupName: string;
  /** The mapping's description, else the Entra group's; null for none (and for applications). */
  description?: string | null;
  userIds: readonly string[];
  /** Where the alias is defined. */
  at: SourcePosition;
}

export const sourceKey = (m: MemberSource): string =>
  m.kind === "user" ? `u:${userKey(m.user)}` : m.kind === "group" ? `g:${m.alias}` : m.role === null ? `a:${m.alias}` : `a:${m.alias}/${m.role}`;
/** How a direct grant's person is compared: NFKC, without case (as SourceRequest.users names them). */
const userKey = (reference: string) => reference.normalize("NFKC").toLowerCase();

export class SourceResolver {
  private readonly groups: Map<string, GroupAlias>;
  private readonly applications: Map<string, ApplicationAlias>;
  private readonly groupsById = new Map<string, ResolvedGroup>();
  private readonly groupsByName = new Map<string, ResolvedGroup[]>();
  private readonly applicationsById = new Map<string, ResolvedApplication>();
  private readonly cache = new Map<string, ResolvedSource | null>();
  private usersByName: Map<string, DirectoryUser> | null = null;
  readonly problems: MappingProblem[] = [];

  constructor(
    model: CommonMappings,
    private readonly snapshot: DirectorySnapshot,
  ) {
    this.groups = new Map(model.groups.map((g) => [g.alias, g]));
    this.applications = new Map(model.applications.map((a) => [a.alias, a]));
    for (const g of snapshot.groups) {
      this.groupsById.set(g.id.toLowerCase(), g);
      if ("displayName" in g.reference) {
        const same = this.groupsByName.get(g.reference.displayName) ?? [];
        if (!same.some((x) => x.id === g.id)) same.push(g);
        this.groupsByName.set(g.reference.displayName, same);
      }
    }
    for (const a of snapshot.applications) this.applicationsById.set(a.appId.toLowerCase(), a);
  }

  /** The resolved source, or null (with a problem recorded once) when the directory lacks it. */
  resolve(member: MemberSource): ResolvedSource | null {
    const key = sourceKey(member);
    if (!this.cache.has(key)) {
      this.cache.set(
        key,
        member.kind === "user" ? this.resolveUser(member) : member.kind === "group" ? this.resolveGroup(member) : this.resolveApplication(member),
      );
    }
    return this.cache.get(key) ?? null;
  }

  /** The person of a direct grant, by object id or userPrincipalName: a source of one user. */
  private resolveUser(member: Extract<MemberSource, { kind: "user" }>): ResolvedSource | null {
    const key = userKey(member.user);
    const named = this.snapshot.namedUsers?.[key];
    let user = named ? this.snapshot.users[named] : undefined;
    if (!user && named !== null) {
      this.usersByName ??= new Map(
        Object.values(this.snapshot.users).flatMap((u) => [[userKey(u.id), u] as const, [userKey(u.userPrincipalName), u] as const]),
      );
      user = this.usersByName.get(key);
    }
    if (!user) {
      this.problems.push(
        problem(
          ProblemCode.USER_NOT_IN_DIRECTORY,
          member.at,
          `the directory has no user "${member.user}" (by userPrincipalName or object id): a direct grant must name an existing person`,
        ),
      );
      return null;
    }
    return { externalId: user.id, scimGroupName: user.userPrincipalName, userIds: [user.id], at: member.at };
  }

  private resolveGroup(member: Extract<MemberSource, { kind: "group" }>): ResolvedSource | null {
    const alias = this.groups.get(member.alias);
    if (!alias) {
      const app = this.applications.get(member.alias);
      if (app) return this.resolveApplication({ kind: "application", alias: member.alias, role: null, at: member.at });
      this.problems.push(problem(ProblemCode.UNDEFINED_ALIAS, member.at, `"${member.alias}" is not defined under groups or applications`));
      return null;
    }
    const found = this.findGroups(alias.reference);
    if (found.length === 0) {
      this.problems.push(problem(ProblemCode.GROUP_NOT_IN_SNAPSHOT, alias.at, `the directory has no group ${describe(alias.reference)}`));
      return null;
    }
    if (found.length > 1) {
      this.problems.push(
        problem(
          ProblemCode.AMBIGUOUS_GROUP,
          alias.at,
          `${found.length} groups are named ${describe(alias.reference)} (ids ${found.map((g) => g.id).join(", ")}): refer to one by id`,
        ),
      );
      return null;
    }
    const group = found[0];
    return {
      externalId: group.id,
      scimGroupName: alias.scimGroupName ?? group.displayName,
      description: alias.description ?? group.description ?? null,
      userIds: group.userIds,
      at: alias.at,
    };
  }

  private findGroups(reference: GroupReference): ResolvedGroup[] {
    if ("id" in reference) {
      const g = this.groupsById.get(reference.id.toLowerCase());
      return g ? [g] : [];
    }
    return this.groupsByName.get(reference.displayName) ?? [];
  }

  private resolveApplication(member: Exclude<MemberSource, { kind: "user" }>): ResolvedSource | null {
    const alias = this.applications.get(member.alias);
    const role = member.kind === "application" ? member.role : null;
    if (!alias) {
      this.problems.push(problem(ProblemCode.UNDEFINED_ALIAS, member.at, `"${member.alias}" is not defined under applications`));
      return null;
    }
    const app = this.applicationsById.get(alias.appId.toLowerCase());
    if (!app) {
      this.problems.push(problem(ProblemCode.APPLICATION_NOT_IN_SNAPSHOT, alias.at, `the directory has no application with appId ${alias.appId}`));
      return null;
    }
    const assignments = app.assignments.filter((a) => role === null || a.appRoleValue === role);
    const userIds = [...new Set(assignments.flatMap((a) => a.userIds))];
    if (role === null) {
      return { externalId: alias.appId, scimGroupName: alias.scimGroupName ?? app.displayName, userIds, at: alias.at };
    }
    const roleAlias = alias.roles?.[role];
    return {
      externalId: `${alias.appId}/${role}`,
      scimGroupName: roleAlias?.scimGroupName ?? `${app.displayName} - ${role}`,
      userIds,
      at: roleAlias?.at ?? alias.at,
    };
  }
}

function describe(reference: GroupReference): string {
  return "id" in reference ? `with id ${reference.id}` : `"${reference.displayName}"`;
}
