// scim:Group — with provisionGroups, one group in the SCIM application per mapped member
// source, holding its in-scope transitive members (the application sees a flat group, never a
// nested one). Members are a map userName → Entra object id, so a diff reads "+ alice"; on the
// wire they are the SCIM ids of the users with that externalId. Membership changes are PATCH
// add/remove when the server serves PATCH, else a PUT of the whole group. Protected accounts'
// memberships stay as the application holds them.
import * as pulumi from "@pulumi/pulumi";
import { SCHEMA, type ScimGroup, type ScimPatchOperation, type ScimUser } from "../../lib/scim";
import { diffResult } from "../../lib/provider/diff";
import { providerStub } from "../../lib/provider/provider-stub";
import type { DesiredScimGroup } from "./desired";
import { configureScim, scimContext } from "./context";

export interface ScimGroupInputs {
  externalId: string;
  displayName: string;
  /** userName → Entra object id. */
  members: Record<string, string>;
  /** Protected accounts (lowercase names, mail addresses, object ids): their membership is left as it is. */
  protectedAccounts: string[];
}
export interface ScimGroupOutputs extends ScimGroupInputs {
  scimId: string;
}

const COMPARED = ["externalId", "displayName", "members"] as const;

export function groupInputsOf(group: DesiredScimGroup, entraIdOf: (userName: string) => string, protectedAccounts: readonly string[]): ScimGroupInputs {
  return {
    externalId: group.externalId,
    displayName: group.displayName,
    members: Object.fromEntries(group.members.map((userName) => [userName, entraIdOf(userName)])),
    protectedAccounts: [...protectedAccounts],
  };
}

function isProtectedUser(user: ScimUser, protectedAccounts: readonly string[]): boolean {
  const keys = [user.userName, user.externalId, ...(Array.isArray(user.emails) ? user.emails : []).map((e) => e.value)];
  return keys.some((k) => typeof k === "string" && protectedAccounts.includes(k.toLowerCase()));
}

async function usersById(): Promise<Map<string, ScimUser>> {
  return new Map((await scimContext().users.all()).map((u) => [u.id!, u]));
}

function memberIdsOf(group: ScimGroup): string[] {
  return (Array.isArray(group.members) ? group.members : []).map((m) => m.value).filter((v): v is string => typeof v === "string");
}

