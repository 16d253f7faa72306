// PRA's desired state → Pulumi resources. Nothing here decides anything: it only declares.
import type { CommonDesiredState } from "../../model";
import type { Declared } from "../target";
import type { DesiredPra } from "./desired";
import { PraGroupPolicy, groupPolicyInputsOf } from "./group-policy";
import { PraScimGroup, groupInputsOf } from "./scim-group";
import { PraScimUser } from "./scim-user";

export function declarePra(pra: DesiredPra, { protectedUserNames }: CommonDesiredState): Declared {
  const users = new Map(pra.users.map((u) => [u.userName, { desired: u, resource: new PraScimUser(u.externalId, u) }]));
  const entraIdOf = (userName: string) => {
    const found = users.get(userName);
    if (!found) throw new Error(`internal: group member ${userName} has no desired PRA user`);
    return found.desired.externalId;
  };
  const groups = new Map(
    pra.groups.map((g) => {
      const dependsOn = g.members.map((m) => users.get(m)!.resource);
      return [g.displayName, new PraScimGroup(g.externalId, groupInputsOf(g, entraIdOf, protectedUserNames), { dependsOn })];
    }),
  );
  const policies = pra.groupPolicies.map((p) => {
    const dependsOn = p.memberGroups.map((name) => groups.get(name)).filter((g): g is PraScimGroup => !!g);
    return new PraGroupPolicy(p.name, groupPolicyInputsOf(p), { dependsOn });
  });
  return {
    resources: [...[...users.values()].map((u) => u.resource), ...groups.values(), ...policies],
    counts: { praUsers: users.size, praGroups: groups.size, praGroupPolicies: policies.length },
  };
}
