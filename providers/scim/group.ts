// <product>:Group (scim:Group, pam360:Group, passwordsafe:Group) — with provisionGroups, one
// group in the SCIM product per mapped member source, holding its in-scope transitive members (the application sees a flat group, never a
// nested one). Members are a map userName → Entra object id, so a diff reads "+ alice"; on the
// wire they are the SCIM ids of the users with that externalId. Membership changes are PATCH
// add/remove when the server serves PATCH, else a PUT of the whole group. Protected accounts'
// memberships stay as the application holds them. A product that requires a description
// (Password Safe) gets one on every create and replace, and it is compared like the name.
import type * as pulumi from "@pulumi/pulumi";
import { SCHEMA, type ScimGroup, type ScimPatchOperation } from "../../lib/scim";
import { adoptOrCreate, findAdoptable, type AdoptionRule } from "../../lib/provider/adopt";
import { diffResult } from "../../lib/provider/diff";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { ProviderError } from "../../lib/provider/errors";
import type { ProcessContext } from "../../lib/provider/process-context";
import { scimProcess, type ScimContext } from "./context";
import { scimProduct } from "./generic";
import type { ScimProduct } from "./product";
import { desiredMemberIds, isProtectedUser, memberIdsOf, membersOf, type ScimGroupMemberInputs } from "../../lib/provider/scim-group-members";

export interface ScimGroupInputs extends ScimGroupMemberInputs {
  /** Present for products that require a description (Password Safe). */
  description?: string;
}
export interface ScimGroupOutputs extends ScimGroupInputs {
  scimId: string;
}

const COMPARED = ["externalId", "displayName", "description", "members"] as const;


/** The SCIM ids the group should hold: the desired members, plus protected members it already holds. */
async function wantedIds(target: string, context: ScimContext, inputs: ScimGroupInputs, held: ScimGroup | undefined): Promise<string[]> {
  const users = await context.users.byId();
  const { ids, missing } = await desiredMemberIds(context.users, inputs.members);
  if (missing.length) {
    throw new ProviderError({ code: "PRECONDITION", target, object: `group ${inputs.displayName}`, detail: `the application has no user for ${missing.join(", ")}`, remedy: "Their User resources must be created first (the program declares that dependency)" });
  }
  const keptProtected = held ? memberIdsOf(held).filter((id) => users.has(id) && isProtectedUser(users.get(id)!, inputs.protectedAccounts)) : [];
  return [...new Set([...ids, ...keptProtected])].sort();
}

/** `withDescription`: the resource manages the description (its inputs have one). */
export async function outputsOf(context: ScimContext, group: ScimGroup, protectedAccounts: readonly string[], withDescription: boolean): Promise<ScimGroupOutputs> {
  const description = typeof group.description === "string" ? group.description : "";
  return {
    scimId: group.id!,
    externalId: group.externalId ?? "",
    displayName: group.displayName,
    ...(withDescription ? { description } : {}),
    members: membersOf(group, await context.users.byId(), protectedAccounts, "unknown SCIM member"),
    protectedAccounts: [...protectedAccounts],
  };
}

