// <product>:User (scim:User, pam360:User, passwordsafe:User) — one user in the SCIM product per
// in-scope Entra user, one implementation for every SCIM target. Key: the Entra object
// id in `externalId`, so a UPN change renames in place. `roles` is the role the mappings give
// (at the configured role attribute); a role-locked user's role is never written, and its
// outputs show the role the application holds. Updates are PATCH when the server says it
// serves PATCH, else a PUT of the held resource with our attributes set. A 409 uniqueness on
// create adopts the existing user. Removal applies the leaver policy: deactivate (active:
// false, kept) or delete. A renamed UPN is a userName changed in place; a product that refuses
// the rename, or answers with the old name (PAM360 does not follow UPN changes), fails that user
// with RENAME_REFUSED naming both names and what to do: nothing is deleted or created for it.
import type * as pulumi from "@pulumi/pulumi";
import { isApiError } from "../../lib/http";
import { parseAttributePath, type ScimUser } from "../../lib/scim";
import { adoptOrCreate, findAdoptable, type AdoptionRule } from "../../lib/provider/adopt";
import { changedProperties, diffResult, UNKNOWN } from "../../lib/provider/diff";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { batchProvider, retiredMemberProvider, type BatchInputs, type BatchOutputs } from "../../lib/provider/batch";
import { ProviderError } from "../../lib/provider/errors";
import type { ProcessContext } from "../../lib/provider/process-context";
import { absentId, isAbsentId, protectedAccountDiff } from "../../lib/provider/protected-account";
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

/** The user this resource is: by externalId, else one not linked to anyone with the same userName. */
const ADOPTION: AdoptionRule<ScimUser> = { keyOf: (u) => u.externalId, nameOf: (u) => u.userName, ignoreCase: true };

const gone = (target: string, inputs: ScimUserInputs, id: string) =>
  new ProviderError({ code: "NOT_FOUND", target, object: `user ${inputs.userName} (${id})`, detail: "no longer exists in the application", remedy: "Refresh (pulumi up --refresh) to create it again" });

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
async function save(target: string, context: ScimContext, id: string, inputs: ScimUserInputs, held: ScimUser): Promise<ScimUserOutputs> {
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
    if (renaming && isApiError(err, "VALIDATION")) throw renameRefused(target, id, held.userName, inputs.userName, `refused (${err.status ?? "?"}: ${err.detail ?? err.message})`);
    throw err;
  }
  await context.users.remember(saved);
  if (renaming && saved.userName !== inputs.userName) throw renameRefused(target, id, held.userName, inputs.userName, "accepted the change but kept the old name, not");
  return fromScimUser(saved, inputs);
}

/** The user a server refused to duplicate (409 uniqueness), if it is not linked to someone else. */
async function conflictingUser(target: string, context: ScimContext, inputs: ScimUserInputs): Promise<ScimUser & { id: string }> {
  const scim = await context.client();
  const existing = await scim.resource<ScimUser>("User").findOneBy("userName", inputs.userName);
  const object = `user ${inputs.userName}`;
  if (!existing?.id) {
    throw new ProviderError({ code: "CONFLICT", target, object, detail: "the application refused it as a duplicate (409 uniqueness) but lists no user with that userName", remedy: "Check the application's uniqueness rules (it may compare another attribute) and remove the duplicate there" });
  }
  if (existing.externalId && existing.externalId !== inputs.externalId) {
    throw new ProviderError({
      code: "CONFLICT",
      target,
      object,
      detail: `already exists in the application (id ${existing.id}) linked to another directory object (externalId ${existing.externalId})`,
      remedy: "Remove or rename that user in the application, or list the account under protected",
    });
  }
  return existing as ScimUser & { id: string };
}

async function createUser(target: string, context: ScimContext, inputs: ScimUserInputs): Promise<{ id: string; outs: ScimUserOutputs }> {
  const scim = await context.client();
  try {
    const created = await scim.resource<ScimUser>("User").create(toScimUser(inputs));
    await context.users.remember(created);
    return { id: created.id!, outs: fromScimUser(created, inputs) };
  } catch (err) {
    if (!isApiError(err, "CONFLICT")) throw err;
    // Someone made the user after this process listed the users: adopt it.
    const held = await conflictingUser(target, context, inputs);
    return { id: held.id, outs: await save(target, context, held.id, inputs, held) };
  }
}

const LEAVER_POLICIES = ["deactivate", "delete"];
const isUnknown = (v: unknown) => v === UNKNOWN;

