// The SCIM group lifecycle, written once for PRA's SCIM groups and every SCIM target's groups:
// members are a map userName → Entra object id (a diff reads "+ alice"), on the wire the SCIM ids
// of the users with that externalId; protected members the product lists are kept and not shown;
// create adopts by the adoption rules (lib/provider/adoption-rules.ts: key, else an unlinked group
// with the same displayName); updates are PATCH add/remove where the product patches groups,
// else a PUT of the whole group. What differs per product is a `ScimGroupKind`: its checks, a
// description where the product requires one, and what follows a write (PRA provisions the
// users whose membership changed).
import type * as pulumi from "@pulumi/pulumi";
import { SCHEMA, type ScimClient, type ScimGroup, type ScimPatchOperation, type ScimUser } from "../scim";
import { matchScimGroup, type Adoption } from "./adoption-rules";
import { diffResult } from "./diff";
import { ProviderError } from "./errors";
import type { ProcessContext } from "./process-context";
import type { IndexKey, RemoteIndex } from "./remote-index";
import { desiredMemberIds, isProtectedUser, memberIdsOf, membersOf, type ScimGroupMemberInputs } from "./scim-group-members";

export interface ScimGroupInputs extends ScimGroupMemberInputs {
  /** Present for products that require a description (Password Safe). */
  description?: string;
}
export interface ScimGroupOutputs extends ScimGroupInputs {
  scimId: string;
}

/** What the lifecycle needs of a product's provider-process context. */
export interface ScimGroupStore {
  users: RemoteIndex<ScimUser>;
  groups: RemoteIndex<ScimGroup>;
  client(): Promise<ScimClient>;
}

export interface ScimGroupKind<C> {
  /** The product in errors: "PRA", "SCIM", "PAM360", "Password Safe". */
  target: string;
  store(context: C): ScimGroupStore;
  /** Groups carry a description, required and compared (Password Safe). */
  requiresDescription: boolean;
  /** The product's own checks of the inputs (PRA: the length of a name group policies can name). */
  check(news: ScimGroupInputs): pulumi.dynamic.CheckFailure[];
  /** How a member the product's users do not hold is shown: `<label> <id>`. */
  unknownMemberLabel: string;
  /** The error when desired members have no account in the product yet. */
  missingMembers(inputs: ScimGroupInputs, missing: readonly string[]): ProviderError;
  /** After a write or delete: the SCIM ids of the users whose membership changed (PRA provisions them). */
  membershipChanged?(context: C, userIds: readonly string[]): Promise<void>;
}

const COMPARED = ["externalId", "displayName", "description", "members"] as const;

/** Index keys, module-level so each index is built once (see RemoteIndex.where): a lookup per group, not a scan. */
const GROUP_BY_KEY: IndexKey<ScimGroup> = (g) => (typeof g.externalId === "string" && g.externalId !== "" ? g.externalId : undefined);
const UNLINKED_GROUP_BY_NAME: IndexKey<ScimGroup> = (g) => (GROUP_BY_KEY(g) === undefined ? g.displayName : undefined);

/** The provider of one product's SCIM groups over a provider process's context. */
/** The group a create takes over (by key, else an unlinked one with the same displayName), by the one rule. */
export async function scimGroupAdoption(groups: RemoteIndex<ScimGroup>, wanted: { externalId: string; displayName: string }): Promise<Adoption<ScimGroup>> {
  const candidates = [...(await groups.where(GROUP_BY_KEY, wanted.externalId)), ...(await groups.where(UNLINKED_GROUP_BY_NAME, wanted.displayName))];
  return matchScimGroup(candidates, wanted);
}

/** A group's outputs from what the product holds. `withDescription`: the resource manages the description (its inputs have one). */
export async function scimGroupOutputsOf(
  store: Pick<ScimGroupStore, "users">,
  group: ScimGroup,
  protectedAccounts: readonly string[],
  withDescription: boolean,
  unknownMemberLabel: string,
): Promise<ScimGroupOutputs> {
  const description = typeof group.description === "string" ? group.description : "";
  return {
    scimId: group.id!,
    externalId: group.externalId ?? "",
    displayName: group.displayName,
    ...(withDescription ? { description } : {}),
    members: membersOf(group, await store.users.byId(), protectedAccounts, unknownMemberLabel),
    protectedAccounts: [...protectedAccounts],
  };
}

