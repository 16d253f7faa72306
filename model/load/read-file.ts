// One parsed mapping file turned into typed pieces with positions. It reads defensively: the
// structure has been checked (and reported) already, so anything malformed is skipped here
// rather than reported twice, and the remaining checks still run on the well-formed parts.
import type { GroupReference } from "../../sources/snapshot";
import type { DesiredJumpGroupLink, DesiredPrivxHost, LeaverPolicy, PrivxService } from "../desired";
import type { AttributeRule, ApplicationAlias, GroupAlias, MemberSource, PraGroupPolicyMapping, PrivxRoleMapping, ProtectedAccount, UserAttribute } from "../mapping-model";
import { compareText, problem, ProblemCode, type MappingProblem, type SourcePosition } from "../problems";
import { memberSourcePattern } from "../schema/mapping-schema";
import { privxServices } from "../schema/privx-facts";
import type { Path, YamlFile } from "./yaml-file";

/** A setting that may be written once across all files. */
export type SettingName = "leavers" | "safety.maxRemovals" | "pra.userName" | "pra.leavers" | "privx.userName" | "privx.externalId" | "privx.leavers";

export interface Setting {
  name: SettingName;
  value: unknown;
  at: SourcePosition;
}

export interface RoleReference {
  role: string;
  at: SourcePosition;
}

export interface HostEntry {
  host: DesiredPrivxHost;
  externalIdAt: SourcePosition;
  commonNameAt: SourcePosition;
  contactAddressAt: SourcePosition;
  roleReferences: RoleReference[];
}

export interface FileFragment {
  file: string;
  groups: GroupAlias[];
  applications: ApplicationAlias[];
  protectedAccounts: ProtectedAccount[];
  settings: Setting[];
  /** Where the file opens its `pra:` / `privx:` section, if it does. */
  praAt: SourcePosition | null;
  privxAt: SourcePosition | null;
  groupPolicies: PraGroupPolicyMapping[];
  roles: PrivxRoleMapping[];
  hosts: HostEntry[];
  /** Problems found within this file alone. */
  problems: MappingProblem[];
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const optionalText = (v: unknown): string | null => (typeof v === "string" ? v : null);
const optionalFlag = (v: unknown): boolean | null => (typeof v === "boolean" ? v : null);
const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === "string" && x.length > 0);
const memberSource = new RegExp(memberSourcePattern, "u");
const sortedUnique = (values: string[]): string[] => [...new Set(values)].sort(compareText);

export function readFile(yaml: YamlFile): FileFragment {
  const root = isDict(yaml.value) ? yaml.value : {};
  const at = (path: Path, target?: "value" | "key") => yaml.position(path, target);
  const fragment: FileFragment = {
    file: yaml.file,
    groups: readGroups(root.groups, at),
    applications: readApplications(root.applications, at),
    protectedAccounts: strings(root.protected).map((value, i) => ({ value, at: at(["protected", i]) })),
    settings: [],
    praAt: "pra" in root ? at(["pra"], "key") : null,
    privxAt: "privx" in root ? at(["privx"], "key") : null,
    groupPolicies: [],
    roles: [],
    problems: [],
    hosts: [],
  };
  const setting = (name: SettingName, path: Path, value: unknown) => {
    if (value !== undefined) fragment.settings.push({ name, value, at: at(path) });
  };
  setting("leavers", ["leavers"], root.leavers);
  if (isDict(root.safety)) setting("safety.maxRemovals", ["safety", "maxRemovals"], root.safety.maxRemovals);
  if (isDict(root.pra)) {
    setting("pra.userName", ["pra", "userName"], root.pra.userName);
    setting("pra.leavers", ["pra", "leavers"], root.pra.leavers);
    fragment.groupPolicies = readGroupPolicies(root.pra.groupPolicies, at, fragment.problems);
  }
  if (isDict(root.privx)) {
    setting("privx.userName", ["privx", "userName"], root.privx.userName);
    setting("privx.externalId", ["privx", "externalId"], root.privx.externalId);
    setting("privx.leavers", ["privx", "leavers"], root.privx.leavers);
    fragment.roles = readRoles(root.privx.roles, at);
    fragment.hosts = readHosts(root.privx.hosts, at);
  }
  return fragment;
}

type At = (path: Path, target?: "value" | "key") => SourcePosition;

