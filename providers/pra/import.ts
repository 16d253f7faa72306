// `npm run import` for PRA: the group policies PRA holds (permissions, jump groups with their jump
// item role and jump policy, member groups) as the `pra:` section. A member SCIM group maps back
// to its Entra group by the SCIM group's externalId (the Entra group id), else by display name;
// every other member (local users, LDAP or SAML members, SCIM users) is a commented entry.
// readPraHoldings is the I/O; praImport is pure.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimGroup, ScimUser } from "../../lib/scim";
import type { ResolvedApplication, ResolvedGroup } from "../../sources/snapshot";
import { groupPolicyJumpGroupEndpoint, groupPolicyMemberEndpoint, securityProviderEndpoint, TOP_LEVEL, userEndpoint, type GroupPolicyMember } from "./api";
import { praContextFrom } from "./context";
import { praGroupPolicyFields, praLimits } from "./facts";
import { unsafeNameReason } from "../../model/load/unsafe-text";
import {
  accountChanges,
  applicationUsers,
  compare,
  directoryUserOf,
  groupById,
  groupByName,
  inferUserNameRule,
  userNameRuleYaml,
  type GroupAliases,
  type ImportDirectory,
  type Unexpressed,
  type UserNameRule,
} from "../import/model";

export interface HeldPraPolicy {
  name: string;
  /** The policy's fields as PRA returns them. */
  fields: Record<string, unknown>;
  members: GroupPolicyMember[];
  jumpGroups: { jumpGroup: string; jumpItemRole: string | null; jumpPolicy: string | null }[];
}

