// privx:ScimUser — one PrivX user per Entra user in a mapped group, through PrivX's SCIM
// directory. Key: `externalId`, which must equal the OIDC `sub` PrivX sees at login.
//
// PrivX's SCIM User has no `active` attribute (seed 001 lists userName, externalId, displayName,
// mail, windowsSid, title and groups). Access comes only from roles mapped from `groups` (or from
// `title` when `groups` is empty), so a user is deactivated by keeping it with `groups: []` and
// no `title`: no role, no access, while its audit history and OIDC link stay. That happens when
// the Entra account is disabled (`active: false`) and on removal with onRemove "deactivate".
// The `active` output is derived: false when PrivX maps no role and the user is meant inactive.
// The lifecycle (adoption, re-linking, protection, leavers) is the one every SCIM account
// shares (lib/provider/scim-account.ts); this file is PrivX's wire format, checks and diff.
import * as pulumi from "@pulumi/pulumi";
import type { DesiredPrivxUser } from "./desired";
import { whenFound } from "../../lib/http";
import { SCHEMA, type ScimUser } from "../../lib/scim";
import { changedProperties, diffResult, UNKNOWN } from "../../lib/provider/diff";
import type { ProcessContext } from "../../lib/provider/process-context";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { batchProvider, retiredMemberProvider, type BatchInputs, type BatchOutputs } from "../../lib/provider/batch";
import { scimAccountProvider, type ScimAccountKind, type ScimAccountOutputs } from "../../lib/provider/scim-account";
import { protectedAccountDiff } from "../../lib/provider/protected-account";
import { privxProcess, type PrivxContext } from "./context";
import { parseCommaList } from "./host-format";

export type PrivxScimUserInputs = DesiredPrivxUser;
export interface PrivxScimUserOutputs extends PrivxScimUserInputs, ScimAccountOutputs {
  scimId: string;
}

/** What PrivX holds. */
const REMOTE = ["externalId", "userName", "displayName", "mail", "groups", "active"] as const;
/** Ours alone, compared too: `delete` reads onRemove from the stored outputs, so they must follow the inputs. */
const COMPARED = [...REMOTE, "entraId", "onRemove"] as const;

/** Our own properties, which PrivX does not hold: carried from inputs or earlier outputs. */
type LocalFields = Pick<PrivxScimUserInputs, "active" | "entraId" | "onRemove"> & { protected?: boolean };

function canonicalRoles(roles: readonly string[]): string[] {
  return [...new Set(roles.map((r) => r.trim()).filter((r) => r !== ""))].sort();
}

/** The roles PrivX should map: none for an inactive user (see the top of this file). */
export function effectiveGroups(inputs: Pick<PrivxScimUserInputs, "groups" | "active">): string[] {
  return inputs.active ? canonicalRoles(inputs.groups) : [];
}

/** The roles PrivX maps for a user: `groups`, or the `title` comma list when groups is empty. */
export function mappedRoles(user: ScimUser): string[] {
  const groups = Array.isArray(user.groups) ? user.groups.map(String) : [];
  if (groups.length > 0) return canonicalRoles(groups);
  return typeof user.title === "string" ? parseCommaList(user.title) : [];
}

/** The SCIM body; `kept` is the user as PrivX holds it, whose unmanaged windowsSid is preserved. */
export function toScimUser(inputs: PrivxScimUserInputs, kept?: ScimUser): ScimUser {
  const user: ScimUser = {
    schemas: [SCHEMA.user],
    externalId: inputs.externalId,
    userName: inputs.userName,
    groups: effectiveGroups(inputs),
  };
  if (inputs.displayName) user.displayName = inputs.displayName;
  if (inputs.mail) user.mail = inputs.mail;
  if (typeof kept?.windowsSid === "string") user.windowsSid = kept.windowsSid;
  return user;
}

/** What PrivX holds, in the resource's own terms. */
export function fromScimUser(user: ScimUser, local: LocalFields): PrivxScimUserOutputs {
  const groups = mappedRoles(user);
  return {
    scimId: user.id!,
    externalId: user.externalId ?? "",
    userName: user.userName,
    displayName: user.displayName ?? "",
    mail: user.mail ?? null,
    groups,
    entraId: local.entraId,
    active: groups.length > 0 || local.active,
    onRemove: local.onRemove,
    protected: local.protected ?? false,
  };
}

