// Desired state → Pulumi resources. Nothing here decides anything: it only declares.
import type * as pulumi from "@pulumi/pulumi";
import type { DesiredState } from "../model";
import { PraScimUser } from "../providers/pra/scim-user";
import { PraScimGroup, groupInputsOf } from "../providers/pra/scim-group";
import { PraGroupPolicy, groupPolicyInputsOf } from "../providers/pra/group-policy";
import { PrivxScimUser } from "../providers/privx/scim-user";
import { PrivxHost } from "../providers/privx/host";

export interface Declared {
  resources: pulumi.Resource[];
  counts: Record<string, number>;
}

export function declarePra(pra: NonNullable<DesiredState["pra"]>, protectedAccounts: readonly string[]): Declared {
  const users = new Map(pra.users.map((u) => [u.userName, { desired: u, resource: new PraScimUser(u.externalId, u) }]));
  const entraIdOf = (userName: string) => {
    const found = users.get(userName);
    if (!found) throw new Error(`internal: group member ${userName} has no desired PRA user`);
    return found.desired.externalId;
  };
  const groups = new Map(
    pra.groups.map((g) => {
      const dependsOn = g.members.map((m) => users.get(m)!.resource);
      return [g.displayName, new PraScimGroup(g.externalId, groupInputsOf(g, entraIdOf, protectedAccounts), { dependsOn })];
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

export function declarePrivx(privx: NonNullable<DesiredState["privx"]>): Declared {
  const users = privx.users.map((u) => new PrivxScimUser(u.entraId, u));
  const hosts = privx.hosts.map(({ source: _source, ...h }) => new PrivxHost(h.externalId, h));
  return { resources: [...users, ...hosts], counts: { privxUsers: users.length, privxHosts: hosts.length } };
}