/** What PRA holds that the mappings can speak of. */
export interface PraHoldings {
  scimProviderId: number;
  policies: HeldPraPolicy[];
  scimGroups: { displayName: string; externalId: string | null; memberUserNames: string[] }[];
  scimUsers: { userName: string; externalId: string | null; active: boolean }[];
  /** Security provider id → name, and Configuration API user id → username, to name other members. */
  providerNames: Record<number, string>;
  userNames: Record<number, string>;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Reads, never writes: policies with their members and jump groups, SCIM groups and users. */
export async function readPraHoldings(get: ConfigGetter): Promise<PraHoldings> {
  const context = praContextFrom(get);
  const api = context.api();
  const lookups = await context.lookups();
  const [policies, scimGroups, scimUsers, providers] = await Promise.all([
    context.groupPolicies.all(),
    collect(context.scim.resource<ScimGroup>("Group").list()),
    collect(context.scim.resource<ScimUser>("User").list()),
    collect(api.list(securityProviderEndpoint, TOP_LEVEL)),
  ]);
  const userNameOfScimId = new Map(scimUsers.map((u) => [String(u.id), u.userName]));
  const held = await Promise.all(
    [...policies]
      .sort((a, b) => a.id - b.id)
      .map(async (policy): Promise<HeldPraPolicy> => {
        const parent = { policyId: policy.id };
        const [members, links] = await Promise.all([
          collect(api.list(groupPolicyMemberEndpoint, parent)),
          collect(api.list(groupPolicyJumpGroupEndpoint, parent)),
        ]);
        return {
          name: policy.name,
          fields: { ...policy },
          members,
          jumpGroups: links.map((l) => ({
            jumpGroup: lookups.jumpGroups.find((g) => g.id === l.jump_group_id)?.name ?? `#${l.jump_group_id}`,
            jumpItemRole: l.jump_item_role_id ? (lookups.jumpItemRoles.find((r) => r.id === l.jump_item_role_id)?.name ?? `#${l.jump_item_role_id}`) : null,
            jumpPolicy: l.jump_policy_id ? (lookups.jumpPolicies.find((p) => p.id === l.jump_policy_id)?.display_name ?? `#${l.jump_policy_id}`) : null,
          })),
        };
      }),
  );
  // Users that are members themselves (local, LDAP, ...) are named: read one by one, as there are few.
  const memberUserIds = [...new Set(held.flatMap((p) => p.members.flatMap((m) => (m.user_id !== undefined ? [m.user_id] : []))))];
  const users = (await Promise.all(memberUserIds.map((id) => api.get(userEndpoint, TOP_LEVEL, id)))).filter((u) => u !== undefined);
  return {
    scimProviderId: lookups.scimProvider.id,
    policies: held,
    scimGroups: scimGroups.map((g) => ({
      displayName: g.displayName,
      externalId: typeof g.externalId === "string" && g.externalId ? g.externalId : null,
      memberUserNames: (g.members ?? []).map((m) => userNameOfScimId.get(String(m.value)) ?? String(m.display ?? m.value)),
    })),
    scimUsers: scimUsers.map((u) => ({
      userName: u.userName,
      externalId: typeof u.externalId === "string" && u.externalId ? u.externalId : null,
      active: u.active !== false,
    })),
    providerNames: Object.fromEntries(providers.map((p) => [p.id, p.name])),
    userNames: Object.fromEntries(users.map((u) => [u.id, u.username])),
  };
}

/** The Entra groups PRA's SCIM groups name, for the directory read: by externalId, and by name for the rest. */
export function praGroupReferences(h: PraHoldings): { ids: string[]; names: string[] } {
  const used = new Set(
    h.policies.flatMap((p) => p.members.filter((m) => m.security_provider_id === h.scimProviderId && m.group_name).map((m) => m.group_name!.toLowerCase())),
  );
  const groups = h.scimGroups.filter((g) => used.has(g.displayName.toLowerCase()));
  // A linked group is found by its key only, an unlinked one by its name (as the run adopts them).
  return { ids: groups.flatMap((g) => (g.externalId ? [g.externalId] : [])), names: groups.filter((g) => !g.externalId).map((g) => g.displayName) };
}

/** The people PRA holds, for the directory read: object ids and usernames. */
export function praAccountReferences(h: PraHoldings): string[] {
  return h.scimUsers.flatMap((u) => [u.externalId, u.userName].filter((v): v is string => !!v));
}

export interface PraImport {
  section: Record<string, unknown>;
  /** Comment lines per policy index: the members the mappings cannot state. */
  memberComments: Map<number, string[]>;
  unexpressed: Unexpressed[];
}

/** PRA's holdings as the `pra:` section, with what it cannot state. */
export function praImport(h: PraHoldings, directory: ImportDirectory, aliases: GroupAliases): PraImport {
  const unexpressed: Unexpressed[] = [];
  const pairs = h.scimUsers.flatMap((u) => {
    const user = directoryUserOf(directory, u);
    return user ? [{ held: u.userName, user }] : [];
  });
  const { rule } = inferUserNameRule(pairs);
  const scimGroupNamed = (name: string) => h.scimGroups.find((g) => g.displayName.toLowerCase() === name.toLowerCase());
  const memberComments = new Map<number, string[]>();
  const checkedGroups = new Set<string>();
  // Accounts in a member group are the ones the run manages.
  const inScope = new Set<string>();

  const nameProblem = (p: HeldPraPolicy) =>
    p.name.length > praLimits.groupPolicyName ? `is longer than ${praLimits.groupPolicyName} characters` : unsafeNameReason(p.name);
  for (const policy of h.policies.filter(nameProblem))
    unexpressed.push({
      target: "pra",
      object: `group policy ${JSON.stringify(policy.name)}`,
      detail: `its name ${nameProblem(policy)}: left out, not managed`,
      effect: "ignored",
    });
  const policies = h.policies
    .filter((p) => !nameProblem(p))
    .map((policy, index) => {
      const object = `group policy "${policy.name}"`;
      const members: string[] = [];
      const comments: string[] = [];
      // A SCIM group no Entra source has leaves the policy on the next run; a member of another security provider is
      // kept, as a policy without `unmanagedMembers: remove` keeps what the mappings cannot state.
      const other = (label: string, why: string, kept: boolean) => {
        comments.push(`${label}: ${why}`);
        unexpressed.push(
          kept
            ? { target: "pra", object, detail: `member ${label}: ${why}; the policy keeps it (unmanagedMembers: keep)`, effect: "ignored" }
            : { target: "pra", object, detail: `member ${label}: ${why}; the run removes it from the policy`, effect: "changes" },
        );
      };
      for (const member of policy.members) {
        if (member.security_provider_id === h.scimProviderId && member.group_name) {
          const scimGroup = scimGroupNamed(member.group_name);
          const source = entraSourceOf(scimGroup, member.group_name, directory);
          if (!source) {
            other(
              `SCIM group "${member.group_name}"`,
              scimGroup?.externalId
                ? `its externalId ${scimGroup.externalId} is no Entra group or application the directory has`
                : "no single Entra group has its name",
              false,
            );
            continue;
          }
          const praName = scimGroup?.displayName ?? member.group_name;
          const alias = source.kind === "group" ? aliases.aliasOf(source.group, praName) : aliases.applicationSource(source.app, source.role, praName);
          for (const id of source.userIds) inScope.add(id);
          if (!members.includes(alias)) members.push(alias);
          if (scimGroup && !checkedGroups.has(scimGroup.displayName)) {
            checkedGroups.add(scimGroup.displayName);
            unexpressed.push(...groupMembershipChanges(scimGroup, source, directory, rule));
          }
          continue;
        }
        other(memberLabel(member, h), "the mappings name Entra groups and people, not members of other security providers", true);
      }
      if (comments.length) memberComments.set(index, comments);
      const jumpGroups = policy.jumpGroups
        .filter((j) => {
          const unknown = [j.jumpGroup, j.jumpItemRole, j.jumpPolicy].find((v) => v?.startsWith("#"));
          if (unknown) unexpressed.push({ target: "pra", object, detail: `jump group ${j.jumpGroup}: ${unknown} cannot be read by name`, effect: "changes" });
          return !unknown;
        })
        .sort((a, b) => compare(a.jumpGroup, b.jumpGroup))
        .map((j) => ({
          name: j.jumpGroup,
          ...(j.jumpItemRole ? { jumpItemRole: j.jumpItemRole } : {}),
          ...(j.jumpPolicy ? { jumpPolicy: j.jumpPolicy } : {}),
        }));
      const { permissions, invalid } = permissionsOf(policy.fields);
      for (const value of invalid)
        unexpressed.push({
          target: "pra",
          object,
          detail: `permission ${value} is not a value the mappings accept: left out, PRA keeps it`,
          effect: "ignored",
        });
      return { name: policy.name, members, permissions, ...(jumpGroups.length ? { jumpGroups } : {}) };
    });
  const managed = h.scimUsers.flatMap((u) => {
    const user = directoryUserOf(directory, u, rule);
    return user && inScope.has(user.id) ? [{ held: u.userName, active: u.active, user }] : [];
  });
  unexpressed.push(...accountChanges("pra", managed, rule));
  return { section: { userName: userNameRuleYaml(rule), groupPolicies: policies }, memberComments, unexpressed };
}

/** The policy's permission fields that PRA holds a value for, in the table's order; `invalid` names values the mappings would refuse. */
export function permissionsOf(fields: Record<string, unknown>): { permissions: Record<string, unknown>; invalid: string[] } {
  const permissions: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [name, field] of Object.entries(praGroupPolicyFields)) {
    const value = fields[name];
    if (value === null || value === undefined) continue;
    const valid =
      field.type === "boolean"
        ? typeof value === "boolean"
        : field.type === "string"
          ? typeof value === "string" && field.enum.includes(value)
          : typeof value === "number" &&
            Number.isInteger(value) &&
            value >= field.minimum &&
            value <= field.maximum &&
            (!field.allowed || field.allowed.includes(value));
    if (valid) permissions[name] = value;
    else invalid.push(`${name}: ${JSON.stringify(value)}`);
  }
  return { permissions, invalid };
}

