// PRA's desired state → Pulumi resources. Nothing here decides anything: it only declares.
import type { CommonDesiredState } from "../../model";
import type { Declared } from "../target";
import type { DesiredPra } from "./desired";
import { declareBatches } from "../../lib/provider/registration-window";
import { PraGroupPolicy, groupPolicyInputsOf } from "./group-policy";
import { PraScimGroup, groupInputsOf } from "./scim-group";
import { PraScimUsers } from "./scim-user";

export function declarePra(pra: DesiredPra, { protectedUserNames }: CommonDesiredState): Declared {
  const byUserName = new Map(pra.users.map((u) => [u.userName, u]));
  const userBatches = declareBatches(
    pra.users,
    (u) => u.externalId,
    "users",
    (name, members) => new PraScimUsers(name, { members }),
  );
  const entraIdOf = (userName: string) => {
    const found = byUserName.get(userName);
    if (!found) throw new Error(`internal: group member ${userName} has no desired PRA user`);
    return found.externalId;
  };
  const groups = new Map(
    pra.groups.map((g) => {
      // After every user batch, not only its members' ones: a group's write provisions its
      // members in PRA, which finds them by a listing of users read once, when the first group
      // is written (see provision.ts); one written while users are still being created would
      // look each later user up by name. The state records only the batches it really needs.
      const dependsOn = userBatches.registered.then(() => Promise.all(new Set(g.members.map((m) => userBatches.batchOf.get(byUserName.get(m)!)!))));
      return [g.displayName, new PraScimGroup(g.externalId, groupInputsOf(g, entraIdOf, protectedUserNames), { dependsOn })];
    }),
  );
  const policies = pra.groupPolicies.map((p) => {
    const dependsOn = p.memberGroups.map((name) => groups.get(name)).filter((g): g is PraScimGroup => !!g);
    return new PraGroupPolicy(p.name, groupPolicyInputsOf(p), { dependsOn });
  });
  return {
    resources: [...userBatches.resources, ...groups.values(), ...policies],
    declared: userBatches.declared,
    counts: { praUsers: pra.users.length, praGroups: groups.size, praGroupPolicies: policies.length },
  };
}