/** The desired inputs as the outputs would show them once applied. */
function asOutputs(inputs: PrivxScimUserInputs): PrivxScimUserInputs {
  return { ...inputs, groups: containsUnknown(inputs.groups) ? inputs.groups : effectiveGroups(inputs) };
}

function isRoleList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((g) => typeof g === "string");
}

function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

function containsUnknown(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes(UNKNOWN);
}

/** Keeps the user without any role (no groups, no title): PrivX then grants it nothing. */
async function deactivate(context: PrivxContext, id: string, held: ScimUser): Promise<ScimUser | "gone"> {
  const { title: _grantsRolesToo, groups: _roles, meta: _readOnly, ...kept } = held;
  return (await whenFound(context.scim.resource<ScimUser>("User").replace(id, { ...kept, groups: [] }))) ?? "gone";
}

/** The provider's diff, pure: the access report reads a batch's members with it too. */
export function privxScimUserDiff(id: string, olds: PrivxScimUserOutputs, news: PrivxScimUserInputs): pulumi.dynamic.DiffResult {
  return protectedAccountDiff(id, olds, news) ?? diffResult<PrivxScimUserInputs>(olds, asOutputs(news), COMPARED);
}

/** The product's own checks; the lifecycle checks externalId, userName and onRemove. */
function check(news: PrivxScimUserInputs): { inputs: PrivxScimUserInputs; failures: pulumi.dynamic.CheckFailure[] } {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  if (typeof news.active !== "boolean" && !isUnknown(news.active)) failures.push({ property: "active", reason: "must be true or false" });
  if (!isRoleList(news.groups) && !isUnknown(news.groups)) failures.push({ property: "groups", reason: "must be a list of PrivX role names" });
  const groups = isRoleList(news.groups) && !containsUnknown(news.groups) ? canonicalRoles(news.groups) : news.groups;
  return { inputs: { ...news, groups }, failures };
}

/** PrivX's SCIM accounts for the one lifecycle (lib/provider/scim-account.ts): no `active`, so deactivation is no roles; windowsSid is kept. */
const PRIVX_ACCOUNTS: ScimAccountKind<PrivxContext, PrivxScimUserInputs, PrivxScimUserOutputs, LocalFields> = {
  target: "PrivX",
  externalIdMeaning: "the externalId (the OIDC sub PrivX will see) is required",
  store: (context) => ({ users: context.users, client: async () => context.scim, relinkPolicy: context.relinkPolicy }),
  check,
  diff: privxScimUserDiff,
  localOf: (props) => ({
    active: props?.active ?? true,
    entraId: props?.entraId ?? "",
    onRemove: props?.onRemove ?? "deactivate",
    protected: props?.protected ?? false,
  }),
  outputsOf: fromScimUser,
  // Only our own properties changed (e.g. onRemove): nothing to send to PrivX.
  remoteChanges: (olds, news) => changedProperties<PrivxScimUserInputs>(olds, asOutputs(news), REMOTE).length > 0,
  ownFields: (news) => ({ entraId: news.entraId, onRemove: news.onRemove }),
  protectedFields: (news) => ({ entraId: news.entraId, onRemove: news.onRemove }),
  newAccount: (inputs) => toScimUser(inputs),
  write: async (context, id, inputs, held) => context.scim.resource<ScimUser>("User").replace(id, toScimUser(inputs, held ?? (await context.users.get(id)))),
  deactivate: (context, id, _props, held) => deactivate(context, id, held),
};

/** The privx:ScimUser provider over a provider process's context: the real process's (below), or a test's own. */
export function privxScimUserProviderFor(processContext: ProcessContext<PrivxContext>) {
  return scimAccountProvider(processContext, PRIVX_ACCOUNTS);
}

const privxScimUserMember = privxScimUserProviderFor(privxProcess);
const WHAT = "PrivX users";

/** privx:ScimUsers: this process's PrivX users, in batches keyed by Entra object id. */
export const privxScimUsersProvider = batchProvider(privxScimUserMember, { what: WHAT, labelOf: (u) => u.userName });

/** privx:ScimUser resources left in a stack's state from before batches. */
export const privxScimUserProvider = retiredMemberProvider(privxScimUserMember, WHAT, (u) => u.entraId);

export class PrivxScimUsers extends dynamicResource<BatchInputs<PrivxScimUserInputs>, BatchOutputs<PrivxScimUserOutputs> & BatchInputs<PrivxScimUserInputs>>({
  provider: () => privxScimUsersProvider,
  module: "privx",
  type: "ScimUsers",
  outputs: ["ids"],
}) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
