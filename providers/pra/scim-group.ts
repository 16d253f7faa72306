// pra:ScimGroup — one PRA SCIM group per mapped Entra group (or app role), which group
// policies name as members. Members are a map userName → Entra object id, so a diff reads
// "+ alice@contoso.com"; on the wire they are the SCIM ids of the users with that externalId.
import * as pulumi from "@pulumi/pulumi";
import { SCHEMA, type ScimGroup } from "../../lib/scim";
import { diffSets } from "../../lib/diff-sets";
import { findAdoptable, type AdoptionRule } from "../../lib/provider/adopt";
import { diffResult } from "../../lib/provider/diff";
import { ProviderError } from "../../lib/provider/errors";
import type { ProcessContext } from "../../lib/provider/process-context";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { praProcess, type PraContext } from "./context";
import { praLimits } from "./facts";
import { provisionScimUsers } from "./provision";
import { desiredMemberIds, isProtectedUser, memberIdsOf, membersOf, type ScimGroupMemberInputs } from "../../lib/provider/scim-group-members";

export { groupInputsOf } from "../../lib/provider/scim-group-members";

export type PraScimGroupInputs = ScimGroupMemberInputs;
export interface PraScimGroupOutputs extends PraScimGroupInputs {
  scimId: string;
}

const COMPARED = ["externalId", "displayName", "members"] as const;


/** SCIM ids for the desired members; a member whose PRA user does not exist yet is an error. */
async function memberIds(context: PraContext, inputs: PraScimGroupInputs): Promise<string[]> {
  const { ids, missing } = await desiredMemberIds(context.scimUsers, inputs.members);
  if (missing.length) {
    throw new ProviderError({
      code: "PRECONDITION",
      target: "PRA",
      object: `SCIM group "${inputs.displayName}"`,
      detail: `no PRA user for ${missing.join(", ")}`,
      remedy: "Their pra:ScimUser resources must be created first (declare the group to depend on them)",
    });
  }
  return ids.sort();
}

/** The group to write: the desired members plus the protected members PRA already lists. */
async function toScimGroup(context: PraContext, inputs: PraScimGroupInputs, previous: ScimGroup | undefined): Promise<ScimGroup> {
  const users = await context.scimUsers.byId();
  const keptProtected = (previous?.members ?? []).map((m) => m.value).filter((id) => {
    const user = users.get(id);
    return user !== undefined && isProtectedUser(user, inputs.protectedAccounts);
  });
  return {
    schemas: [SCHEMA.group],
    ...(previous?.id ? { id: previous.id } : {}),
    externalId: inputs.externalId,
    displayName: inputs.displayName,
    members: [...new Set([...(await memberIds(context, inputs)), ...keptProtected])].sort().map((value) => ({ value })),
  };
}

export async function outputsOf(context: PraContext, group: ScimGroup, protectedAccounts: readonly string[]): Promise<PraScimGroupOutputs> {
  return {
    scimId: group.id!,
    externalId: group.externalId ?? "",
    displayName: group.displayName,
    members: membersOf(group, await context.scimUsers.byId(), protectedAccounts, "unknown SCIM user"),
    protectedAccounts: [...protectedAccounts],
  };
}

/** Writes the group and provisions the users whose membership changed, so PRA applies it. */
async function save(context: PraContext, inputs: PraScimGroupInputs, previous: ScimGroup | undefined): Promise<PraScimGroupOutputs> {
  const { scim, scimGroups } = context;
  const groups = scim.resource<ScimGroup>("Group");
  const body = await toScimGroup(context, inputs, previous);
  const saved = previous?.id ? await groups.replace(previous.id, body) : await groups.create(body);
  await scimGroups.remember(saved);
  const membership = diffSets(memberIdsOf(previous), memberIdsOf(saved), (id) => id);
  await provisionScimUsers(context, [...membership.toRemove, ...membership.toAdd]);
  return outputsOf(context, saved, inputs.protectedAccounts);
}

/** The PRA group this resource is: by externalId, else an unlinked group with the same displayName. */
export const SCIM_GROUP_ADOPTION: AdoptionRule<ScimGroup> = { keyOf: (g) => g.externalId, nameOf: (g) => g.displayName };

function findExisting(context: PraContext, inputs: PraScimGroupInputs): Promise<ScimGroup | undefined> {
  return findAdoptable(context.scimGroups, SCIM_GROUP_ADOPTION, { key: inputs.externalId, name: inputs.displayName });
}

/** The pra:ScimGroup provider over a provider process's context: the real process's (below), or a test's own. */
export function praScimGroupProviderFor(processContext: ProcessContext<PraContext>) {
  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      if (!news.displayName) failures.push({ property: "displayName", reason: "a displayName is required" });
      else if (news.displayName.length > praLimits.scimGroupName) failures.push({ property: "displayName", reason: `PRA group policy members name SCIM groups with at most ${praLimits.scimGroupName} characters` });
      return { inputs: news, failures };
    },

    async diff(_id, olds, news) {
      return diffResult(olds, news, COMPARED);
    },

    async create(inputs) {
      const outs = await save(processContext.get(), inputs, await findExisting(processContext.get(), inputs));
      return { id: outs.scimId, outs };
    },

    async read(id, props) {
      const group = await processContext.get().scimGroups.get(id);
      if (!group) return {};
      return { id, props: await outputsOf(processContext.get(), group, props?.protectedAccounts ?? []) };
    },

    async update(id, _olds, news) {
      const current = await processContext.get().scimGroups.get(id);
      return { outs: await save(processContext.get(), news, current ?? { id, displayName: news.displayName, members: [] }) };
    },

    async delete(id) {
      const { scim, scimGroups } = processContext.get();
      const current = await scimGroups.get(id);
      await scim.resource<ScimGroup>("Group").delete(id);
      await scimGroups.forget(id);
      await provisionScimUsers(processContext.get(), (current?.members ?? []).map((m) => m.value));
    },
  } satisfies pulumi.dynamic.ResourceProvider<PraScimGroupInputs, PraScimGroupOutputs>;
}

export const praScimGroupProvider = praScimGroupProviderFor(praProcess);

export class PraScimGroup extends dynamicResource<PraScimGroupInputs, PraScimGroupOutputs>({ filename: __filename, exportName: "praScimGroupProvider", module: "pra", type: "ScimGroup", outputs: ["scimId"] }) {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
}