export function scimGroupLifecycle<C>(processContext: ProcessContext<C>, kind: ScimGroupKind<C>) {
  const target = kind.target;

  /** The SCIM ids the group should hold: the desired members, plus protected members it already holds. */
  async function wantedIds(store: ScimGroupStore, inputs: ScimGroupInputs, held: ScimGroup | undefined): Promise<string[]> {
    const users = await store.users.byId();
    const { ids, missing } = await desiredMemberIds(store.users, inputs.members);
    if (missing.length) throw kind.missingMembers(inputs, missing);
    const keptProtected = held ? memberIdsOf(held).filter((id) => users.has(id) && isProtectedUser(users.get(id)!, inputs.protectedAccounts)) : [];
    return [...new Set([...ids, ...keptProtected])].sort();
  }

  const outputsOf = (store: ScimGroupStore, group: ScimGroup, protectedAccounts: readonly string[], withDescription: boolean) =>
    scimGroupOutputsOf(store, group, protectedAccounts, withDescription, kind.unknownMemberLabel);

  async function save(context: C, inputs: ScimGroupInputs, held: ScimGroup | undefined): Promise<ScimGroupOutputs> {
    const store = kind.store(context);
    const scim = await store.client();
    const resource = scim.resource<ScimGroup>("Group");
    const ids = await wantedIds(store, inputs, held);
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
      if (!saved)
        throw new ProviderError({
          code: "NOT_FOUND",
          target,
          object: `group ${inputs.displayName} (${held.id})`,
          detail: "no longer exists in the application",
          remedy: "Refresh (pulumi up --refresh) to create it again",
        });
    } else {
      saved = await resource.replace(held.id, { ...body, id: held.id });
    }
    await store.groups.remember(saved);
    if (kind.membershipChanged) {
      const before = new Set(memberIdsOf(held));
      const after = new Set(memberIdsOf(saved));
      await kind.membershipChanged(context, [...[...before].filter((id) => !after.has(id)), ...[...after].filter((id) => !before.has(id))]);
    }
    return outputsOf(store, saved, inputs.protectedAccounts, withDescription);
  }

  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      if (!news.displayName) failures.push({ property: "displayName", reason: "a displayName is required" });
      if (!news.externalId) failures.push({ property: "externalId", reason: "the Entra group id is required" });
      if (kind.requiresDescription && (typeof news.description !== "string" || news.description.trim() === ""))
        failures.push({ property: "description", reason: `${target} requires a description on every group` });
      return { inputs: news, failures: [...failures, ...kind.check(news)] };
    },

    async diff(_id, olds, news) {
      return diffResult<ScimGroupInputs>(olds, news, COMPARED);
    },

    async create(inputs) {
      const context = processContext.get();
      // There is no `pulumi import` for dynamic resources: adopting is how a group is taken over.
      const { groups } = kind.store(context);
      const adoption = await scimGroupAdoption(groups, inputs);
      const outs = await save(context, inputs, adoption.how === "none" ? undefined : adoption.existing);
      return { id: outs.scimId, outs };
    },

    async read(id, props) {
      const store = kind.store(processContext.get());
      const group = await store.groups.get(id);
      if (!group) return {};
      return { id, props: await outputsOf(store, group, props?.protectedAccounts ?? [], kind.requiresDescription || props?.description !== undefined) };
    },

    async update(id, _olds, news) {
      const context = processContext.get();
      const held = await kind.store(context).groups.get(id);
      return { outs: await save(context, news, held ?? { id, displayName: news.displayName, members: [] }) };
    },

    async delete(id) {
      const context = processContext.get();
      const store = kind.store(context);
      const held = await store.groups.get(id);
      await (await store.client()).resource<ScimGroup>("Group").delete(id);
      await store.groups.forget(id);
      await kind.membershipChanged?.(context, memberIdsOf(held));
    },
  } satisfies pulumi.dynamic.ResourceProvider<ScimGroupInputs, ScimGroupOutputs>;
}
