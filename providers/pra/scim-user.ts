// pra:ScimUser — one PRA user per Entra user in a mapped group, through PRA's SCIM API.
// Key: the Entra object id in `externalId`, so a UPN change renames the user in place.
// Removal from the program applies the leaver policy: deactivate (active:false) or delete.
// The lifecycle (adoption, re-linking, protection, leavers) is the one every SCIM account
// shares (lib/provider/scim-account.ts); this file is PRA's wire format and diff.
import * as pulumi from "@pulumi/pulumi";
import type { LeaverPolicy } from "../../model/desired";
import type { DesiredPraUser } from "./desired";
import { SCHEMA, type ScimUser } from "../../lib/scim";
import { changedProperties, diffResult } from "../../lib/provider/diff";
import type { ProcessContext } from "../../lib/provider/process-context";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { scimAccountProvider, type ScimAccountKind, type ScimAccountOutputs } from "../../lib/provider/scim-account";
import { protectedAccountDiff } from "../../lib/provider/protected-account";
import { praProcess, type PraContext } from "./context";
import { batchProvider, retiredMemberProvider, type BatchInputs, type BatchOutputs } from "../../lib/provider/batch";

export type PraScimUserInputs = DesiredPraUser;
export interface PraScimUserOutputs extends PraScimUserInputs, ScimAccountOutputs {
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

/** PRA's SCIM accounts for the one lifecycle (lib/provider/scim-account.ts): PUT of the whole user, `active` false to deactivate. */
const PRA_ACCOUNTS: ScimAccountKind<PraContext, PraScimUserInputs, PraScimUserOutputs, PraLocal> = {
  target: "PRA",
  externalIdMeaning: "the Entra object id is required",
  store: (context) => ({ users: context.scimUsers, client: async () => context.scim, relinkPolicy: context.relinkPolicy }),
  diff: praScimUserDiff,
  localOf: (props) => ({ onRemove: props?.onRemove ?? "deactivate", protected: props?.protected ?? false }),
  outputsOf: (user, local) => fromScimUser(user, local.onRemove, local.protected),
  // Only the leaver policy changed: nothing to send to PRA.
  remoteChanges: (olds, news) => changedProperties(olds, news, SCIM_FIELDS).length > 0,
  ownFields: (news) => ({ onRemove: news.onRemove }),
  protectedFields: (news) => ({ onRemove: news.onRemove }),
  newAccount: (inputs) => toScimUser(inputs),
  write: (context, id, inputs) => context.scim.resource<ScimUser>("User").replace(id, toScimUser(inputs, id)),
  deactivate: (context, id, props, held) =>
    context.scim.resource<ScimUser>("User").replace(id, toScimUser({ ...fromScimUser(held, props.onRemove), active: false }, id)),
};

type PraLocal = { onRemove: LeaverPolicy; protected: boolean };

/** The provider's diff, pure: the access report reads a batch's members with it too. */
export function praScimUserDiff(id: string, olds: PraScimUserOutputs, news: PraScimUserInputs): pulumi.dynamic.DiffResult {
  return protectedAccountDiff(id, olds, news) ?? diffResult(olds, news, COMPARED);
}

/** The pra:ScimUser provider over a provider process's context: the real process's (below), or a test's own. */
export function praScimUserProviderFor(processContext: ProcessContext<PraContext>) {
  return scimAccountProvider(processContext, PRA_ACCOUNTS);
}

const praScimUserMember = praScimUserProviderFor(praProcess);
const WHAT = "PRA users";

/** pra:ScimUsers: this process's PRA users, in batches keyed by Entra object id. */
export const praScimUsersProvider = batchProvider(praScimUserMember, { what: WHAT, labelOf: (u) => u.userName });

/** pra:ScimUser resources left in a stack's state from before batches. */
export const praScimUserProvider = retiredMemberProvider(praScimUserMember, WHAT, (u) => u.externalId);

export class PraScimUsers extends dynamicResource<BatchInputs<PraScimUserInputs>, BatchOutputs<PraScimUserOutputs> & BatchInputs<PraScimUserInputs>>({
  provider: () => praScimUsersProvider,
  module: "pra",
  type: "ScimUsers",
  outputs: ["ids"],
}) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
