// One parsed mapping file turned into typed pieces with positions. It reads defensively: the
// structure has been checked (and reported) already, so anything malformed is skipped here
// rather than reported twice, and the remaining checks still run on the well-formed parts.
// Each target's section is read by that target's part.
import type { GroupReference } from "../../sources/snapshot";
import type { LeaverPolicy } from "../desired";
import type { AttributeRule, ApplicationAlias, GrantReference, GroupAlias, Guardrail, ProtectedAccount, UserAttribute } from "../mapping-model";
import { fieldPath, problem, ProblemCode, type MappingProblem, type SourcePosition } from "../problems";
import type { AnyTargetPart, At } from "../target-part";
import { isDict, list, strings, text } from "./read-values";
import { fieldPattern, normalizedName, unsafeNameReason, unsafeTextFields } from "./unsafe-text";
import type { YamlFile } from "./yaml-file";

/** A setting that may be written once across all files: "leavers", "safety.maxRemovals", "<target>.<key>". */
export type SettingName = string;

export interface Setting {
  name: SettingName;
  value: unknown;
  at: SourcePosition;
}

export interface FileFragment {
  file: string;
  groups: GroupAlias[];
  applications: ApplicationAlias[];
  protectedAccounts: ProtectedAccount[];
  guardrails: Guardrail[];
  settings: Setting[];
  /** Per target present in this file: where its section opens, and what its part read. */
  sections: Map<string, { at: SourcePosition; value: unknown }>;
  /** Problems found within this file alone. */
  problems: MappingProblem[];
}

export function readFile(yaml: YamlFile, parts: readonly AnyTargetPart[]): FileFragment {
  const root = isDict(yaml.value) ? yaml.value : {};
  const at: At = (path, target) => yaml.position(path, target);
  const fragment: FileFragment = {
    file: yaml.file,
    groups: readGroups(root.groups, at),
    applications: readApplications(root.applications, at),
    protectedAccounts: strings(root.protected).map((value, i) => ({ value: normalizedName(value), at: at(["protected", i]) })),
    guardrails: readGuardrails(root.guardrails, at),
    settings: [],
    sections: new Map(),
    problems: [],
  };
  const setting = (name: SettingName, path: (string | number)[], value: unknown) => {
    if (value !== undefined) fragment.settings.push({ name, value, at: at(path) });
  };
  strings(root.protected).forEach((value, i) => {
    const reason = unsafeNameReason(value);
    if (reason) fragment.problems.push(problem(ProblemCode.UNSAFE_NAME, at(["protected", i]), `protected account ${JSON.stringify(value)} ${reason}`));
  });
  setting("leavers", ["leavers"], root.leavers);
  if (isDict(root.safety)) {
    setting("safety.maxRemovals", ["safety", "maxRemovals"], root.safety.maxRemovals);
    setting("safety.maxRemovalPercent", ["safety", "maxRemovalPercent"], root.safety.maxRemovalPercent);
  }
  for (const part of parts) {
    if (!(part.name in root)) continue;
    const section = root[part.name];
    const reader = {
      at,
      problems: fragment.problems,
      setting: (key: string, value: unknown) => setting(`${part.name}.${key}`, [part.name, key], value),
    };
    fragment.sections.set(part.name, { at: at([part.name], "key"), value: isDict(section) ? part.readSection(section, reader) : undefined });
  }
  fragment.problems.push(...unsafeTextProblems(root, at, parts, fragment.problems));
  return fragment;
}

/** Names every file may introduce, whatever its targets: group descriptions and SCIM group names. */
const COMMON_NAME_FIELDS = ["groups.*.description", "groups.*.scimGroupName", "applications.*.scimGroupName", "applications.*.roles.*.scimGroupName"];

/** UNSAFE_NAME for every field with hidden characters, and every introduced name with look-alike scripts; a field already reported once is not reported again. */
function unsafeTextProblems(root: Record<string, unknown>, at: At, parts: readonly AnyTargetPart[], reported: readonly MappingProblem[]): MappingProblem[] {
  const names = [...COMMON_NAME_FIELDS, ...parts.flatMap((part) => (part.nameFields ?? []).map((field) => `${part.name}.${field}`))].map(fieldPattern);
  const seen = new Set(reported.filter((p) => p.code === ProblemCode.UNSAFE_NAME).map((p) => p.field));
  return unsafeTextFields(root, (path) => names.some((isName) => isName(path)))
    .filter((f) => !seen.has(fieldPath(f.path)))
    .map((f) => problem(ProblemCode.UNSAFE_NAME, at(f.path), `${fieldPath(f.path)} ${JSON.stringify(f.text)} ${f.reason}`));
}

function readGuardrails(value: unknown, at: At): Guardrail[] {
  const out: Guardrail[] = [];
  list(value).forEach((entry, i) => {
    if (!isDict(entry) || text(entry.name) === null) return;
    const base = {
      name: entry.name as string,
      severity: entry.severity === "warn" ? ("warning" as const) : ("error" as const),
      at: at(["guardrails", i, "name"]),
    };
    const grant = (v: unknown, path: (string | number)[]): GrantReference | null => (typeof v === "string" && v.length ? { key: v, at: at(path) } : null);
    const grants = (v: unknown, key: string) => list(v).flatMap((g, k) => grant(g, ["guardrails", i, key, k]) ?? []);
    if (isDict(entry.onlyFrom)) {
      const g = grant(entry.onlyFrom.grant, ["guardrails", i, "onlyFrom", "grant"]);
      const from = list(entry.onlyFrom.from).flatMap((f, k) => (typeof f === "string" && f ? [{ f, at: at(["guardrails", i, "onlyFrom", "from", k]) }] : []));
      if (g)
        out.push({
          ...base,
          kind: "onlyFrom",
          grant: g,
          from: from.map((x) => x.f),
          fromAt: from.map((x) => x.at),
          allowDirect: entry.onlyFrom.allowDirect === true,
        });
    } else if (Array.isArray(entry.neverTogether)) {
      const pair = grants(entry.neverTogether, "neverTogether");
      if (pair.length === 2) out.push({ ...base, kind: "neverTogether", grants: [pair[0], pair[1]] });
    } else if (Array.isArray(entry.noExternal)) {
      out.push({ ...base, kind: "noExternal", grants: grants(entry.noExternal, "noExternal") });
    } else if (isDict(entry.maxMembers)) {
      const g = grant(entry.maxMembers.grant, ["guardrails", i, "maxMembers", "grant"]);
      if (g && typeof entry.maxMembers.max === "number") out.push({ ...base, kind: "maxMembers", grant: g, max: entry.maxMembers.max });
    }
  });
  return out;
}

function readGroups(value: unknown, at: At): GroupAlias[] {
  if (!isDict(value)) return [];
  const out: GroupAlias[] = [];
  for (const [alias, spec] of Object.entries(value)) {
    if (!isDict(spec)) continue;
    const id = text(spec.id);
    const displayName = text(spec.displayName);
    if ((id === null) === (displayName === null)) continue;
    const reference: GroupReference = id !== null ? { id } : { displayName: displayName as string };
    out.push({ alias, reference, scimGroupName: text(spec.scimGroupName), description: text(spec.description), at: at(["groups", alias], "key") });
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
