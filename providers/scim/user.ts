// <product>:User (scim:User, pam360:User, passwordsafe:User) — one user in the SCIM product per
// in-scope Entra user, one implementation for every SCIM target. Key: the Entra object
// id in `externalId`, so a UPN change renames in place. `roles` is the role the mappings give
// (at the configured role attribute); a role-locked user's role is never written, and its
// outputs show the role the application holds. Updates are PATCH when the server says it
// serves PATCH, else a PUT of the held resource with our attributes set. A 409 uniqueness on
// create adopts the existing user by the adoption rules (lib/provider/adoption-rules.ts). The
// lifecycle is the one every SCIM account shares (lib/provider/scim-account.ts). Removal applies the leaver policy: deactivate (active:
// false, kept) or delete. A renamed UPN is a userName changed in place; a product that refuses
// the rename, or answers with the old name (PAM360 does not follow UPN changes), fails that user
// with RENAME_REFUSED naming both names and what to do: nothing is deleted or created for it.
import type * as pulumi from "@pulumi/pulumi";
import { isApiError } from "../../lib/http";
import { parseAttributePath, type ScimUser } from "../../lib/scim";
import { changedProperties, diffResult, UNKNOWN } from "../../lib/provider/diff";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { batchProvider, retiredMemberProvider, type BatchInputs, type BatchOutputs } from "../../lib/provider/batch";
import { ProviderError } from "../../lib/provider/errors";
import type { ProcessContext } from "../../lib/provider/process-context";
import { protectedAccountDiff } from "../../lib/provider/protected-account";
import { scimAccountProvider, type ScimAccountKind } from "../../lib/provider/scim-account";
import { scimProcess, type ScimContext } from "./context";
import { scimProduct } from "./generic";
import type { ScimProduct } from "./product";
import { fromScimUser, patchOperations, rolePath, SERVER_FIELDS, toScimUser, type ScimUserInputs, type ScimUserOutputs } from "./user-wire";

export type { ScimUserInputs, ScimUserOutputs } from "./user-wire";

/** Our own fields are compared too: delete reads onRemove from the stored outputs. */
const COMPARED = [...SERVER_FIELDS, "roleLocked", "roleAttribute", "onRemove"] as const satisfies readonly (keyof ScimUserInputs)[];
type Compared = (typeof COMPARED)[number];

function comparedFor(news: ScimUserInputs): readonly Compared[] {
  // A locked user's role is the application's: never a difference to undo.
  return news.roleLocked ? COMPARED.filter((k) => k !== "roles") : COMPARED;
}

/** The desired inputs as the outputs would show them. */
function asOutputs(inputs: ScimUserInputs): ScimUserInputs {
  return { ...inputs, roles: Array.isArray(inputs.roles) ? [...inputs.roles].sort() : inputs.roles };
}

const gone = (target: string, inputs: ScimUserInputs, id: string) =>
  new ProviderError({
    code: "NOT_FOUND",
    target,
    object: `user ${inputs.userName} (${id})`,
    detail: "no longer exists in the application",
    remedy: "Refresh (pulumi up --refresh) to create it again",
  });

function renameRefused(target: string, id: string, from: string, to: string, how: string): ProviderError {
  return new ProviderError({
    code: "RENAME_REFUSED",
    target,
    object: `user ${from} (${id})`,
    detail: `${how} renaming it to ${to}, the new Entra UPN (${target} does not follow UPN changes by itself)`,
    remedy: `Rename the user to ${to} in ${target}'s console, or delete it there so the next run creates ${to} (its role and groups are set again); then run up again`,
  });
}

/** Writes the inputs over the held user: PATCH of what differs, or PUT of the whole user. */
async function save(target: string, context: ScimContext, id: string, inputs: ScimUserInputs, held: ScimUser | undefined): Promise<ScimUser> {
  if (!held) throw gone(target, inputs, id);
  const scim = await context.client();
  const resource = scim.resource<ScimUser>("User");
  const renaming = held.userName !== inputs.userName;
  let saved: ScimUser | undefined;
  try {
    if (scim.patches("User")) {
      const ops = patchOperations(inputs, held);
      saved = ops.length === 0 ? held : await resource.patch(id, ops);
      if (!saved) throw gone(target, inputs, id);
    } else {
      saved = await resource.replace(id, toScimUser(inputs, held));
    }
  } catch (err) {
    if (renaming && isApiError(err, "VALIDATION"))
      throw renameRefused(target, id, held.userName, inputs.userName, `refused (${err.status ?? "?"}: ${err.detail ?? err.message})`);
    throw err;
  }
  await context.users.remember(saved);
  if (renaming && saved.userName !== inputs.userName)
    throw renameRefused(target, id, held.userName, inputs.userName, "accepted the change but kept the old name, not");
  return saved;
}

const isUnknown = (v: unknown) => v === UNKNOWN;

/** The provider's diff, pure: the access report reads a batch's members with it too. */
export function scimUserDiff(id: string, olds: ScimUserOutputs, news: ScimUserInputs): pulumi.dynamic.DiffResult {
  return protectedAccountDiff(id, olds, news) ?? diffResult<ScimUserInputs>(olds, asOutputs(news), comparedFor(news));
}