/** Members as the resource shows them; a member the index does not know stays visible. */
export function membersOf(group: ScimGroup, users: Map<string, ScimUser>, protectedAccounts: readonly string[]): Record<string, string> {
  const members: Record<string, string> = {};
  for (const id of memberIdsOf(group)) {
    const user = users.get(id);
    if (user && isProtectedUser(user, protectedAccounts)) continue;
    if (user) members[user.userName] = user.externalId ?? "";
    else members[`unknown SCIM member ${id}`] = "";
  }
  return Object.fromEntries(Object.entries(members).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The SCIM ids the group should hold: the desired members, plus protected members it already holds. */
async function wantedIds(inputs: ScimGroupInputs, held: ScimGroup | undefined): Promise<string[]> {
  const users = await usersById();
  const byExternalId = new Map([...users.values()].map((u) => [u.externalId, u.id!]));
  const missing: string[] = [];
  const ids = Object.entries(inputs.members).map(([userName, entraId]) => {
    const id = byExternalId.get(entraId);
    if (!id) missing.push(userName);
    return id ?? "";
  });
  if (missing.length) throw new Error(`scim: group ${inputs.displayName}: no SCIM user for ${missing.join(", ")} (their scim:User resources must be created first)`);
  const keptProtected = held ? memberIdsOf(held).filter((id) => users.has(id) && isProtectedUser(users.get(id)!, inputs.protectedAccounts)) : [];
  return [...new Set([...ids, ...keptProtected])].sort();
}

async function outputsOf(group: ScimGroup, protectedAccounts: readonly string[]): Promise<ScimGroupOutputs> {
  return { scimId: group.id!, externalId: group.externalId ?? "", displayName: group.displayName, members: membersOf(group, await usersById(), protectedAccounts), protectedAccounts: [...protectedAccounts] };
}

async function save(inputs: ScimGroupInputs, held: ScimGroup | undefined): Promise<ScimGroupOutputs> {
  const { groups, client } = scimContext();
  const scim = await client();
  const resource = scim.resource<ScimGroup>("Group");
  const ids = await wantedIds(inputs, held);
  const body: ScimGroup = { schemas: [SCHEMA.group], externalId: inputs.externalId, displayName: inputs.displayName, members: ids.map((value) => ({ value })) };
  let saved: ScimGroup | undefined;
  if (!held?.id) {
    saved = await resource.create(body);
  } else if (scim.dialect.supportsPatch) {
    const before = new Set(memberIdsOf(held));
    const after = new Set(ids);
    const ops: ScimPatchOperation[] = [];
    if (held.displayName !== inputs.displayName) ops.push({ op: "replace", path: "displayName", value: inputs.displayName });
    if (held.externalId !== inputs.externalId) ops.push({ op: "replace", path: "externalId", value: inputs.externalId });
    const added = ids.filter((id) => !before.has(id));
    if (added.length) ops.push({ op: "add", path: "members", value: added.map((value) => ({ value })) });
    for (const id of [...before].filter((id) => !after.has(id))) ops.push({ op: "remove", path: `members[value eq ${JSON.stringify(id)}]` });
    saved = ops.length === 0 ? held : await resource.patch(held.id, ops);
    if (!saved) throw new Error(`scim: group ${inputs.displayName} (${held.id}) no longer exists in the application; refresh to recreate it`);
  } else {
    saved = await resource.replace(held.id, { ...body, id: held.id });
  }
  await groups.remember(saved);
  return outputsOf(saved, inputs.protectedAccounts);
}

async function findExisting(inputs: ScimGroupInputs): Promise<ScimGroup | undefined> {
  const { groups } = scimContext();
  const [byExternalId] = await groups.filter((g) => g.externalId === inputs.externalId);
  if (byExternalId) return byExternalId;
  return (await groups.filter((g) => !g.externalId && g.displayName === inputs.displayName))[0];
}

export const scimGroupProvider = {
  configure: configureScim,

  async check(_olds, news) {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    if (!news.displayName) failures.push({ property: "displayName", reason: "a displayName is required" });
    if (!news.externalId) failures.push({ property: "externalId", reason: "the Entra group id is required" });
    return { inputs: news, failures };
  },

  async diff(_id, olds, news) {
    return diffResult(olds as unknown as Record<string, unknown>, news as unknown as Record<string, unknown>, COMPARED);
  },

  async create(inputs) {
    const outs = await save(inputs, await findExisting(inputs));
    return { id: outs.scimId, outs };
  },

  async read(id, props) {
    const group = await scimContext().groups.get(id);
    if (!group) return {};
    return { id, props: await outputsOf(group, props?.protectedAccounts ?? []) };
  },

  async update(id, _olds, news) {
    const held = await scimContext().groups.get(id);
    return { outs: await save(news, held ?? { id, displayName: news.displayName, members: [] }) };
  },

  async delete(id) {
    const { groups, client } = scimContext();
    await (await client()).resource<ScimGroup>("Group").delete(id);
    await groups.forget(id);
  },
} satisfies pulumi.dynamic.ResourceProvider<ScimGroupInputs, ScimGroupOutputs>;

const stub = providerStub("dist/providers/scim/group", "scimGroupProvider");

export class ScimAppGroup extends pulumi.dynamic.Resource {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;

  constructor(name: string, args: ScimGroupInputs, opts?: pulumi.CustomResourceOptions) {
    super(stub, name, { ...args, scimId: undefined }, opts, "scim", "Group");
  }
}
