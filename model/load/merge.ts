// All files' pieces merged into one model, with the checks that need every file at once:
// duplicate names and settings, references to aliases and roles, host addresses and ids.
import type { LeaverPolicy } from "../desired";
import {
  defaultLeaverPolicy,
  defaultMaxRemovals,
  type ApplicationAlias,
  type AttributeRule,
  type GroupAlias,
  type MappingModel,
  type MemberSource,
} from "../mapping-model";
import { compareText, problem, ProblemCode, type MappingProblem, type SourcePosition } from "../problems";
import { isPrivxSystemRole } from "../schema/privx-facts";
import { isValidHostAddress } from "./host-address";
import { attributeRuleOf, leaverPolicyOf, type FileFragment, type Setting, type SettingName } from "./read-file";

export interface MergeResult {
  model: MappingModel;
  errors: MappingProblem[];
  warnings: MappingProblem[];
}

const byPosition = (a: SourcePosition, b: SourcePosition) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column;

/**
 * @param checkReferences false when some file could not be parsed: its aliases are unknown, so
 * "undefined alias" errors would be noise.
 */
export function mergeFragments(files: string[], fragments: FileFragment[], checkReferences: boolean): MergeResult {
  const errors: MappingProblem[] = [];
  const warnings: MappingProblem[] = [];
  const all = <T>(pick: (f: FileFragment) => T[]): T[] => fragments.flatMap(pick);
  errors.push(...all((f) => f.problems));

  const groups = all((f) => f.groups);
  const applications = all((f) => f.applications);
  const aliases: { name: string; at: SourcePosition }[] = [...groups, ...applications].map((a) => ({ name: a.alias, at: a.at }));
  errors.push(...duplicates(aliases, (a) => a.name, (a) => a.at, "alias"));
  const groupReference = (g: GroupAlias) => ("id" in g.reference ? g.reference.id.toLowerCase() : g.reference.displayName);
  errors.push(...duplicates(groups, (g) => `${"id" in g.reference}:${groupReference(g)}`, (g) => g.at, "group", ProblemCode.DUPLICATE_NAME, groupReference));
  errors.push(...duplicates(applications, (a) => a.appId, (a) => a.at, "application"));

  const policies = all((f) => f.groupPolicies);
  errors.push(...duplicates(policies, (p) => p.name.toLowerCase(), (p) => p.at, "group policy", ProblemCode.DUPLICATE_NAME, (p) => p.name));
  const roles = all((f) => f.roles);
  errors.push(...duplicates(roles, (r) => r.name.toLowerCase(), (r) => r.at, "PrivX role", ProblemCode.DUPLICATE_NAME, (r) => r.name));
  for (const role of roles) {
    if (isPrivxSystemRole(role.name)) {
      warnings.push(problem(ProblemCode.PRIVX_SYSTEM_ROLE, role.at, `"${role.name}" is a PrivX system role: granting it through directory groups gives PrivX administration rights`, { severity: "warning" }));
    }
  }

  const hosts = all((f) => f.hosts);
  errors.push(...duplicates(hosts, (h) => h.host.externalId, (h) => h.externalIdAt, "host externalId", ProblemCode.DUPLICATE_HOST_EXTERNAL_ID));
  errors.push(...duplicates(hosts, (h) => h.host.commonName.toLowerCase(), (h) => h.commonNameAt, "host commonName", ProblemCode.DUPLICATE_NAME, (h) => h.host.commonName));
  for (const h of hosts) {
    if (!isValidHostAddress(h.host.contactAddress)) {
      errors.push(problem(ProblemCode.INVALID_ADDRESS, h.contactAddressAt, `"${h.host.contactAddress}" is not a host name, IPv4 or IPv6 address`));
    }
  }

  const settings = all((f) => f.settings);
  errors.push(...duplicates(settings, (s) => s.name, (s) => s.at, "setting", ProblemCode.DUPLICATE_SETTING));

  if (checkReferences) {
    const groupAliases = new Map(groups.map((g) => [g.alias, g]));
    const appAliases = new Map(applications.map((a) => [a.alias, a]));
    const used = new Set<string>();
    for (const member of [...policies.flatMap((p) => p.members), ...roles.flatMap((r) => r.members)]) {
      used.add(member.alias);
      const issue = referenceProblem(member, groupAliases, appAliases);
      if (issue) errors.push(issue);
    }
    for (const a of [...groups, ...applications]) {
      if (!used.has(a.alias)) warnings.push(problem(ProblemCode.UNUSED_ALIAS, a.at, `alias "${a.alias}" is not used by any policy or role`, { severity: "warning" }));
    }
    const definedRoles = new Set(roles.map((r) => r.name));
    for (const ref of hosts.flatMap((h) => h.roleReferences)) {
      if (!definedRoles.has(ref.role) && !isPrivxSystemRole(ref.role)) {
        warnings.push(problem(ProblemCode.UNDEFINED_ROLE, ref.at, `role "${ref.role}" is not defined under privx.roles: no mapped user will hold it`, { severity: "warning" }));
      }
    }
  }

  const setting = (name: SettingName): Setting | undefined => settings.filter((s) => s.name === name).sort((a, b) => byPosition(a.at, b.at))[0];
  const leavers = leaverPolicyOf(setting("leavers")?.value) ?? defaultLeaverPolicy;
  const targetLeavers = (name: SettingName): LeaverPolicy => leaverPolicyOf(setting(name)?.value) ?? leavers;
  const rule = (name: SettingName, fallback: AttributeRule): AttributeRule => {
    const s = setting(name);
    return (s && attributeRuleOf(s.value, s.at)) ?? fallback;
  };
  const sectionAt = (pick: (f: FileFragment) => SourcePosition | null): SourcePosition | null =>
    fragments.map(pick).filter((p): p is SourcePosition => p !== null).sort(byPosition)[0] ?? null;
  const defaultRule = (attribute: AttributeRule["attribute"], at: SourcePosition): AttributeRule => ({ attribute, lowercase: false, stripDomain: false, at });
  const maxRemovals = setting("safety.maxRemovals")?.value;

  // A bare alias naming an application means all of its assignments.
  const applicationAliases = new Set(applications.map((a) => a.alias));
  const asApplication = (m: MemberSource): MemberSource =>
    m.kind === "group" && applicationAliases.has(m.alias) ? { kind: "application", alias: m.alias, role: null, at: m.at } : m;
  const praAt = sectionAt((f) => f.praAt);
  const privxAt = sectionAt((f) => f.privxAt);
  const model: MappingModel = {
    files: [...files],
    groups: [...groups].sort((a, b) => compareText(a.alias, b.alias)),
    applications: [...applications].sort((a, b) => compareText(a.alias, b.alias)),
    protectedAccounts: uniqueBy(all((f) => f.protectedAccounts), (p) => p.value.toLowerCase()).sort((a, b) => compareText(a.value, b.value)),
    safety: { maxRemovals: typeof maxRemovals === "number" && Number.isInteger(maxRemovals) && maxRemovals >= 0 ? maxRemovals : defaultMaxRemovals },
    pra: praAt && {
      userName: rule("pra.userName", defaultRule("userPrincipalName", praAt)),
      leavers: targetLeavers("pra.leavers"),
      groupPolicies: policies.map((p) => ({ ...p, members: p.members.map(asApplication) })).sort((a, b) => compareText(a.name, b.name)),
      at: praAt,
    },
    privx: privxAt && {
      userName: rule("privx.userName", defaultRule("userPrincipalName", privxAt)),
      externalId: rule("privx.externalId", defaultRule("id", privxAt)),
      leavers: targetLeavers("privx.leavers"),
      roles: roles.map((r) => ({ ...r, members: r.members.map(asApplication) })).sort((a, b) => compareText(a.name, b.name)),
      hosts: hosts.map((h) => h.host).sort((a, b) => compareText(a.externalId, b.externalId)),
      at: privxAt,
    },
  };
  return { model, errors, warnings };
}

