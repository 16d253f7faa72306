// `npm run import` for PrivX: the roles its SCIM users hold as `privx.roles` (an Entra group whose
// enabled members hold exactly the role, else one direct grant per holder), and its hosts as
// `privx.hosts` in the natural form the mappings use (host-format.ts reads PrivX's packed
// strings). readPrivxHoldings is the I/O; privxImport is pure.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimResource, ScimUser } from "../../lib/scim";
import type { DirectoryUser } from "../../sources/snapshot";
import { privxContextFrom } from "./context";
import { hasPrivxBuiltInPrefix } from "./facts";
import { hostFromScim, type PrivxHostFields } from "./host-format";
import { mappedRoles } from "./scim-user";
import { hostCheckFailures } from "./host";
import { isValidHostAddress } from "./host-address";
import {
  accountChanges,
  compare,
  directGrant,
  directoryUserOf,
  groupHoldingExactly,
  inferUserNameRule,
  userNameRuleYaml,
  type GroupAliases,
  type ImportDirectory,
  type Unexpressed,
} from "../import/model";

export interface PrivxHoldings {
  users: { userName: string; externalId: string | null; active: boolean; roles: string[] }[];
  /** Host resources as PrivX returns them. */
  hosts: unknown[];
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export async function readPrivxHoldings(get: ConfigGetter): Promise<PrivxHoldings> {
  const context = privxContextFrom(get);
  const [users, hosts] = await Promise.all([
    collect(context.scim.resource<ScimUser>("User").list()),
    collect(context.scim.resource<ScimResource>("Host").list()),
  ]);
  return {
    users: users.map((u) => ({
      userName: u.userName,
      externalId: typeof u.externalId === "string" && u.externalId ? u.externalId : null,
      active: u.active !== false,
      roles: mappedRoles(u),
    })),
    hosts,
  };
}

export function privxAccountReferences(h: PrivxHoldings): string[] {
  return h.users.flatMap((u) => [u.externalId, u.userName].filter((v): v is string => !!v));
}

export interface PrivxImport {
  /** userName, externalId and roles (privx.yaml). */
  roles: Record<string, unknown>;
  /** The host inventory (hosts.yaml), or undefined when PrivX holds no host. */
  hosts: Record<string, unknown> | undefined;
  unexpressed: Unexpressed[];
}

const ROLE_NAME = /^[^:,=\s]([^:,=]*[^:,=\s])?$/;

export function privxImport(h: PrivxHoldings, directory: ImportDirectory, aliases: GroupAliases): PrivxImport {
  const unexpressed: Unexpressed[] = [];
  const matched = h.users.map((u) => ({ account: u, user: directoryUserOf(directory, u) }));
  const known = matched.filter((m): m is { account: PrivxHoldings["users"][number]; user: DirectoryUser } => !!m.user);
  const userName = inferUserNameRule(known.map((m) => ({ held: m.account.userName, user: m.user }))).rule;
  const externalId = inferUserNameRule(known.flatMap((m) => (m.account.externalId ? [{ held: m.account.externalId, user: m.user }] : []))).rule;
  for (const m of matched) {
    if (!m.user && m.account.roles.length)
      unexpressed.push({
        target: "privx",
        object: `user ${m.account.userName}`,
        detail: `holds ${m.account.roles.join(", ")} but is not in the directory`,
        effect: "ignored",
      });
  }

  const holders = new Map<string, DirectoryUser[]>();
  for (const m of known) {
    if (!m.account.active) continue;
    for (const role of m.account.roles) holders.set(role, [...(holders.get(role) ?? []), m.user]);
  }
  const managed = known.filter((m) => m.account.active && m.account.roles.some((r) => holders.has(r)));
  unexpressed.push(
    ...accountChanges(
      "privx",
      managed.map((m) => ({ held: m.account.userName, active: true, user: m.user })),
      userName,
    ),
  );
  const roles: Record<string, unknown>[] = [];
  // A system role is written like any other (the loader warns about it): leaving it out would take it from its holders.
  const expressible = (role: string, why: string) => {
    if (ROLE_NAME.test(role)) return true;
    unexpressed.push({
      target: "privx",
      object: `role ${role}`,
      detail: `the name cannot be written in the mappings (${why}): the run takes it from holders it manages`,
      effect: "changes",
    });
    return false;
  };
  for (const [role, people] of [...holders].sort(([a], [b]) => compare(a, b))) {
    if (!expressible(role, `held by ${people.length}`)) continue;
    const group = groupHoldingExactly(directory, new Set(people.map((p) => p.id)));
    const members = group ? [aliases.aliasOf(group)] : [...people].sort((a, b) => compare(a.userPrincipalName, b.userPrincipalName)).map(directGrant);
    roles.push({ name: role, members });
  }

  const hosts: Record<string, unknown>[] = [];
  for (const resource of h.hosts) {
    const parsed = hostFromScim(resource);
    const host = parsed.value;
    if (parsed.problems.length) {
      unexpressed.push({
        target: "privx",
        object: `host ${host.externalId || host.commonName || "(no externalId)"}`,
        detail: `cannot be read: ${parsed.problems.map((p) => p.message).join("; ")}`,
        effect: "ignored",
      });
      continue;
    }
    const failures = hostCheckFailures(host);
    if (!isValidHostAddress(host.contactAddress))
      failures.push({ property: "contactAddress", reason: `"${host.contactAddress}" is not a host name, IPv4 or IPv6 address` });
    if (failures.length) {
      unexpressed.push({
        target: "privx",
        object: `host ${host.externalId}`,
        detail: `the mappings would refuse it: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
        effect: "ignored",
      });
      continue;
    }
    const hostRoles = [...host.directoryRoles, ...host.sharedAccounts.flatMap((a) => a.roles)];
    const bad = hostRoles.find((r) => hasPrivxBuiltInPrefix(r) || !ROLE_NAME.test(r));
    if (bad) {
      unexpressed.push({
        target: "privx",
        object: `host ${host.externalId}`,
        detail: `grants role ${bad}, which the mappings cannot name on a host: left out, not managed`,
        effect: "ignored",
      });
      continue;
    }
    // A role a host names must be defined: one nobody holds is defined with no members.
    for (const role of hostRoles) if (!roles.some((r) => r.name === role)) roles.push({ name: role, members: [] });
    hosts.push(hostYaml(host));
  }
  roles.sort((a, b) => compare(String(a.name), String(b.name)));
  return {
    roles: { userName: userNameRuleYaml(userName), externalId: userNameRuleYaml(externalId), roles },
    hosts: hosts.length ? { hosts: hosts.sort((a, b) => compare(String(a.externalId), String(b.externalId))) } : undefined,
    unexpressed,
  };
}

/** A host in the mappings' natural form: empty and null fields left out, services and principals as structures. */
export function hostYaml(host: PrivxHostFields): Record<string, unknown> {
  const out: Record<string, unknown> = { externalId: host.externalId, commonName: host.commonName, contactAddress: host.contactAddress };
  const optional = <K extends keyof PrivxHostFields>(key: K) => {
    const value = host[key];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return;
    out[key] = value;
  };
  for (const key of ["description", "userMessage", "tags", "accessGroupId", "sshHostPublicKeys", "tofu", "auditEnabled"] as const) optional(key);
  if (host.services.length) out.services = host.services.map((s) => ({ service: s.service, port: s.port }));
  if (host.directoryRoles.length || host.sharedAccounts.length) {
    out.principals = {
      ...(host.directoryRoles.length ? { directoryRoles: [...host.directoryRoles] } : {}),
      ...(host.sharedAccounts.length ? { sharedAccounts: host.sharedAccounts.map((a) => ({ account: a.account, roles: [...a.roles] })) } : {}),
    };
  }
  for (const key of ["organization", "organizationalUnit", "zone", "hostType", "classification"] as const) optional(key);
  return out;
}