/** What a PRA SCIM group stands for in the directory: a group, or an application or one of its app roles. */
type EntraSource =
  | { kind: "group"; group: ResolvedGroup; name: string; userIds: string[] }
  | { kind: "application"; app: ResolvedApplication; role: string | null; name: string; userIds: string[] };

const APP_KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/(.+))?$/i;

function entraSourceOf(scimGroup: PraHoldings["scimGroups"][number] | undefined, name: string, directory: ImportDirectory): EntraSource | undefined {
  const ofGroup = (group: ResolvedGroup | undefined): EntraSource | undefined =>
    group && { kind: "group", group, name: `Entra group "${group.displayName}"`, userIds: group.userIds };
  if (scimGroup?.externalId) {
    // The key the run writes: the Entra group id, the application's appId, or `<appId>/<app role value>`.
    const byId = groupById(directory, scimGroup.externalId);
    if (byId) return ofGroup(byId);
    const key = APP_KEY.exec(scimGroup.externalId);
    const app = key ? directory.applications.find((a) => a.appId.toLowerCase() === key[1].toLowerCase()) : undefined;
    if (app) {
      const role = key![2] ?? null;
      return { kind: "application", app, role, name: `application "${app.displayName}"${role ? ` role ${role}` : ""}`, userIds: applicationUsers(app, role) };
    }
    // Linked to something else: the run would not adopt it by name (it looks for an unlinked group).
    return undefined;
  }
  return ofGroup(groupByName(directory, scimGroup?.displayName ?? name));
}