/** The provider's diff, pure: the access report reads a batch's members with it too. */
export function scimUserDiff(id: string, olds: ScimUserOutputs, news: ScimUserInputs): pulumi.dynamic.DiffResult {
  return protectedAccountDiff(id, olds, news) ?? diffResult<ScimUserInputs>(olds, asOutputs(news), comparedFor(news));
}

/** The <product>:User provider over a provider process's context: the real process's, or a test's own. */
export function scimUserProviderFor(processContext: ProcessContext<ScimContext>, product: Pick<ScimProduct, "title"> = scimProduct) {
  const target = product.title;
  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      if (!news.externalId) failures.push({ property: "externalId", reason: "the Entra object id is required" });
      if (!news.userName) failures.push({ property: "userName", reason: "a userName is required" });
      if (!LEAVER_POLICIES.includes(news.onRemove) && !isUnknown(news.onRemove)) failures.push({ property: "onRemove", reason: 'must be "deactivate" or "delete"' });
      if (typeof news.active !== "boolean" && !isUnknown(news.active)) failures.push({ property: "active", reason: "must be true or false" });
      if (!Array.isArray(news.roles) || news.roles.some((r) => typeof r !== "string" || r === "")) failures.push({ property: "roles", reason: "must be a list of role values" });
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
    },

    diff: async (id, olds, news) => scimUserDiff(id, olds, news),

    async create(inputs) {
      const context = processContext.get();
      const existing = await findAdoptable(context.users, ADOPTION, { key: inputs.externalId, name: inputs.userName });
      if (inputs.protected) {
        // A protected account: record what the application holds, write nothing.
        if (existing?.id) return { id: existing.id, outs: fromScimUser(existing, inputs) };
        return { id: absentId(inputs.externalId), outs: { ...inputs, scimId: "" } };
      }
      return adoptOrCreate(existing, {
        adopt: (id, held) => save(target, context, id, inputs, held),
        create: () => createUser(target, context, inputs),
      });
    },

    async read(id, props) {
      if (isAbsentId(id)) return { id, props };
      const user = await processContext.get().users.get(id);
      if (!user) return {};
      const local = { roleAttribute: props?.roleAttribute ?? "roles", roleLocked: props?.roleLocked ?? false, onRemove: props?.onRemove ?? "deactivate", protected: props?.protected ?? false, attributes: props?.attributes };
      return { id, props: fromScimUser(user, local) };
    },

    async update(id, olds, news) {
      if (news.protected) return { outs: { ...olds, onRemove: news.onRemove, protected: true } };
      const local = { roleLocked: news.roleLocked, roleAttribute: news.roleAttribute, onRemove: news.onRemove, protected: false, attributes: news.attributes };
      const serverFields = comparedFor(news).filter((k) => (SERVER_FIELDS as readonly string[]).includes(k));
      if (changedProperties<ScimUserInputs>(olds, asOutputs(news), serverFields).length === 0 && olds.roleAttribute === news.roleAttribute) {
        // Only our own fields changed (leaver policy, lock): nothing to send.
        return { outs: { ...olds, ...local } };
      }
      const context = processContext.get();
      const held = await context.users.get(id);
      if (!held) throw gone(target, news, id);
      return { outs: await save(target, context, id, news, held) };
    },

    async delete(id, props) {
      if (props.protected || isAbsentId(id)) return;
      const context = processContext.get();
      if (props.onRemove === "delete") {
        await (await context.client()).resource<ScimUser>("User").delete(id);
        await context.users.forget(id);
        return;
      }
      const held = await context.users.get(id);
      if (!held || held.active === false) return; // gone, or inactive already
      // Deactivate: kept with active false, everything else (the role too) as the application holds it.
      await save(target, context, id, { ...fromScimUser(held, props), active: false, roleLocked: true }, held);
    },
  } satisfies pulumi.dynamic.ResourceProvider<ScimUserInputs, ScimUserOutputs>;
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

/** The batch resource class of a product's users: `<module>:Users`, implemented by `exportName` of the module at `filename`. */
export function scimUsersResource(spec: { filename: string; exportName: string; module: string }) {
  return dynamicResource<BatchInputs<ScimUserInputs>, BatchOutputs<ScimUserOutputs> & BatchInputs<ScimUserInputs>>({ ...spec, type: "Users", outputs: ["ids"] });
}

const scimUsers = scimUserProviders(scimUserProviderFor(scimProcess), "SCIM application users");

/** scim:Users: this process's SCIM application users, in batches keyed by Entra object id. */
export const scimUsersProvider = scimUsers.batch;

/** scim:User resources left in a stack's state from before batches. */
export const scimUserProvider = scimUsers.retired;

export class ScimAppUsers extends scimUsersResource({ filename: __filename, exportName: "scimUsersProvider", module: "scim" }) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