function readGroups(value: unknown, at: At): GroupAlias[] {
  if (!isDict(value)) return [];
  const out: GroupAlias[] = [];
  for (const [alias, spec] of Object.entries(value)) {
    if (!isDict(spec)) continue;
    const id = text(spec.id);
    const displayName = text(spec.displayName);
    if ((id === null) === (displayName === null)) continue;
    const reference: GroupReference = id !== null ? { id } : { displayName: displayName as string };
    out.push({ alias, reference, scimGroupName: text(spec.scimGroupName), at: at(["groups", alias], "key") });
  }
  return out;
}

function readApplications(value: unknown, at: At): ApplicationAlias[] {
  if (!isDict(value)) return [];
  const out: ApplicationAlias[] = [];
  for (const [alias, spec] of Object.entries(value)) {
    if (!isDict(spec) || text(spec.appId) === null) continue;
    let roles: ApplicationAlias["roles"] = null;
    if (isDict(spec.roles)) {
      roles = {};
      for (const [role, roleSpec] of Object.entries(spec.roles)) {
        roles[role] = { scimGroupName: isDict(roleSpec) ? text(roleSpec.scimGroupName) : null, at: at(["applications", alias, "roles", role], "key") };
      }
    }
    out.push({ alias, appId: (spec.appId as string).toLowerCase(), scimGroupName: text(spec.scimGroupName), roles, at: at(["applications", alias], "key") });
  }
  return out;
}

function readMembers(value: unknown, base: Path, at: At): MemberSource[] {
  const out: MemberSource[] = [];
  list(value).forEach((entry, i) => {
    // Malformed entries were reported by the schema; reading them would add an undefined-alias error.
    if (typeof entry !== "string" || !memberSource.test(entry)) return;
    const position = at([...base, i]);
    const slash = entry.indexOf("/");
    if (slash < 0) out.push({ kind: "group", alias: entry, at: position });
    else out.push({ kind: "application", alias: entry.slice(0, slash), role: entry.slice(slash + 1), at: position });
  });
  return out;
}

function readGroupPolicies(value: unknown, at: At, problems: MappingProblem[]): PraGroupPolicyMapping[] {
  const out: PraGroupPolicyMapping[] = [];
  list(value).forEach((entry, i) => {
    const base = ["pra", "groupPolicies", i];
    if (!isDict(entry) || text(entry.name) === null) return;
    const permissions: PraGroupPolicyMapping["permissions"] = {};
    if (isDict(entry.permissions)) {
      for (const key of Object.keys(entry.permissions).sort(compareText)) {
        const v = entry.permissions[key];
        if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") permissions[key] = v;
      }
    }
    const jumpGroups: DesiredJumpGroupLink[] = [];
    list(entry.jumpGroups).forEach((j, k) => {
      if (!isDict(j) || text(j.name) === null) return;
      const name = j.name as string;
      // A policy links a jump group once (PRA keys the link by jump group).
      if (jumpGroups.some((existing) => existing.jumpGroup === name)) {
        problems.push(problem(ProblemCode.DUPLICATE_NAME, at([...base, "jumpGroups", k, "name"]), `jump group "${name}" is already linked to this policy`));
        return;
      }
      jumpGroups.push({ jumpGroup: name, jumpItemRole: text(j.jumpItemRole), jumpPolicy: text(j.jumpPolicy) });
    });
    jumpGroups.sort((a, b) => compareText(a.jumpGroup, b.jumpGroup));
    out.push({
      name: entry.name as string,
      permissions,
      members: readMembers(entry.members, [...base, "members"], at),
      jumpGroups,
      at: at([...base, "name"]),
    });
  });
  return out;
}

function readRoles(value: unknown, at: At): PrivxRoleMapping[] {
  const out: PrivxRoleMapping[] = [];
  list(value).forEach((entry, i) => {
    const base = ["privx", "roles", i];
    if (!isDict(entry) || text(entry.name) === null) return;
    out.push({ name: entry.name as string, members: readMembers(entry.members, [...base, "members"], at), at: at([...base, "name"]) });
  });
  return out;
}

