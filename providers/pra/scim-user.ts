// pra:ScimUser — one PRA user per Entra user in a mapped group, through PRA's SCIM API.
// Key: the Entra object id in `externalId`, so a UPN change renames the user in place.
// Removal from the program applies the leaver policy: deactivate (active:false) or delete.
import * as pulumi from "@pulumi/pulumi";
import type { LeaverPolicy } from "../../model/desired";
import type { DesiredPraUser } from "./desired";
import { SCHEMA, type ScimUser } from "../../lib/scim";
import { changedProperties, diffResult } from "../../lib/provider/diff";
import type { ProcessContext } from "../../lib/provider/process-context";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { adoptOrCreate, findAdoptable, type AdoptionRule } from "../../lib/provider/adopt";
import { absentId, isAbsentId, protectedAccountDiff } from "../../lib/provider/protected-account";
import { praProcess, type PraContext } from "./context";
import { batchProvider, retiredMemberProvider, type BatchInputs, type BatchOutputs } from "../../lib/provider/batch";

export type PraScimUserInputs = DesiredPraUser;
export interface PraScimUserOutputs extends PraScimUserInputs {
  scimId: string;
}

/** What PRA holds. onRemove is ours alone, but compared too: delete reads it from the stored outputs. */
const SCIM_FIELDS = ["externalId", "userName", "displayName", "givenName", "familyName", "email", "active"] as const;
const COMPARED = [...SCIM_FIELDS, "onRemove"] as const;

export function toScimUser(inputs: PraScimUserInputs, id?: string): ScimUser {
  return {
    schemas: [SCHEMA.user],
    ...(id ? { id } : {}),
    externalId: inputs.externalId,
    userName: inputs.userName,
    displayName: inputs.displayName,
    name: { givenName: inputs.givenName ?? undefined, familyName: inputs.familyName ?? undefined },
    emails: inputs.email ? [{ value: inputs.email, type: "work", primary: true }] : [],
    active: inputs.active,
  };
}

/** What PRA holds, in the resource's own terms (onRemove and protected are ours, not PRA's). */
export function fromScimUser(user: ScimUser, onRemove: LeaverPolicy, isProtected = false): PraScimUserOutputs {
  const email = user.emails?.find((e) => e.primary)?.value ?? user.emails?.[0]?.value ?? null;
  return {
    scimId: user.id!,
    externalId: user.externalId ?? "",
    userName: user.userName,
    displayName: user.displayName ?? "",
    givenName: user.name?.givenName ?? null,
    familyName: user.name?.familyName ?? null,
    email,
    active: user.active ?? true,
    onRemove,
    protected: isProtected,
  };
}

/** The PRA user this resource is: by externalId, else an unlinked user with the same userName. */
const ADOPTION: AdoptionRule<ScimUser> = { keyOf: (u) => u.externalId, nameOf: (u) => u.userName, ignoreCase: true };

function findExisting(context: PraContext, inputs: PraScimUserInputs): Promise<ScimUser | undefined> {
  return findAdoptable(context.scimUsers, ADOPTION, { key: inputs.externalId, name: inputs.userName });
}

async function replace(context: PraContext, id: string, inputs: PraScimUserInputs): Promise<PraScimUserOutputs> {
  const { scim, scimUsers } = context;
  const saved = await scim.resource<ScimUser>("User").replace(id, toScimUser(inputs, id));
  await scimUsers.remember(saved);
  return fromScimUser(saved, inputs.onRemove);
}

/** The provider's diff, pure: the access report reads a batch's members with it too. */
export function praScimUserDiff(id: string, olds: PraScimUserOutputs, news: PraScimUserInputs): pulumi.dynamic.DiffResult {
  return protectedAccountDiff(id, olds, news) ?? diffResult(olds, news, COMPARED);
}

/** The pra:ScimUser provider over a provider process's context: the real process's (below), or a test's own. */
export function praScimUserProviderFor(processContext: ProcessContext<PraContext>) {
  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      if (!news.externalId) failures.push({ property: "externalId", reason: "the Entra object id is required" });
      if (!news.userName) failures.push({ property: "userName", reason: "a userName is required" });
      if (news.onRemove !== "deactivate" && news.onRemove !== "delete") failures.push({ property: "onRemove", reason: 'must be "deactivate" or "delete"' });
      return { inputs: news, failures };
    },

    diff: async (id, olds, news) => praScimUserDiff(id, olds, news),

    async create(inputs) {
      const existing = await findExisting(processContext.get(), inputs);
      if (inputs.protected) {
        // Record what PRA holds, write nothing.
        if (existing?.id) return { id: existing.id, outs: fromScimUser(existing, inputs.onRemove, true) };
        return { id: absentId(inputs.externalId), outs: { ...inputs, scimId: "" } };
      }
      return adoptOrCreate(existing, {
        adopt: (id) => replace(processContext.get(), id, inputs),
        create: async () => {
          const { scim, scimUsers } = processContext.get();
          const created = await scim.resource<ScimUser>("User").create(toScimUser(inputs));
          await scimUsers.remember(created);
          return { id: created.id!, outs: fromScimUser(created, inputs.onRemove) };
        },
      });
    },

    async read(id, props) {
      if (isAbsentId(id)) return { id, props };
      const user = await processContext.get().scimUsers.get(id);
      if (!user) return {};
      return { id, props: fromScimUser(user, props?.onRemove ?? "deactivate", props?.protected ?? false) };
    },

    async update(id, olds, news) {
      if (news.protected) return { outs: { ...olds, onRemove: news.onRemove, protected: true } };
      // Only the leaver policy changed: nothing to send to PRA.
      if (changedProperties(olds, news, SCIM_FIELDS).length === 0) {
        return { outs: { ...olds, onRemove: news.onRemove, protected: false } };
      }
      return { outs: await replace(processContext.get(), id, news) };
    },

    async delete(id, props) {
      if (props.protected || isAbsentId(id)) return;
      const { scim, scimUsers } = processContext.get();
      const users = scim.resource<ScimUser>("User");
      if (props.onRemove === "delete") {
        await users.delete(id);
        await scimUsers.forget(id);
        return;
      }
      const current = await scimUsers.get(id);
      if (!current) return; // already gone
      await replace(processContext.get(), id, { ...fromScimUser(current, props.onRemove), active: false });
    },
  } satisfies pulumi.dynamic.ResourceProvider<PraScimUserInputs, PraScimUserOutputs>;
}

const praScimUserMember = praScimUserProviderFor(praProcess);
const WHAT = "PRA users";

/** pra:ScimUsers: this process's PRA users, in batches keyed by Entra object id. */
export const praScimUsersProvider = batchProvider(praScimUserMember, { what: WHAT, labelOf: (u) => u.userName });

/** pra:ScimUser resources left in a stack's state from before batches. */
export const praScimUserProvider = retiredMemberProvider(praScimUserMember, WHAT, (u) => u.externalId);

export class PraScimUsers extends dynamicResource<BatchInputs<PraScimUserInputs>, BatchOutputs<PraScimUserOutputs> & BatchInputs<PraScimUserInputs>>({ filename: __filename, exportName: "praScimUsersProvider", module: "pra", type: "ScimUsers", outputs: ["ids"] }) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