async function save(target: string, context: ScimContext, inputs: ScimGroupInputs, held: ScimGroup | undefined): Promise<ScimGroupOutputs> {
  const scim = await context.client();
  const resource = scim.resource<ScimGroup>("Group");
  const ids = await wantedIds(target, context, inputs, held);
  const withDescription = inputs.description !== undefined;
  const body: ScimGroup = {
    schemas: [SCHEMA.group],
    externalId: inputs.externalId,
    displayName: inputs.displayName,
    ...(withDescription ? { description: inputs.description } : {}),
    members: ids.map((value) => ({ value })),
  };
  let saved: ScimGroup | undefined;
  if (!held?.id) {
    saved = await resource.create(body);
  } else if (scim.patches("Group")) {
    const before = new Set(memberIdsOf(held));
    const after = new Set(ids);
    const ops: ScimPatchOperation[] = [];
    if (held.displayName !== inputs.displayName) ops.push({ op: "replace", path: "displayName", value: inputs.displayName });
    if (held.externalId !== inputs.externalId) ops.push({ op: "replace", path: "externalId", value: inputs.externalId });
    if (withDescription && held.description !== inputs.description) ops.push({ op: "replace", path: "description", value: inputs.description });
    const added = ids.filter((id) => !before.has(id));
    if (added.length) ops.push({ op: "add", path: "members", value: added.map((value) => ({ value })) });
    for (const id of [...before].filter((id) => !after.has(id))) ops.push({ op: "remove", path: `members[value eq ${JSON.stringify(id)}]` });
    saved = ops.length === 0 ? held : await resource.patch(held.id, ops);
    if (!saved) throw new ProviderError({ code: "NOT_FOUND", target, object: `group ${inputs.displayName} (${held.id})`, detail: "no longer exists in the application", remedy: "Refresh (pulumi up --refresh) to create it again" });
  } else {
    saved = await resource.replace(held.id, { ...body, id: held.id });
  }
  await context.groups.remember(saved);
  return outputsOf(context, saved, inputs.protectedAccounts, withDescription);
}

/** The group this resource is: by externalId, else an unlinked one with the same displayName. */
export const SCIM_APP_GROUP_ADOPTION: AdoptionRule<ScimGroup> = { keyOf: (g) => g.externalId, nameOf: (g) => g.displayName };

/** The <product>:Group provider over a provider process's context: the real process's, or a test's own. */
export function scimGroupProviderFor(processContext: ProcessContext<ScimContext>, product: Pick<ScimProduct, "title" | "model"> = scimProduct) {
  const target = product.title;
  const requiresDescription = product.model?.groupDescriptions === true;
  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      if (!news.displayName) failures.push({ property: "displayName", reason: "a displayName is required" });
      if (!news.externalId) failures.push({ property: "externalId", reason: "the Entra group id is required" });
      if (requiresDescription && (typeof news.description !== "string" || news.description.trim() === "")) failures.push({ property: "description", reason: `${target} requires a description on every group` });
      return { inputs: news, failures };
    },

    async diff(_id, olds, news) {
      return diffResult<ScimGroupInputs>(olds, news, COMPARED);
    },

    async create(inputs) {
      const context = processContext.get();
      const existing = await findAdoptable(context.groups, SCIM_APP_GROUP_ADOPTION, { key: inputs.externalId, name: inputs.displayName });
      return adoptOrCreate(existing, {
        adopt: (_id, held) => save(target, context, inputs, held),
        create: async () => {
          const outs = await save(target, context, inputs, undefined);
          return { id: outs.scimId, outs };
        },
      });
    },

    async read(id, props) {
      const context = processContext.get();
      const group = await context.groups.get(id);
      if (!group) return {};
      return { id, props: await outputsOf(context, group, props?.protectedAccounts ?? [], requiresDescription || props?.description !== undefined) };
    },

    async update(id, _olds, news) {
      const context = processContext.get();
      const held = await context.groups.get(id);
      return { outs: await save(target, context, news, held ?? { id, displayName: news.displayName, members: [] }) };
    },

    async delete(id) {
      const context = processContext.get();
      await (await context.client()).resource<ScimGroup>("Group").delete(id);
      await context.groups.forget(id);
    },
  } satisfies pulumi.dynamic.ResourceProvider<ScimGroupInputs, ScimGroupOutputs>;
}

/** The resource class of a product's groups: `<module>:Group`, implemented by `exportName` of the module at `filename`. */
export function scimGroupResource(spec: { filename: string; exportName: string; module: string }) {
  return dynamicResource<ScimGroupInputs, ScimGroupOutputs>({ ...spec, type: "Group", outputs: ["scimId"] });
}

export const scimGroupProvider = scimGroupProviderFor(scimProcess);

export class ScimAppGroup extends scimGroupResource({ filename: __filename, exportName: "scimGroupProvider", module: "scim" }) {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
}