function readHosts(value: unknown, at: At): HostEntry[] {
  const out: HostEntry[] = [];
  list(value).forEach((entry, i) => {
    const base = ["privx", "hosts", i];
    if (!isDict(entry)) return;
    const externalId = text(entry.externalId);
    const commonName = text(entry.commonName);
    const contactAddress = text(entry.contactAddress);
    if (externalId === null || commonName === null || contactAddress === null) return;
    const roleReferences: RoleReference[] = [];
    const principals = isDict(entry.principals) ? entry.principals : {};
    const directoryRoles = strings(principals.directoryRoles);
    list(principals.directoryRoles).forEach((role, j) => {
      if (typeof role === "string") roleReferences.push({ role, at: at([...base, "principals", "directoryRoles", j]) });
    });
    const sharedAccounts = readSharedAccounts(principals.sharedAccounts, [...base, "principals", "sharedAccounts"], at, roleReferences);
    const entryAt = at(base);
    out.push({
      host: {
        externalId,
        commonName,
        contactAddress,
        description: optionalText(entry.description),
        userMessage: optionalText(entry.userMessage),
        tags: sortedUnique(strings(entry.tags)),
        accessGroupId: text(entry.accessGroupId),
        sshHostPublicKeys: sortedUnique(strings(entry.sshHostPublicKeys)),
        tofu: optionalFlag(entry.tofu),
        auditEnabled: optionalFlag(entry.auditEnabled),
        services: readServices(entry.services),
        directoryRoles: sortedUnique(directoryRoles),
        sharedAccounts,
        organization: optionalText(entry.organization),
        organizationalUnit: optionalText(entry.organizationalUnit),
        zone: optionalText(entry.zone),
        hostType: optionalText(entry.hostType),
        classification: optionalText(entry.classification),
        source: { file: entryAt.file, line: entryAt.line },
      },
      externalIdAt: at([...base, "externalId"]),
      commonNameAt: at([...base, "commonName"]),
      contactAddressAt: at([...base, "contactAddress"]),
      roleReferences,
    });
  });
  return out;
}

const isService = (v: unknown): v is PrivxService => typeof v === "string" && (privxServices as readonly string[]).includes(v);
const isPort = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 65535;

function readServices(value: unknown): DesiredPrivxHost["services"] {
  const pairs: [unknown, unknown][] = Array.isArray(value)
    ? value.filter(isDict).map((s) => [s.service, s.port])
    : isDict(value)
      ? Object.entries(value)
      : [];
  const services = pairs.filter((p): p is [PrivxService, number] => isService(p[0]) && isPort(p[1])).map(([service, port]) => ({ service, port }));
  const unique = new Map(services.map((s) => [`${s.service}:${s.port}`, s]));
  return [...unique.values()].sort((a, b) => compareText(a.service, b.service) || a.port - b.port);
}

function readSharedAccounts(value: unknown, base: Path, at: At, references: RoleReference[]): DesiredPrivxHost["sharedAccounts"] {
  const entries: { account: unknown; roles: unknown; rolesPath: Path }[] = Array.isArray(value)
    ? value.map((s, i) => (isDict(s) ? { account: s.account, roles: s.roles, rolesPath: [...base, i, "roles"] } : { account: null, roles: null, rolesPath: [] }))
    : isDict(value)
      ? Object.entries(value).map(([account, roles]) => ({ account, roles, rolesPath: [...base, account] }))
      : [];
  const byAccount = new Map<string, string[]>();
  for (const { account, roles, rolesPath } of entries) {
    if (typeof account !== "string" || account.length === 0) continue;
    list(roles).forEach((role, j) => {
      if (typeof role === "string") references.push({ role, at: at([...rolesPath, j]) });
    });
    byAccount.set(account, [...(byAccount.get(account) ?? []), ...strings(roles)]);
  }
  return [...byAccount.entries()].map(([account, roles]) => ({ account, roles: sortedUnique(roles) })).sort((a, b) => compareText(a.account, b.account));
}

/** A setting's value once its structure is known to be valid. */
export function attributeRuleOf(value: unknown, at: SourcePosition): AttributeRule | null {
  if (typeof value === "string") return { attribute: value as UserAttribute, lowercase: false, stripDomain: false, at };
  if (isDict(value) && typeof value.attribute === "string") {
    return { attribute: value.attribute as UserAttribute, lowercase: value.lowercase === true, stripDomain: value.stripDomain === true, at };
  }
  return null;
}

export function leaverPolicyOf(value: unknown): LeaverPolicy | null {
  return value === "deactivate" || value === "delete" ? value : null;
}
