// PRA's desired state: a SCIM user per user in a policy's member source, a SCIM group per
// member source, and the group policies naming those SCIM groups.
import type { DirectoryUser } from "../../sources/snapshot";
import {
  assignIdentities,
  compareText,
  problem,
  ProblemCode,
  usersIn,
  type BuildContext,
  type MappingProblem,
  type ResolvedSource,
} from "../../model/target-kit";
import type { DesiredPra, DesiredPraGroup, DesiredPraGroupPolicy, DesiredPraUser } from "./desired";
import { directGroupKey, directGroupName } from "./direct-groups";
import { praLimits } from "./facts";
import type { PraMappings } from "./mappings";

export function buildPra(pra: PraMappings, { snapshot, resolver, protectedAccounts, problems, isCurrent }: BuildContext): DesiredPra {
  // A temporary grant past its `until` grants nothing: its SCIM group leaves the policy.
  const resolved = pra.groupPolicies.map((policy) => ({
    policy,
    sources: policy.members.filter(isCurrent).map((m) => ({ member: m, source: resolver.resolve(m) })),
  }));
  const candidates = usersIn(
    resolved.flatMap((p) => p.sources.map((s) => s.source?.userIds ?? [])),
    snapshot,
    protectedAccounts,
    true,
  );
  const userNames = assignIdentities(
    candidates,
    {
      rule: pra.userName,
      what: "PRA username",
      missingCode: ProblemCode.USERNAME_MISSING,
      collisionCode: ProblemCode.USERNAME_COLLISION,
      sourcesOf: (userId) => resolved.flatMap((p) => p.sources.filter((s) => s.source && s.source.userIds.includes(userId)).map((s) => s.member.at)),
    },
    problems,
  );
  // A direct grant becomes the person's own SCIM group for that policy (none for a protected
  // account, which is never a group member, or for one without a username).
  const policySources = resolved.map(({ policy, sources: list }) => ({
    policy,
    sources: list.map((s) => (s.member.kind === "user" ? { member: s.member, source: directSource(policy.name, s.source, userNames, protectedAccounts) } : s)),
  }));
  const sources = uniqueSources(
    policySources.flatMap((p) => p.sources.map((s) => s.source)),
    problems,
  );

  // candidates are in object-id order, which is externalId order for PRA users.
  const users: DesiredPraUser[] = candidates
    .filter((u) => userNames.has(u.id))
    .map((u) => praUser(u, userNames.get(u.id) as string, pra, protectedAccounts.isProtected(u.id)));
  // Group members never include protected accounts: their memberships stay as PRA has them.
  const managedNames = new Map([...userNames].filter(([id]) => !protectedAccounts.isProtected(id)));

  const groups: DesiredPraGroup[] = sources
    .map((s) => ({
      externalId: s.externalId,
      displayName: s.scimGroupName,
      members: memberNames(s.userIds, managedNames),
    }))
    .sort((a, b) => compareText(a.externalId, b.externalId));

  const groupPolicies: DesiredPraGroupPolicy[] = policySources.map(({ policy, sources: resolved }) => ({
    name: policy.name,
    permissions: { ...policy.permissions },
    memberGroups: [...new Set(resolved.flatMap((s) => (s.source ? [s.source.scimGroupName] : [])))].sort(compareText),
    jumpGroups: policy.jumpGroups.map((j) => ({ ...j })),
    ...(policy.unmanagedMembers === "remove" ? { unmanagedMembers: "remove" as const } : {}),
  }));
  groupPolicies.sort((a, b) => compareText(a.name, b.name));

  return { users, groups, groupPolicies };
}

function directSource(
  policyName: string,
  person: ResolvedSource | null,
  userNames: Map<string, string>,
  protectedAccounts: BuildContext["protectedAccounts"],
): ResolvedSource | null {
  const userId = person?.userIds[0];
  const userName = userId === undefined ? undefined : userNames.get(userId);
  if (!person || userId === undefined || userName === undefined || protectedAccounts.isProtected(userId)) return null;
  return { externalId: directGroupKey(policyName, userId), scimGroupName: directGroupName(policyName, userName), userIds: [userId], at: person.at };
}

/**
 * Usernames of the listed users that have one, in code-unit order (native sort). Usernames are
 * unique: users whose names collide get none.
 */
function memberNames(userIds: readonly string[], userNames: Map<string, string>): string[] {
  const names: string[] = [];
  for (const id of userIds) {
    const name = userNames.get(id);
    if (name !== undefined) names.push(name);
  }
  names.sort();
  // A user listed twice (possible in a merged application source) appears once.
  return names.filter((name, i) => i === 0 || name !== names[i - 1]);
}

function praUser(user: DirectoryUser, userName: string, pra: PraMappings, isProtected: boolean): DesiredPraUser {
  return {
    externalId: user.id,
    userName,
    displayName: user.displayName || userName,
    givenName: user.givenName,
    familyName: user.surname,
    email: user.mail,
    active: user.accountEnabled,
    onRemove: pra.leavers,
    protected: isProtected,
  };
}

/**
 * One SCIM group per Entra group / application role. Two aliases for the same group must agree
 * on its name, and two groups may not share a name (a policy names its members by group name).
 */
function uniqueSources(all: (ResolvedSource | null)[], problems: MappingProblem[]): ResolvedSource[] {
  const byId = new Map<string, ResolvedSource>();
  const ordered = all
    .filter((s): s is ResolvedSource => s !== null)
    .sort((a, b) => compareText(a.externalId, b.externalId) || compareText(a.at.file, b.at.file) || a.at.line - b.at.line);
  for (const s of ordered) {
    const first = byId.get(s.externalId);
    if (!first) byId.set(s.externalId, s);
    else if (first.scimGroupName !== s.scimGroupName && first.at !== s.at) {
      problems.push(
        problem(
          ProblemCode.DUPLICATE_SCIM_GROUP_NAME,
          s.at,
          `this alias names the same directory group as another alias but as SCIM group "${s.scimGroupName}" instead of "${first.scimGroupName}"`,
          { related: [first.at] },
        ),
      );
    }
  }
  const unique = [...byId.values()];
  const byName = new Map<string, ResolvedSource>();
  for (const s of unique) {
    if (s.scimGroupName.length > praLimits.scimGroupName) {
      problems.push(
        problem(
          ProblemCode.SCIM_GROUP_NAME_TOO_LONG,
          s.at,
          `SCIM group name "${s.scimGroupName}" is longer than ${praLimits.scimGroupName} characters: set scimGroupName`,
        ),
      );
    }
    const key = s.scimGroupName.toLowerCase();
    const first = byName.get(key);
    if (!first) byName.set(key, s);
    else
      problems.push(
        problem(
          ProblemCode.DUPLICATE_SCIM_GROUP_NAME,
          s.at,
          `SCIM group name "${s.scimGroupName}" is also used for another group (${first.externalId}): set scimGroupName`,
          { related: [first.at] },
        ),
      );
  }
  return unique;
}
