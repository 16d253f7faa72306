// privx:ScimUser — one PrivX user per Entra user in a mapped group, through PrivX's SCIM
// directory. Key: `externalId`, which must equal the OIDC `sub` PrivX sees at login.
//
// PrivX's SCIM User has no `active` attribute (seed 001 lists userName, externalId, displayName,
// mail, windowsSid, title and groups). Access comes only from roles mapped from `groups` (or from
// `title` when `groups` is empty), so a user is deactivated by keeping it with `groups: []` and
// no `title`: no role, no access, while its audit history and OIDC link stay. That happens when
// the Entra account is disabled (`active: false`) and on removal with onRemove "deactivate".
// The `active` output is derived: false when PrivX maps no role and the user is meant inactive.
import * as pulumi from "@pulumi/pulumi";
import type { LeaverPolicy } from "../../model/desired";
import type { DesiredPrivxUser } from "./desired";
import { whenFound } from "../../lib/http";
import { SCHEMA, type ScimUser } from "../../lib/scim";
import { changedProperties, diffResult, UNKNOWN } from "../../lib/provider/diff";
import type { ProcessContext } from "../../lib/provider/process-context";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { batchProvider, retiredMemberProvider, type BatchInputs, type BatchOutputs } from "../../lib/provider/batch";
import { adoptOrCreate, findAdoptable, type AdoptionRule } from "../../lib/provider/adopt";
import { absentId, isAbsentId, protectedAccountDiff } from "../../lib/provider/protected-account";
import { privxProcess, type PrivxContext } from "./context";
import { parseCommaList } from "./host-format";

export type PrivxScimUserInputs = DesiredPrivxUser;
export interface PrivxScimUserOutputs extends PrivxScimUserInputs {
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

/** The PrivX user this resource is: by externalId, else an unlinked user with the same userName. */
const ADOPTION: AdoptionRule<ScimUser> = { keyOf: (u) => u.externalId, nameOf: (u) => u.userName, ignoreCase: true };

function findExisting(context: PrivxContext, inputs: PrivxScimUserInputs): Promise<ScimUser | undefined> {
  return findAdoptable(context.users, ADOPTION, { key: inputs.externalId, name: inputs.userName });
}

async function replace(context: PrivxContext, id: string, inputs: PrivxScimUserInputs): Promise<PrivxScimUserOutputs> {
  const { scim, users } = context;
  const saved = await scim.resource<ScimUser>("User").replace(id, toScimUser(inputs, await users.get(id)));
  await users.remember(saved);
  return fromScimUser(saved, inputs);
}

/** Keeps the user without any role (no groups, no title): PrivX then grants it nothing. */
async function deactivate(context: PrivxContext, id: string): Promise<void> {
  const { scim, users } = context;
  const current = await users.get(id);
  if (!current) return; // already gone
  const { title: _grantsRolesToo, groups: _roles, meta: _readOnly, ...kept } = current;
  const saved = await whenFound(scim.resource<ScimUser>("User").replace(id, { ...kept, groups: [] }));
  if (saved) await users.remember(saved);
  else await users.forget(id);
}

/** The provider's diff, pure: the access report reads a batch's members with it too. */
export function privxScimUserDiff(id: string, olds: PrivxScimUserOutputs, news: PrivxScimUserInputs): pulumi.dynamic.DiffResult {
  return protectedAccountDiff(id, olds, news) ?? diffResult<PrivxScimUserInputs>(olds, asOutputs(news), COMPARED);
}

const LEAVER_POLICIES: readonly LeaverPolicy[] = ["deactivate", "delete"];

/** The privx:ScimUser provider over a provider process's context: the real process's (below), or a test's own. */
export function privxScimUserProviderFor(processContext: ProcessContext<PrivxContext>) {
  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      if (!news.externalId) failures.push({ property: "externalId", reason: "the externalId (the OIDC sub PrivX will see) is required" });
      if (!news.userName) failures.push({ property: "userName", reason: "a userName is required" });
      if (!LEAVER_POLICIES.includes(news.onRemove) && !isUnknown(news.onRemove)) failures.push({ property: "onRemove", reason: 'must be "deactivate" or "delete"' });
      if (typeof news.active !== "boolean" && !isUnknown(news.active)) failures.push({ property: "active", reason: "must be true or false" });
      if (!isRoleList(news.groups) && !isUnknown(news.groups)) failures.push({ property: "groups", reason: "must be a list of PrivX role names" });
      const groups = isRoleList(news.groups) && !containsUnknown(news.groups) ? canonicalRoles(news.groups) : news.groups;
      return { inputs: { ...news, groups }, failures };
    },

    diff: async (id, olds, news) => privxScimUserDiff(id, olds, news),

    async create(inputs) {
      const existing = await findExisting(processContext.get(), inputs);
      if (inputs.protected) {
        // A protected account: record what PrivX holds, write nothing.
        if (existing?.id) return { id: existing.id, outs: fromScimUser(existing, inputs) };
        return { id: absentId(inputs.externalId), outs: { ...inputs, scimId: "" } };
      }
      return adoptOrCreate(existing, {
        adopt: (id) => replace(processContext.get(), id, inputs),
        create: async () => {
          const { scim, users } = processContext.get();
          const created = await scim.resource<ScimUser>("User").create(toScimUser(inputs));
          await users.remember(created);
          return { id: created.id!, outs: fromScimUser(created, inputs) };
        },
      });
    },

    async read(id, props) {
      if (isAbsentId(id)) return { id, props };
      const user = await processContext.get().users.get(id);
      if (!user) return {};
      const local: LocalFields = { active: props?.active ?? true, entraId: props?.entraId ?? "", onRemove: props?.onRemove ?? "deactivate", protected: props?.protected ?? false };
      return { id, props: fromScimUser(user, local) };
    },

    async update(id, olds, news) {
      if (news.protected) return { outs: { ...olds, entraId: news.entraId, onRemove: news.onRemove, protected: true } };
      // Only our own properties changed (e.g. onRemove): nothing to send to PrivX.
      if (changedProperties<PrivxScimUserInputs>(olds, asOutputs(news), REMOTE).length === 0) {
        return { outs: { ...olds, entraId: news.entraId, onRemove: news.onRemove, protected: false } };
      }
      return { outs: await replace(processContext.get(), id, news) };
    },

    async delete(id, props) {
      if (props.protected || isAbsentId(id)) return;
      if (props.onRemove === "delete") {
        const { scim, users } = processContext.get();
        await scim.resource<ScimUser>("User").delete(id);
        await users.forget(id);
        return;
      }
      await deactivate(processContext.get(), id);
    },
  } satisfies pulumi.dynamic.ResourceProvider<PrivxScimUserInputs, PrivxScimUserOutputs>;
}

const privxScimUserMember = privxScimUserProviderFor(privxProcess);
const WHAT = "PrivX users";

/** privx:ScimUsers: this process's PrivX users, in batches keyed by Entra object id. */
export const privxScimUsersProvider = batchProvider(privxScimUserMember, { what: WHAT, labelOf: (u) => u.userName });

/** privx:ScimUser resources left in a stack's state from before batches. */
export const privxScimUserProvider = retiredMemberProvider(privxScimUserMember, WHAT, (u) => u.entraId);

export class PrivxScimUsers extends dynamicResource<BatchInputs<PrivxScimUserInputs>, BatchOutputs<PrivxScimUserOutputs> & BatchInputs<PrivxScimUserInputs>>({ filename: __filename, exportName: "privxScimUsersProvider", module: "privx", type: "ScimUsers", outputs: ["ids"] }) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
