// The SCIM target's desired state → Pulumi resources. Nothing here decides anything: it only declares.
import type { CommonDesiredState } from "../../model";
import type { Declared } from "../target";
import type { DesiredScim } from "./desired";
import { ScimAppGroup, groupInputsOf } from "./group";
import { ScimAppUser } from "./user";

export function declareScim(scim: DesiredScim, { protectedUserNames }: CommonDesiredState): Declared {
  const users = new Map(scim.users.map((u) => [u.userName, { desired: u, resource: new ScimAppUser(u.externalId, u) }]));
  const entraIdOf = (userName: string) => {
    const found = users.get(userName);
    if (!found) throw new Error(`internal: group member ${userName} has no desired SCIM user`);
    return found.desired.externalId;
  };
  const groups = scim.groups.map((g) => new ScimAppGroup(g.externalId, groupInputsOf(g, entraIdOf, protectedUserNames), { dependsOn: g.members.map((m) => users.get(m)!.resource) }));
  return { resources: [...[...users.values()].map((u) => u.resource), ...groups], counts: { scimUsers: users.size, scimGroups: groups.length } };
}
