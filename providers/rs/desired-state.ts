// Remote Support's desired state: per group policy the SAML group names of its member groups
// (object id or display name, as the mappings say Entra's group claim sends them) and who they
// reach. No users: RS creates them at their first SAML login.
import { compareText, problem, ProblemCode, type BuildContext } from "../../model/target-kit";
import type { DesiredRs, DesiredRsGroupPolicy } from "./desired";
import { rsLimits } from "./facts";
import type { RsMappings } from "./mappings";

export function buildRs(rs: RsMappings, { snapshot, resolver, protectedAccounts, problems, isCurrent }: BuildContext): DesiredRs {
  const groupsById = new Map(snapshot.groups.map((g) => [g.id.toLowerCase(), g]));
  const reported = new Set<string>();
  const people: Record<string, string> = {};
  const groupPolicies: DesiredRsGroupPolicy[] = rs.groupPolicies.map((policy) => {
    const memberGroups = new Set<string>();
    const reaches = new Set<string>();
    for (const member of policy.members.filter(isCurrent)) {
      const source = resolver.resolve(member);
      if (!source) continue;
      const group = groupsById.get(source.externalId.toLowerCase());
      const where = `${member.at.file}:${member.at.line}`;
      if (!group) {
        if (!reported.has(where))
          problems.push(
            problem(
              ProblemCode.INVALID_VALUE,
              member.at,
              `this member is an application: Remote Support group policy members are SAML groups; name a directory group`,
            ),
          );
        reported.add(where);
        continue;
      }
      const samlName = samlGroupNameOf(group, rs);
      if (samlName.length > rsLimits.samlGroupName && !reported.has(where)) {
        reported.add(where);
        problems.push(
          problem(ProblemCode.NAME_TOO_LONG, member.at, `SAML group name "${samlName}" is longer than Remote Support's ${rsLimits.samlGroupName} characters`),
        );
      }
      memberGroups.add(samlName);
      for (const userId of source.userIds) {
        // A protected account's access is its own business, and a disabled account cannot sign
        // in: neither is counted by the removal safety.
        const user = snapshot.users[userId];
        if (protectedAccounts.isProtected(userId) || !user?.accountEnabled) continue;
        reaches.add(userId);
        people[userId] = user.userPrincipalName;
      }
    }
    return {
      name: policy.name,
      permissions: { ...policy.permissions },
      memberGroups: [...memberGroups].sort(compareText),
      jumpGroups: policy.jumpGroups.map((j) => ({ ...j })),
      reaches: [...reaches].sort(),
    };
  });
  return { securityProvider: rs.securityProvider ?? "", groupPolicies, people };
}

/** What the SAML assertion calls a directory group: its object id (Entra's default) or display name. */
export function samlGroupNameOf(group: { id: string; displayName: string }, rs: Pick<RsMappings, "samlGroupName">): string {
  return rs.samlGroupName === "displayName" ? group.displayName : group.id;
}
