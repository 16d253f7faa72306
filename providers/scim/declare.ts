// A SCIM target's desired state → Pulumi resources, for every SCIM product with its own resource
// classes (`<product>:Users` batches, `<product>:Group`). Nothing here decides anything: it only
// declares.
import type { CommonDesiredState } from "../../model";
import type { BatchInputs } from "../../lib/provider/batch";
import { declareBatches } from "../../lib/provider/registration-window";
import type { DynamicResourceClass } from "../../lib/provider/dynamic-resource";
import { groupInputsOf } from "../../lib/provider/scim-group-members";
import type { Declared } from "../target";
import type { DesiredScim } from "./desired";
import type { ScimGroupInputs } from "./group";
import type { ScimUserInputs } from "./user";

export interface ScimResourceClasses {
  Users: DynamicResourceClass<BatchInputs<ScimUserInputs>>;
  Group: DynamicResourceClass<ScimGroupInputs>;
}

export function scimDeclarer(name: string, classes: ScimResourceClasses) {
  return function declare(scim: DesiredScim, { protectedUserNames }: CommonDesiredState): Declared {
    const byUserName = new Map(scim.users.map((u) => [u.userName, u]));
    const userBatches = declareBatches(
      scim.users,
      (u) => u.externalId,
      "users",
      (batchName, members) => new classes.Users(batchName, { members }),
    );
    const entraIdOf = (userName: string) => {
      const found = byUserName.get(userName);
      if (!found) throw new Error(`internal: group member ${userName} has no desired ${name} user`);
      return found.externalId;
    };
    const groups = scim.groups.map(
      (g) =>
        new classes.Group(
          g.externalId,
          { ...groupInputsOf(g, entraIdOf, protectedUserNames), ...(g.description !== undefined ? { description: g.description } : {}) },
          {
            dependsOn: [...new Set(g.members.map((m) => userBatches.batchOf.get(byUserName.get(m)!)!))],
          },
        ),
    );
    return {
      resources: [...userBatches.resources, ...groups],
      declared: userBatches.declared,
      counts: { [`${name}Users`]: scim.users.length, [`${name}Groups`]: groups.length },
    };
  };
}
