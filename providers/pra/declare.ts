// PRA's desired state → Pulumi resources. Nothing here decides anything: it only declares.
import type { CommonDesiredState } from "../../model";
import type { Declared } from "../target";
import type { DesiredPra } from "./desired";
import { batchesOf } from "../../lib/provider/batch";
import { PraGroupPolicy, groupPolicyInputsOf } from "./group-policy";
import { PraScimGroup, groupInputsOf } from "./scim-group";
import { PraScimUsers } from "./scim-user";

export function declarePra(pra: DesiredPra, { protectedUserNames }: CommonDesiredState): Declared {
  const byUserName = new Map(pra.users.map((u) => [u.userName, u]));
  const batchOfUser = new Map<string, PraScimUsers>();
  const userBatches = [...batchesOf(pra.users, (u) => u.externalId, "users")].map(([name, members]) => {
    const batch = new PraScimUsers(name, { members: Object.fromEntries(members) });
    for (const u of members.values()) batchOfUser.set(u.userName, batch);
    return batch;
  });
  const entraIdOf = (userName: string) => {
    const found = byUserName.get(userName);
    if (!found) throw new Error(`internal: group member ${userName} has no desired PRA user`);
    return found.externalId;
  };
  const groups = new Map(
    pra.groups.map((g) => {
      const dependsOn = [...new Set(g.members.map((m) => batchOfUser.get(m)!))];
      return [g.displayName, new PraScimGroup(g.externalId, groupInputsOf(g, entraIdOf, protectedUserNames), { dependsOn })];
    }),
  );
  const policies = pra.groupPolicies.map((p) => {
    const dependsOn = p.memberGroups.map((name) => groups.get(name)).filter((g): g is PraScimGroup => !!g);
    return new PraGroupPolicy(p.name, groupPolicyInputsOf(p), { dependsOn });
  });
  return {
    resources: [...userBatches, ...groups.values(), ...policies],
    counts: { praUsers: pra.users.length, praGroups: groups.size, praGroupPolicies: policies.length },
  };
}
