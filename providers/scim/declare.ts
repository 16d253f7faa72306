// The SCIM target's desired state → Pulumi resources. Nothing here decides anything: it only declares.
import type { CommonDesiredState } from "../../model";
import type { Declared } from "../target";
import type { DesiredScim } from "./desired";
import { batchesOf } from "../../lib/provider/batch";
import { ScimAppGroup, groupInputsOf } from "./group";
import { ScimAppUsers } from "./user";

export function declareScim(scim: DesiredScim, { protectedUserNames }: CommonDesiredState): Declared {
  const byUserName = new Map(scim.users.map((u) => [u.userName, u]));
  const batchOfUser = new Map<string, ScimAppUsers>();
  const userBatches = [...batchesOf(scim.users, (u) => u.externalId, "users")].map(([name, members]) => {
    const batch = new ScimAppUsers(name, { members: Object.fromEntries(members) });
    for (const u of members.values()) batchOfUser.set(u.userName, batch);
    return batch;
  });
  const entraIdOf = (userName: string) => {
    const found = byUserName.get(userName);
    if (!found) throw new Error(`internal: group member ${userName} has no desired SCIM user`);
    return found.externalId;
  };
  const groups = scim.groups.map((g) => new ScimAppGroup(g.externalId, groupInputsOf(g, entraIdOf, protectedUserNames), { dependsOn: [...new Set(g.members.map((m) => batchOfUser.get(m)!))] }));
  return { resources: [...userBatches, ...groups], counts: { scimUsers: scim.users.length, scimGroups: groups.length } };
}
