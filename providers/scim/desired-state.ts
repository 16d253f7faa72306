// The generic SCIM target's desired state: a user per Entra user in scope (the section's
// members and every role mapping's members), whose role is the one of the mapping with the
// lowest precedence among the groups the user is in, else the default role. Disabled Entra
// accounts stay, inactive, with their role. Role-locked users are declared with roleLocked so
// the provider keeps the role the application holds. With provisionGroups, each member source
// becomes a SCIM group of its in-scope transitive members.
import type { DirectoryUser } from "../../sources/snapshot";
import { assignIdentities, compareText, problem, ProblemCode, usersIn, type BuildContext, type MemberSource, type ResolvedSource } from "../../model/target-kit";
import type { DesiredScim, DesiredScimGroup, DesiredScimUser } from "./desired";
import type { ScimMappings } from "./mappings";

export function buildScim(scim: ScimMappings, { snapshot, resolver, protectedAccounts, problems, isCurrent }: BuildContext): DesiredScim {
  // A member past its `until` grants nothing: its users fall back to the next precedence, the default role, or out of scope.
  const resolve = (members: readonly MemberSource[]) => members.filter(isCurrent).map((member) => ({ member, source: resolver.resolve(member) }));
  const scope = resolve(scim.members);
  const roleSources = scim.roles.map((mapping) => ({ mapping, sources: resolve(mapping.members) }));

  // Mappings are sorted by precedence: the first role found for a user is the one it gets.
  const roleOf = new Map<string, string>();
  for (const { mapping, sources } of roleSources) {
    for (const { source } of sources) for (const id of source?.userIds ?? []) if (!roleOf.has(id)) roleOf.set(id, mapping.role);
  }
  const all = [...scope, ...roleSources.flatMap((r) => r.sources)];
  const candidates = usersIn(all.map((s) => s.source?.userIds ?? []), snapshot, protectedAccounts, true);
  const userNames = assignIdentities(
    candidates,
    {
      rule: scim.userName,
      what: "SCIM userName",
      missingCode: ProblemCode.USERNAME_MISSING,
      collisionCode: ProblemCode.USERNAME_COLLISION,
      sourcesOf: (id) => all.filter((s) => s.source?.userIds.includes(id)).map((s) => s.member.at),
    },
    problems,
  );

  const locked = roleLockMatcher(scim, candidates, userNames, problems);
  const users: DesiredScimUser[] = candidates
    .filter((u) => userNames.has(u.id))
    .map((u) => {
      const role = roleOf.get(u.id) ?? scim.defaultRole;
      const roleLocked = locked(u);
      return {
        externalId: u.id,
        userName: userNames.get(u.id)!,
        displayName: u.displayName || userNames.get(u.id)!,
        givenName: u.givenName,
        familyName: u.surname,
        email: u.mail,
        active: u.accountEnabled,
        roles: roleLocked || role === null ? [] : [role],
        roleLocked,
        roleAttribute: scim.roleAttribute,
        onRemove: scim.leavers,
        protected: protectedAccounts.isProtected(u.id),
      };
    });

  const managed = new Map([...userNames].filter(([id]) => !protectedAccounts.isProtected(id)));
  // A direct grant names a person, not a group: nothing to push for it.
  const groups = scim.provisionGroups ? groupsOf(all.filter((s) => s.member.kind !== "user").map((s) => s.source), managed, problems) : [];
  return { users, groups };
}

/** Whether a user is role-locked: an entry equal (without case) to its object id, UPN, mail or SCIM userName. */
function roleLockMatcher(scim: ScimMappings, users: readonly DirectoryUser[], userNames: Map<string, string>, problems: BuildContext["problems"]) {
  const wanted = new Map(scim.roleLock.map((l) => [l.value.toLowerCase(), l]));
  const used = new Set<string>();
  const lockedIds = new Set<string>();
  for (const user of users) {
    for (const key of [user.id, user.userPrincipalName, user.mail, userNames.get(user.id)]) {
      const k = key?.toLowerCase();
      if (k && wanted.has(k)) {
        lockedIds.add(user.id);
        used.add(k);
      }
    }
  }
  for (const [key, lock] of wanted) {
    if (!used.has(key)) problems.push(problem(ProblemCode.UNMATCHED_ACCOUNT, lock.at, `role-locked user "${lock.value}" is not in scope of the scim section: the lock has no effect`, { severity: "warning" }));
  }
  return (user: DirectoryUser) => lockedIds.has(user.id);
}

function groupsOf(sources: (ResolvedSource | null)[], userNames: Map<string, string>, problems: BuildContext["problems"]): DesiredScimGroup[] {
  const byId = new Map<string, ResolvedSource>();
  for (const s of sources) if (s && !byId.has(s.externalId)) byId.set(s.externalId, s);
  const byName = new Map<string, ResolvedSource>();
  const groups: DesiredScimGroup[] = [];
  for (const s of [...byId.values()].sort((a, b) => compareText(a.externalId, b.externalId))) {
    const first = byName.get(s.scimGroupName.toLowerCase());
    if (first) {
      problems.push(problem(ProblemCode.DUPLICATE_SCIM_GROUP_NAME, s.at, `SCIM group name "${s.scimGroupName}" is also used for another group (${first.externalId}): set scimGroupName`, { related: [first.at] }));
      continue;
    }
    byName.set(s.scimGroupName.toLowerCase(), s);
    const members = [...new Set(s.userIds.flatMap((id) => (userNames.has(id) ? [userNames.get(id)!] : [])))].sort();
    groups.push({ externalId: s.externalId, displayName: s.scimGroupName, members });
  }
  return groups;
}