/** The product's own checks; the lifecycle checks externalId, userName and onRemove. */
function check(news: ScimUserInputs): { inputs: ScimUserInputs; failures: pulumi.dynamic.CheckFailure[] } {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  if (typeof news.active !== "boolean" && !isUnknown(news.active)) failures.push({ property: "active", reason: "must be true or false" });
  if (!Array.isArray(news.roles) || news.roles.some((r) => typeof r !== "string" || r === ""))
    failures.push({ property: "roles", reason: "must be a list of role values" });
  if (news.attributes !== undefined && !isUnknown(news.attributes)) {
    const entries = news.attributes && typeof news.attributes === "object" ? Object.entries(news.attributes) : null;
    if (!entries || entries.some(([path, value]) => !parseAttributePath(path) || (typeof value !== "string" && typeof value !== "number"))) {
      failures.push({ property: "attributes", reason: "must map attribute paths (<extension schema URN>:<attribute>) to strings or numbers" });
    }
  }
  try {
    rolePath(news.roleAttribute);
  } catch {
    failures.push({ property: "roleAttribute", reason: "must be roles, an attribute name, or <extension schema URN>:<attribute>" });
  }
  return { inputs: news, failures };
}

type ScimLocal = Pick<ScimUserInputs, "roleAttribute" | "roleLocked" | "onRemove" | "protected" | "attributes">;

/** A SCIM product's accounts for the one lifecycle (lib/provider/scim-account.ts). */
function scimAccounts(target: string): ScimAccountKind<ScimContext, ScimUserInputs, ScimUserOutputs, ScimLocal> {
  return {
    target,
    externalIdMeaning: "the Entra object id is required",
    store: (context) => ({ users: context.users, client: context.client, relinkPolicy: context.relinkPolicy }),
    check,
    diff: scimUserDiff,
    localOf: (props) => ({
      roleAttribute: props?.roleAttribute ?? "roles",
      roleLocked: props?.roleLocked ?? false,
      onRemove: props?.onRemove ?? "deactivate",
      protected: props?.protected ?? false,
      attributes: props?.attributes,
    }),
    outputsOf: fromScimUser,
    remoteChanges: (olds, news) => {
      const serverFields = comparedFor(news).filter((k) => (SERVER_FIELDS as readonly string[]).includes(k));
      return changedProperties<ScimUserInputs>(olds, asOutputs(news), serverFields).length > 0 || olds.roleAttribute !== news.roleAttribute;
    },
    // Only our own fields changed (leaver policy, lock): nothing to send.
    ownFields: (news) => ({
      roleLocked: news.roleLocked,
      roleAttribute: news.roleAttribute,
      onRemove: news.onRemove,
      protected: false,
      attributes: news.attributes,
    }),
    protectedFields: (news) => ({ onRemove: news.onRemove }),
    newAccount: (inputs) => toScimUser(inputs),
    write: async (context, id, inputs, held) => save(target, context, id, inputs, held ?? (await context.users.get(id))),
    // Deactivate: kept with active false, everything else (the role too) as the application holds it.
    deactivate: async (context, id, props, held) =>
      held.active === false ? undefined : save(target, context, id, { ...fromScimUser(held, props), active: false, roleLocked: true }, held),
  };
}

/** The <product>:User provider over a provider process's context: the real process's, or a test's own. */
export function scimUserProviderFor(processContext: ProcessContext<ScimContext>, product: Pick<ScimProduct, "title"> = scimProduct) {
  return scimAccountProvider(processContext, scimAccounts(product.title));
}

/** A product's user providers over its per-user one: the batch (`<module>:Users`) and, for per-user resources left in state from before batches, the retired one. */
export function scimUserProviders(member: ReturnType<typeof scimUserProviderFor>, what: string) {
  return {
    /** <module>:Users: this process's users of the product, in batches keyed by Entra object id. */
    batch: batchProvider(member, { what, labelOf: (u) => u.userName }),
    /** <module>:User resources left in a stack's state from before batches. */
    retired: retiredMemberProvider(member, what, (u) => u.externalId),
  };
}

/** The batch resource class of a product's users: `<module>:Users`, implemented by `provider`. */
export function scimUsersResource(spec: { provider: () => pulumi.dynamic.ResourceProvider; module: string }) {
  return dynamicResource<BatchInputs<ScimUserInputs>, BatchOutputs<ScimUserOutputs> & BatchInputs<ScimUserInputs>>({
    ...spec,
    type: "Users",
    outputs: ["ids"],
  });
}

const scimUsers = scimUserProviders(scimUserProviderFor(scimProcess), "SCIM application users");

/** scim:Users: this process's SCIM application users, in batches keyed by Entra object id. */
export const scimUsersProvider = scimUsers.batch;

/** scim:User resources left in a stack's state from before batches. */
export const scimUserProvider = scimUsers.retired;

export class ScimAppUsers extends scimUsersResource({ provider: () => scimUsersProvider, module: "scim" }) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
