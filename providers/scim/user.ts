// scim:User — one user in the SCIM application per in-scope Entra user. Key: the Entra object
// id in `externalId`, so a UPN change renames in place. `roles` is the role the mappings give
// (at the configured role attribute); a role-locked user's role is never written, and its
// outputs show the role the application holds. Updates are PATCH when the server says it
// serves PATCH, else a PUT of the held resource with our attributes set. A 409 uniqueness on
// create adopts the existing user. Removal applies the leaver policy: deactivate (active:
// false, kept) or delete.
import * as pulumi from "@pulumi/pulumi";
import { isApiError } from "../../lib/http";
import type { ScimUser } from "../../lib/scim";
import { changedProperties, diffResult, UNKNOWN } from "../../lib/provider/diff";
import { providerStub } from "../../lib/provider/provider-stub";
import { absentId, isAbsentId, protectedAccountDiff } from "../../lib/provider/protected-account";
import { configureScim, scimContext } from "./context";
import { fromScimUser, patchOperations, rolePath, SERVER_FIELDS, toScimUser, type ScimUserInputs, type ScimUserOutputs } from "./user-wire";

export type { ScimUserInputs, ScimUserOutputs } from "./user-wire";

/** Our own fields are compared too: delete reads onRemove from the stored outputs. */
const COMPARED = [...SERVER_FIELDS, "roleLocked", "roleAttribute", "onRemove"] as const;

function comparedFor(news: ScimUserInputs): readonly string[] {
  // A locked user's role is the application's: never a difference to undo.
  return news.roleLocked ? COMPARED.filter((k) => k !== "roles") : COMPARED;
}

/** The desired inputs as the outputs would show them. */
function asOutputs(inputs: ScimUserInputs): Record<string, unknown> {
  return { ...inputs, roles: Array.isArray(inputs.roles) ? [...inputs.roles].sort() : inputs.roles };
}

const keyOf = (u: ScimUser) => u.userName.toLowerCase();

/** The user this resource is: by externalId, else one not linked to anyone with the same userName. */
async function findExisting(inputs: ScimUserInputs): Promise<ScimUser | undefined> {
  const { users } = scimContext();
  const [byExternalId] = await users.filter((u) => u.externalId === inputs.externalId);
  if (byExternalId) return byExternalId;
  const wanted = inputs.userName.toLowerCase();
  return (await users.filter((u) => !u.externalId && keyOf(u) === wanted))[0];
}

/** Writes the inputs over the held user: PATCH of what differs, or PUT of the whole user. */
async function save(id: string, inputs: ScimUserInputs, held: ScimUser): Promise<ScimUserOutputs> {
  const { users, client } = scimContext();
  const scim = await client();
  const resource = scim.resource<ScimUser>("User");
  let saved: ScimUser | undefined;
  if (scim.dialect.supportsPatch) {
    const ops = patchOperations(inputs, held);
    saved = ops.length === 0 ? held : await resource.patch(id, ops);
    if (!saved) throw new Error(`scim: user ${inputs.userName} (${id}) no longer exists in the application; refresh to recreate it`);
  } else {
    saved = await resource.replace(id, toScimUser(inputs, held));
  }
  await users.remember(saved);
  return fromScimUser(saved, inputs);
}

/** Adopts a user the server refused to duplicate (409 uniqueness), if it is not someone else's. */
async function adoptConflicting(inputs: ScimUserInputs): Promise<ScimUser> {
  const scim = await scimContext().client();
  const existing = await scim.resource<ScimUser>("User").findOneBy("userName", inputs.userName);
  if (!existing?.id) throw new Error(`scim: the application refused user ${inputs.userName} as a duplicate (409 uniqueness) but lists no user with that userName`);
  if (existing.externalId && existing.externalId !== inputs.externalId) {
    throw new Error(
      `scim: user ${inputs.userName} already exists in the application (id ${existing.id}) linked to another directory object (externalId ${existing.externalId}); remove or rename it there, or protect the account`,
    );
  }
  return existing;
}

