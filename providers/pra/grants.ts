// Who holds what in PRA through the mappings: per person the group policies, their SCIM
// groups, permissions and jump groups, each with the member source that grants it. For
// explain and guardrails; the desired state itself is built in desired-state.ts.
import { accountOf, eachHolder, type GrantContext, type Grant, type TargetGrants, type TargetAccount } from "../../model/target-kit";
import type { DesiredPra } from "./desired";
import { directGroupKey } from "./direct-groups";
import type { PraMappings } from "./mappings";

/** Grant kinds guardrails may name as `pra:<kind>:<name>`. */
export const praGrantKinds = ["groupPolicy", "scimGroup", "permission", "jumpGroup"] as const;

/** The field that says whether a policy's permissions are final (lower policies cannot override them). */
const STATUS_FIELD = "access_perm_status";

export function praGrants(pra: PraMappings, desired: DesiredPra, context: GrantContext): TargetGrants {
  const declared = new Map(desired.users.map((u) => [u.externalId, u]));
  const groupNames = new Map(desired.groups.map((g) => [g.externalId, g.displayName]));
  const grants: Grant[] = [];
  const current = new Map<string, boolean>();
  for (const policy of pra.groupPolicies) {
    const final = policy.permissions[STATUS_FIELD] === "final";
    const rule = { kind: "group policy", name: policy.name, at: policy.at };
    eachHolder(policy.members, context, current, (userId, member, expired, source) => {
      const base = { userId, rule, member, expired };
      grants.push({ ...base, key: `pra:groupPolicy:${policy.name}`, kind: "group policy", name: policy.name });
      // A direct grant's SCIM group is the person's own for this policy (none when the person gets no group).
      const group = member.kind === "user" ? groupNames.get(directGroupKey(policy.name, userId)) : source.scimGroupName;
      if (group !== undefined) grants.push({ ...base, key: `pra:scimGroup:${group}`, kind: "SCIM group", name: group });
      for (const [field, value] of Object.entries(policy.permissions)) {
        if (field !== STATUS_FIELD) grants.push({ ...base, key: `pra:permission:${field}`, kind: "permission", name: field, value, final });
      }
      for (const j of policy.jumpGroups) {
        const detail = [
          j.jumpItemRole ? `jump item role ${j.jumpItemRole}` : "the user's default jump item role",
          j.jumpPolicy ? `jump policy ${j.jumpPolicy}` : null,
        ]
          .filter(Boolean)
          .join(", ");
        grants.push({ ...base, key: `pra:jumpGroup:${j.jumpGroup}`, kind: "jump group", name: j.jumpGroup, detail });
      }
    });
  }
  const accounts = new Map<string, TargetAccount>();
  for (const [userId, isCurrent] of current) {
    const d = declared.get(userId);
    accounts.set(
      userId,
      accountOf(
        context.snapshot.users[userId],
        d && { name: d.userName, active: d.active, protected: d.protected },
        [{ rule: pra.userName, what: "PRA username" }],
        isCurrent,
      ),
    );
  }
  return { grants, accounts };
}