/**
 * The application ids PRA's SCIM groups are surely linked to (`<appId>/<role>`), for the directory
 * read; a bare GUID key is an Entra group's id or an application's appId, tried as a group first.
 */
export function praApplicationReferences(h: PraHoldings): string[] {
  return [
    ...new Set(h.scimGroups.flatMap((g) => (g.externalId ? [APP_KEY.exec(g.externalId)] : [])).flatMap((m) => (m?.[2] ? [m[1].toLowerCase()] : []))),
  ].sort();
}

/** How the run will change the SCIM group's members: it holds exactly the Entra group's users. */
function groupMembershipChanges(
  scimGroup: PraHoldings["scimGroups"][number],
  source: EntraSource,
  directory: ImportDirectory,
  rule: UserNameRule,
): Unexpressed[] {
  const heldIds = new Set<string>();
  const strangers: string[] = [];
  for (const userName of scimGroup.memberUserNames) {
    const user = directoryUserOf(directory, { userName }, rule);
    if (user) heldIds.add(user.id);
    else strangers.push(userName);
  }
  const wanted = new Set(source.userIds);
  const joins = [...wanted].filter((id) => !heldIds.has(id)).map((id) => directory.users.get(id)?.userPrincipalName ?? id);
  const leaves = [...[...heldIds].filter((id) => !wanted.has(id)).map((id) => directory.users.get(id)?.userPrincipalName ?? id), ...strangers];
  if (!joins.length && !leaves.length) return [];
  const parts = [joins.length ? `joins ${joins.sort().join(", ")}` : "", leaves.length ? `leaves ${leaves.sort().join(", ")}` : ""].filter(Boolean);
  return [
    {
      target: "pra",
      object: `SCIM group "${scimGroup.displayName}"`,
      detail: `holds other people than ${source.name}: ${parts.join("; ")}`,
      effect: "changes",
    },
  ];
}

function memberLabel(member: GroupPolicyMember, h: PraHoldings): string {
  const provider = h.providerNames[member.security_provider_id] ?? `security provider #${member.security_provider_id}`;
  if (member.group_name) return `group "${member.group_name}" of ${provider}`;
  if (member.distinguished_name) return `user "${member.distinguished_name}" of ${provider}`;
  const name = member.user_id !== undefined ? h.userNames[member.user_id] : undefined;
  return `user ${name ? `"${name}"` : `#${member.user_id}`} of ${provider}`;
}