async function create(inputs: ScimUserInputs): Promise<{ id: string; outs: ScimUserOutputs }> {
  const existing = await findExisting(inputs);
  if (inputs.protected) {
    // A protected account: record what the application holds, write nothing.
    if (existing?.id) return { id: existing.id, outs: fromScimUser(existing, inputs) };
    return { id: absentId(inputs.externalId), outs: { ...inputs, scimId: "" } };
  }
  // Adopt: there is no `pulumi import` for dynamic resources.
  if (existing?.id) return { id: existing.id, outs: await save(existing.id, inputs, existing) };
  const { users, client } = scimContext();
  const scim = await client();
  try {
    const created = await scim.resource<ScimUser>("User").create(toScimUser(inputs));
    await users.remember(created);
    return { id: created.id!, outs: fromScimUser(created, inputs) };
  } catch (err) {
    if (!isApiError(err, "CONFLICT")) throw err;
    const held = await adoptConflicting(inputs);
    return { id: held.id!, outs: await save(held.id!, inputs, held) };
  }
}

const LEAVER_POLICIES = ["deactivate", "delete"];
const isUnknown = (v: unknown) => v === UNKNOWN;

export const scimUserProvider = {
  configure: configureScim,

  async check(_olds, news) {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    if (!news.externalId) failures.push({ property: "externalId", reason: "the Entra object id is required" });
    if (!news.userName) failures.push({ property: "userName", reason: "a userName is required" });
    if (!LEAVER_POLICIES.includes(news.onRemove) && !isUnknown(news.onRemove)) failures.push({ property: "onRemove", reason: 'must be "deactivate" or "delete"' });
    if (typeof news.active !== "boolean" && !isUnknown(news.active)) failures.push({ property: "active", reason: "must be true or false" });
    if (!Array.isArray(news.roles) || news.roles.some((r) => typeof r !== "string" || r === "")) failures.push({ property: "roles", reason: "must be a list of role values" });
    try {
      rolePath(news.roleAttribute);
    } catch {
      failures.push({ property: "roleAttribute", reason: "must be roles, an attribute name, or <extension schema URN>:<attribute>" });
    }
    return { inputs: news, failures };
  },

  async diff(id, olds, news) {
    const protection = protectedAccountDiff(id, olds, news);
    if (protection) return protection;
    return diffResult(olds as unknown as Record<string, unknown>, asOutputs(news), comparedFor(news));
  },

  create,

  async read(id, props) {
    if (isAbsentId(id)) return { id, props };
    const user = await scimContext().users.get(id);
    if (!user) return {};
    const local = { roleAttribute: props?.roleAttribute ?? "roles", roleLocked: props?.roleLocked ?? false, onRemove: props?.onRemove ?? "deactivate", protected: props?.protected ?? false };
    return { id, props: fromScimUser(user, local) };
  },

  async update(id, olds, news) {
    if (news.protected) return { outs: { ...olds, onRemove: news.onRemove, protected: true } };
    const local = { roleLocked: news.roleLocked, roleAttribute: news.roleAttribute, onRemove: news.onRemove, protected: false };
    const serverFields = comparedFor(news).filter((k) => (SERVER_FIELDS as readonly string[]).includes(k));
    if (changedProperties(olds as unknown as Record<string, unknown>, asOutputs(news), serverFields).length === 0 && olds.roleAttribute === news.roleAttribute) {
      // Only our own fields changed (leaver policy, lock): nothing to send.
      return { outs: { ...olds, ...local } };
    }
    const held = await scimContext().users.get(id);
    if (!held) throw new Error(`scim: user ${news.userName} (${id}) no longer exists in the application; refresh to recreate it`);
    return { outs: await save(id, news, held) };
  },

  async delete(id, props) {
    if (props.protected || isAbsentId(id)) return;
    const { users, client } = scimContext();
    const scim = await client();
    if (props.onRemove === "delete") {
      await scim.resource<ScimUser>("User").delete(id);
      await users.forget(id);
      return;
    }
    const held = await users.get(id);
    if (!held) return; // already gone
    if (held.active === false) return;
    // Deactivate: kept with active false, everything else as the application holds it.
    await save(id, { ...fromScimUser(held, props), active: false, roleLocked: true }, held);
  },
} satisfies pulumi.dynamic.ResourceProvider<ScimUserInputs, ScimUserOutputs>;

const stub = providerStub("dist/providers/scim/user", "scimUserProvider");

export class ScimAppUser extends pulumi.dynamic.Resource {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly userName: pulumi.Output<string>;

  constructor(name: string, args: ScimUserInputs, opts?: pulumi.CustomResourceOptions) {
    super(stub, name, { ...args, scimId: undefined }, opts, "scim", "User");
  }
}
