// PrivX's desired state: a SCIM user per user in a role's member source, whose `groups` are the
// role names, and the host inventory as written.
import { assignIdentities, compareText, ProblemCode, sortedByKey, usersIn, type BuildContext } from "../../model/target-kit";
import type { DesiredPrivx, DesiredPrivxUser } from "./desired";
import type { PrivxMappings } from "./mappings";

export function buildPrivx(privx: PrivxMappings, { snapshot, resolver, protectedAccounts, problems, isCurrent }: BuildContext): DesiredPrivx {
  // A temporary grant past its `until` grants nothing: its members lose the role.
  const roleSources = privx.roles.map((role) => ({
    role,
    sources: role.members.filter(isCurrent).map((m) => ({ member: m, source: resolver.resolve(m) })),
  }));
  // Roles are visited one at a time, so a repeat of the same role for a user is always the last entry.
  const rolesOf = new Map<string, string[]>();
  for (const { role, sources } of roleSources) {
    for (const { source } of sources) {
      for (const id of source?.userIds ?? []) {
        const roles = rolesOf.get(id);
        if (!roles) rolesOf.set(id, [role.name]);
        else if (roles[roles.length - 1] !== role.name) roles.push(role.name);
      }
    }
  }
  const candidates = usersIn([[...rolesOf.keys()]], snapshot, protectedAccounts, true);
  const sourcesOf = (userId: string) =>
    roleSources.flatMap((r) => r.sources.filter((s) => s.source && s.source.userIds.includes(userId)).map((s) => s.member.at));
  const userNames = assignIdentities(
    candidates,
    { rule: privx.userName, what: "PrivX username", missingCode: ProblemCode.USERNAME_MISSING, collisionCode: ProblemCode.USERNAME_COLLISION, sourcesOf },
    problems,
  );
  const externalIds = assignIdentities(
    candidates,
    {
      rule: privx.externalId,
      what: "PrivX externalId",
      missingCode: ProblemCode.USERNAME_MISSING,
      collisionCode: ProblemCode.EXTERNAL_ID_COLLISION,
      sourcesOf,
    },
    problems,
  );

  const users: DesiredPrivxUser[] = [];
  for (const user of candidates) {
    const userName = userNames.get(user.id);
    const externalId = externalIds.get(user.id);
    if (userName === undefined || externalId === undefined) continue;
    users.push({
      externalId,
      userName,
      displayName: user.displayName || userName,
      mail: user.mail,
      groups: (rolesOf.get(user.id) ?? []).sort(),
      entraId: user.id,
      active: user.accountEnabled,
      onRemove: privx.leavers,
      protected: protectedAccounts.isProtected(user.id),
    });
  }

  const hosts = privx.hosts
    .map((h) => ({
      ...h,
      tags: [...h.tags],
      sshHostPublicKeys: [...h.sshHostPublicKeys],
      services: h.services.map((s) => ({ ...s })),
      directoryRoles: [...h.directoryRoles],
      sharedAccounts: h.sharedAccounts.map((a) => ({ account: a.account, roles: [...a.roles] })),
      source: { ...h.source },
    }))
    .sort((a, b) => compareText(a.externalId, b.externalId));
  return { users: sortedByKey(users, (u) => u.externalId), hosts };
}
