// A SCIM target's desired state: a user per Entra user in scope (the section's members and
// every role mapping's members), whose role is the one of the mapping with the lowest
// precedence among the groups the user is in, else the default role. Disabled Entra accounts
// stay, inactive, with their role. Role-locked users are declared with roleLocked so the
// provider keeps the role the application holds. With provisionGroups, each member source
// becomes a SCIM group of its in-scope transitive members. What a product requires on create
// (names, mail, a role, a group description, fixed extension attributes) is filled in here, so
// reviewers see it in the preview.
import type { DirectorySnapshot, DirectoryUser } from "../../sources/snapshot";
import {
  assignIdentities,
  compareText,
  nearestHint,
  problem,
  ProblemCode,
  usersIn,
  type BuildContext,
  type MemberSource,
  type ResolvedSource,
} from "../../model/target-kit";
import type { DesiredScim, DesiredScimGroup, DesiredScimUser } from "./desired";
import type { ScimMappings } from "./mappings";
import type { ScimProduct } from "./product";

/** Names for a product that requires both parts: Entra's, else from the display name, else the UPN's local part. */
export function requiredNames(user: DirectoryUser): { givenName: string; familyName: string } {
  const words = (user.displayName ?? "").trim().split(/\s+/).filter(Boolean);
  const local = user.userPrincipalName.split("@")[0];
  const givenName = user.givenName || words[0] || local;
  const familyName = user.surname || (words.length > 1 ? words.slice(1).join(" ") : givenName);
  return { givenName, familyName };
}

export function scimBuilderFor(product: Pick<ScimProduct, "name" | "title" | "model">) {
  const extras = product.model ?? {};
  const requires = extras.requires ?? {};
  return function buildScim(scim: ScimMappings, { snapshot, resolver, protectedAccounts, problems, isCurrent }: BuildContext): DesiredScim {
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
    const candidates = usersIn(
      all.map((s) => s.source?.userIds ?? []),
      snapshot,
      protectedAccounts,
      true,
    );
    const userNames = assignIdentities(
      candidates,
      {
        rule: scim.userName,
        what: `${product.title} userName`,
        missingCode: ProblemCode.USERNAME_MISSING,
        collisionCode: ProblemCode.USERNAME_COLLISION,
        sourcesOf: (id) => all.filter((s) => s.source?.userIds.includes(id)).map((s) => s.member.at),
      },
      problems,
    );

    const locked = roleLockMatcher(product.name, scim, candidates, userNames, snapshot, problems);
    const roleless: string[] = [];
    const users: DesiredScimUser[] = candidates
      .filter((u) => userNames.has(u.id))
      .map((u) => {
        const role = roleOf.get(u.id) ?? scim.defaultRole;
        const roleLocked = locked(u);
        const isProtected = protectedAccounts.isProtected(u.id);
        if (requires.role && role === null && !isProtected) roleless.push(userNames.get(u.id)!);
        const names = requires.names ? requiredNames(u) : { givenName: u.givenName, familyName: u.surname };
        const attributes = extras.userAttributes?.(u, scim.settings);
        return {
          externalId: u.id,
          userName: userNames.get(u.id)!,
          displayName: u.displayName || userNames.get(u.id)!,
          givenName: names.givenName,
          familyName: names.familyName,
          email: u.mail ?? (requires.email ? u.userPrincipalName : null),
          active: u.accountEnabled,
          // A locked user's role is the application's; a product that requires a role on create gets the mapped one then.
          roles: role === null || (roleLocked && !requires.role) ? [] : [role],
          roleLocked,
          roleAttribute: scim.roleAttribute,
          onRemove: scim.leavers,
          protected: isProtected,
          ...(attributes ? { attributes } : {}),
        };
      });
    if (roleless.length) {
      problems.push(
        problem(
          ProblemCode.ROLE_MISSING,
          scim.at,
          `${product.title} requires a role on every user, and ${roleless.length} would get none (${roleless.slice(0, 5).join(", ")}${roleless.length > 5 ? ", …" : ""}): set ${product.name}.defaultRole or map their groups to a role`,
        ),
      );
    }

    const managed = new Map([...userNames].filter(([id]) => !protectedAccounts.isProtected(id)));
    // A direct grant names a person, not a group: nothing to push for it.
    const groups = scim.provisionGroups
      ? groupsOf(
          all.filter((s) => s.member.kind !== "user").map((s) => s.source),
          managed,
          problems,
          extras.groupDescriptions === true,
        )
      : [];
    return { users, groups };
  };
}

