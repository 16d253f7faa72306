// pra:ScimGroup — one PRA SCIM group per mapped Entra group (or app role), which group
// policies name as members. The lifecycle is the one every SCIM group shares
// (lib/provider/scim-group.ts: members as userName → Entra object id, protected members kept,
// adoption); PRA adds the length of a name group policies can name, and provisions the users
// whose membership a write changed, so PRA applies it.
import type * as pulumi from "@pulumi/pulumi";
import { ProviderError } from "../../lib/provider/errors";
import type { ProcessContext } from "../../lib/provider/process-context";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { scimGroupLifecycle, scimGroupOutputsOf, type ScimGroupKind, type ScimGroupOutputs } from "../../lib/provider/scim-group";
import type { ScimGroup } from "../../lib/scim";
import type { ScimGroupMemberInputs } from "../../lib/provider/scim-group-members";
import { praProcess, type PraContext } from "./context";
import { praLimits } from "./facts";
import { provisionScimUsers } from "./provision";

export { groupInputsOf } from "../../lib/provider/scim-group-members";

export type PraScimGroupInputs = ScimGroupMemberInputs;
export type PraScimGroupOutputs = ScimGroupOutputs;

const PRA_GROUPS: ScimGroupKind<PraContext> = {
  target: "PRA",
  store: (context) => ({ users: context.scimUsers, groups: context.scimGroups, client: async () => context.scim }),
  requiresDescription: false,
  check: (news) =>
    news.displayName && news.displayName.length > praLimits.scimGroupName
      ? [{ property: "displayName", reason: `PRA group policy members name SCIM groups with at most ${praLimits.scimGroupName} characters` }]
      : [],
  unknownMemberLabel: "unknown SCIM user",
  missingMembers: (inputs, missing) =>
    new ProviderError({
      code: "PRECONDITION",
      target: "PRA",
      object: `SCIM group "${inputs.displayName}"`,
      detail: `no PRA user for ${missing.join(", ")}`,
      remedy: "Their pra:ScimUser resources must be created first (declare the group to depend on them)",
    }),
  membershipChanged: (context, userIds) => provisionScimUsers(context, userIds),
};

/** A PRA SCIM group's outputs from what PRA holds (a preview's survey reads adopted groups so). */
export function outputsOf(context: PraContext, group: ScimGroup, protectedAccounts: readonly string[]): Promise<PraScimGroupOutputs> {
  return scimGroupOutputsOf(PRA_GROUPS.store(context), group, protectedAccounts, false, PRA_GROUPS.unknownMemberLabel);
}

/** The pra:ScimGroup provider over a provider process's context: the real process's (below), or a test's own. */
export function praScimGroupProviderFor(processContext: ProcessContext<PraContext>) {
  return scimGroupLifecycle(processContext, PRA_GROUPS);
}

export const praScimGroupProvider = praScimGroupProviderFor(praProcess);

export class PraScimGroup extends dynamicResource<PraScimGroupInputs, PraScimGroupOutputs>({
  provider: () => praScimGroupProvider,
  module: "pra",
  type: "ScimGroup",
  outputs: ["scimId"],
}) {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
}