function referenceProblem(member: MemberSource, groups: Map<string, GroupAlias>, applications: Map<string, ApplicationAlias>): MappingProblem | null {
  if (member.kind === "group") {
    if (groups.has(member.alias) || applications.has(member.alias)) return null;
    return problem(ProblemCode.UNDEFINED_ALIAS, member.at, `"${member.alias}" is not defined under groups or applications`);
  }
  const app = applications.get(member.alias);
  if (!app) {
    const hint = groups.has(member.alias) ? ` ("${member.alias}" is a group alias: only application aliases take /appRole)` : "";
    return problem(ProblemCode.UNDEFINED_ALIAS, member.at, `"${member.alias}" is not defined under applications${hint}`);
  }
  if (app.roles && member.role !== null && !(member.role in app.roles)) {
    return problem(ProblemCode.UNDEFINED_APP_ROLE, member.at, `application "${member.alias}" declares no role "${member.role}"`, { related: [app.at] });
  }
  return null;
}

/** One error per repeated key (every occurrence after the first by position), pointing back at the first. */
function duplicates<T>(
  items: T[],
  key: (item: T) => string,
  at: (item: T) => SourcePosition,
  what: string,
  code: MappingProblem["code"] = ProblemCode.DUPLICATE_NAME,
  name: (item: T) => string = key,
): MappingProblem[] {
  const seen = new Map<string, T[]>();
  for (const item of items) seen.set(key(item), [...(seen.get(key(item)) ?? []), item]);
  const out: MappingProblem[] = [];
  for (const group of seen.values()) {
    if (group.length < 2) continue;
    const [first, ...rest] = [...group].sort((a, b) => byPosition(at(a), at(b)));
    for (const again of rest) out.push(problem(code, at(again), `${what} "${name(again)}" is already defined`, { related: [at(first)] }));
  }
  return out;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