/**
 * Whether a user is role-locked: an entry equal (without case) to its object id, UPN, mail or SCIM
 * userName. An entry for a person outside the section's scope has no effect (a warning); one that
 * names nobody in the directory is a misspelling that would let the run overwrite the role it
 * should keep: an error, with the nearest names, unless allowUnmatchedRoleLocks.
 */
function roleLockMatcher(
  section: string,
  scim: ScimMappings,
  users: readonly DirectoryUser[],
  userNames: Map<string, string>,
  snapshot: DirectorySnapshot,
  problems: BuildContext["problems"],
) {
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
  const known = directoryNames(snapshot);
  for (const [key, lock] of wanted) {
    if (used.has(key)) continue;
    if (known.has(key.normalize("NFKC"))) {
      problems.push(
        problem(ProblemCode.UNMATCHED_ACCOUNT, lock.at, `role-locked user "${lock.value}" is not in scope of the ${section} section: the lock has no effect`, {
          severity: "warning",
        }),
      );
      continue;
    }
    const hint = nearestHint(
      key,
      [...users.flatMap((u) => [u.userPrincipalName, u.mail ?? ""]), ...userNames.values()].filter(Boolean).map((n) => n.toLowerCase()),
      "among the section's users",
    );
    problems.push(
      problem(
        ProblemCode.ROLE_LOCK_UNKNOWN,
        lock.at,
        `role-locked user "${lock.value}" matches no account in the directory (by object id, userPrincipalName, mail or ${section} userName)${hint}. A typo here lets the run overwrite the role the lock should keep: fix the entry${scim.allowUnmatchedRoleLocks ? "" : `, or set ${section}.allowUnmatchedRoleLocks: true to keep it as a warning`}`,
        { severity: scim.allowUnmatchedRoleLocks ? "warning" : "error" },
      ),
    );
  }
  return (user: DirectoryUser) => lockedIds.has(user.id);
}

/** Every name the directory read knows an account by, lower-cased: its users' ids, UPNs and mail, and the accounts looked up by name. */
function directoryNames(snapshot: DirectorySnapshot): Set<string> {
  const names = new Set<string>();
  for (const id in snapshot.users) {
    const user = snapshot.users[id];
    for (const v of [user.id, user.userPrincipalName, user.mail]) if (v) names.add(v.normalize("NFKC").toLowerCase());
  }
  for (const [name, found] of Object.entries(snapshot.otherAccounts ?? {})) if (found) names.add(name.normalize("NFKC").toLowerCase());
  return names;
}

function groupsOf(
  sources: (ResolvedSource | null)[],
  userNames: Map<string, string>,
  problems: BuildContext["problems"],
  withDescription: boolean,
): DesiredScimGroup[] {
  const byId = new Map<string, ResolvedSource>();
  for (const s of sources) if (s && !byId.has(s.externalId)) byId.set(s.externalId, s);
  const byName = new Map<string, ResolvedSource>();
  const groups: DesiredScimGroup[] = [];
  for (const s of [...byId.values()].sort((a, b) => compareText(a.externalId, b.externalId))) {
    const first = byName.get(s.scimGroupName.toLowerCase());
    if (first) {
      problems.push(
        problem(
          ProblemCode.DUPLICATE_SCIM_GROUP_NAME,
          s.at,
          `SCIM group name "${s.scimGroupName}" is also used for another group (${first.externalId}): set scimGroupName`,
          { related: [first.at] },
        ),
      );
      continue;
    }
    byName.set(s.scimGroupName.toLowerCase(), s);
    const members = [...new Set(s.userIds.flatMap((id) => (userNames.has(id) ? [userNames.get(id)!] : [])))].sort();
    // The mapping's description, else Entra's, else the group's name: never empty.
    const description = withDescription ? { description: s.description?.trim() || s.scimGroupName } : {};
    groups.push({ externalId: s.externalId, displayName: s.scimGroupName, ...description, members });
  }
  return groups;
}
