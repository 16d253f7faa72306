// All files' pieces merged into one model, with the checks that need every file at once:
// duplicate aliases and settings, and references from the targets' member sources to aliases.
// Each target merges its own sections (through its part) with the checks only it knows.
import type { LeaverPolicy } from "../desired";
import {
  defaultLeaverPolicy,
  defaultMaxRemovalPercent,
  defaultMaxRemovals,
  type ApplicationAlias,
  type AttributeRule,
  type GroupAlias,
  type Guardrail,
  type MappingModel,
  type MemberSource,
} from "../mapping-model";
import { compareText, problem, ProblemCode, type MappingProblem, type SourcePosition } from "../problems";
import { nearestHint } from "../nearest-names";
import type { AnyTargetPart, MergeContext } from "../target-part";
import { byPosition, duplicates, uniqueBy } from "./duplicates";
import { attributeRuleOf, leaverPolicyOf, type FileFragment, type Setting, type SettingName } from "./read-file";

export interface MergeResult {
  model: MappingModel;
  errors: MappingProblem[];
  warnings: MappingProblem[];
}

/**
 * @param checkReferences false when some file could not be parsed: its aliases are unknown, so
 * "undefined alias" errors would be noise.
 */
export function mergeFragments(files: string[], fragments: FileFragment[], checkReferences: boolean, parts: readonly AnyTargetPart[]): MergeResult {
  const errors: MappingProblem[] = [];
  const warnings: MappingProblem[] = [];
  const all = <T>(pick: (f: FileFragment) => T[]): T[] => fragments.flatMap(pick);
  errors.push(...all((f) => f.problems));

  const groups = all((f) => f.groups);
  const applications = all((f) => f.applications);
  const aliases: { name: string; at: SourcePosition }[] = [...groups, ...applications].map((a) => ({ name: a.alias, at: a.at }));
  errors.push(
    ...duplicates(
      aliases,
      (a) => a.name,
      (a) => a.at,
      "alias",
    ),
  );
  const groupReference = (g: GroupAlias) => ("id" in g.reference ? g.reference.id.toLowerCase() : g.reference.displayName);
  errors.push(
    ...duplicates(
      groups,
      (g) => `${"id" in g.reference}:${groupReference(g)}`,
      (g) => g.at,
      "group",
      ProblemCode.DUPLICATE_NAME,
      groupReference,
    ),
  );
  errors.push(
    ...duplicates(
      applications,
      (a) => a.appId,
      (a) => a.at,
      "application",
    ),
  );

  const settings = all((f) => f.settings);
  errors.push(
    ...duplicates(
      settings,
      (s) => s.name,
      (s) => s.at,
      "setting",
      ProblemCode.DUPLICATE_SETTING,
    ),
  );
  const setting = (name: SettingName): Setting | undefined => settings.filter((s) => s.name === name).sort((a, b) => byPosition(a.at, b.at))[0];
  const leavers = leaverPolicyOf(setting("leavers")?.value) ?? defaultLeaverPolicy;
  const maxRemovals = setting("safety.maxRemovals")?.value;
  const maxRemovalPercent = setting("safety.maxRemovalPercent")?.value;
  const wholeAtLeast = (v: unknown, fallback: number) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : fallback);

  // A bare alias naming an application means all of its assignments.
  const applicationAliases = new Set(applications.map((a) => a.alias));
  const memberSource = (m: MemberSource): MemberSource =>
    m.kind === "group" && applicationAliases.has(m.alias)
      ? { kind: "application", alias: m.alias, role: null, at: m.at, ...(m.until ? { until: m.until } : {}) }
      : m;

  const targets: Record<string, unknown> = {};
  const usedSources: MemberSource[] = [];
  for (const part of parts) {
    const present = fragments.flatMap((f) => {
      const section = f.sections.get(part.name);
      return section ? [section] : [];
    });
    const sectionAt = present.map((s) => s.at).sort(byPosition)[0];
    if (!sectionAt) {
      targets[part.name] = null;
      continue;
    }
    const context: MergeContext = {
      at: sectionAt,
      errors,
      warnings,
      checkReferences,
      rule: (key, fallback): AttributeRule => {
        const s = setting(`${part.name}.${key}`);
        return (s && attributeRuleOf(s.value, s.at)) ?? { attribute: fallback, lowercase: false, stripDomain: false, at: sectionAt };
      },
      leavers: (): LeaverPolicy => leaverPolicyOf(setting(`${part.name}.leavers`)?.value) ?? leavers,
      setting: (key) => {
        const s = setting(`${part.name}.${key}`);
        return s && { value: s.value, at: s.at };
      },
      memberSource,
    };
    const mappings: unknown = part.merge(
      present.flatMap((s) => (s.value === undefined ? [] : [s.value])),
      context,
    );
    targets[part.name] = mappings;
    usedSources.push(...part.memberSources(mappings));
  }

  const guardrails = all((f) => f.guardrails);
  errors.push(
    ...duplicates(
      guardrails,
      (g) => g.name,
      (g) => g.at,
      "guardrail",
      ProblemCode.DUPLICATE_NAME,
    ),
  );
  errors.push(...guardrailReferenceProblems(guardrails, parts, targets, checkReferences ? new Set([...groups, ...applications].map((a) => a.alias)) : null));

  if (checkReferences) {
    const groupAliases = new Map(groups.map((g) => [g.alias, g]));
    const appAliases = new Map(applications.map((a) => [a.alias, a]));
    const used = new Set<string>();
    for (const member of usedSources) {
      if (member.kind === "user") continue; // a direct grant names a person, checked against the directory
      used.add(member.alias);
      const issue = referenceProblem(member, groupAliases, appAliases);
      if (issue) errors.push(issue);
    }
    for (const a of [...groups, ...applications]) {
      if (!used.has(a.alias))
        warnings.push(problem(ProblemCode.UNUSED_ALIAS, a.at, `alias "${a.alias}" is not used by any policy or role`, { severity: "warning" }));
    }
  }

  const model: MappingModel = {
    files: [...files],
    groups: [...groups].sort((a, b) => compareText(a.alias, b.alias)),
    applications: [...applications].sort((a, b) => compareText(a.alias, b.alias)),
    protectedAccounts: uniqueBy(
      all((f) => f.protectedAccounts),
      (p) => p.value.toLowerCase(),
    ).sort((a, b) => compareText(a.value, b.value)),
    guardrails,
    safety: { maxRemovals: wholeAtLeast(maxRemovals, defaultMaxRemovals), maxRemovalPercent: wholeAtLeast(maxRemovalPercent, defaultMaxRemovalPercent) },
    ...targets,
  };
  return { model, errors, warnings };
}

/**
 * Grants a guardrail names must be of a known target and kind, and (where the target lists them)
 * a name its mappings can grant: a typo would check nothing. Its sources must be defined aliases.
 */
function guardrailReferenceProblems(
  guardrails: readonly Guardrail[],
  parts: readonly AnyTargetPart[],
  targets: Record<string, unknown>,
  aliases: Set<string> | null,
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const kinds = new Map(parts.map((p) => [p.name, new Set(p.grantKinds ?? [])]));
  const names = new Map(parts.map((p) => [p.name, targets[p.name] && p.grantNames ? p.grantNames(targets[p.name]) : {}]));
  for (const rule of guardrails) {
    const references = rule.kind === "onlyFrom" || rule.kind === "maxMembers" ? [rule.grant] : rule.grants;
    for (const ref of references) {
      const [target, kind] = ref.key.split(":");
      const known = kinds.get(target);
      if (!known)
        problems.push(problem(ProblemCode.UNKNOWN_GRANT, ref.at, `"${target}" is not a target: write ${[...kinds.keys()].join(" or ")}:<kind>:<name>`));
      else if (!known.has(kind)) problems.push(problem(ProblemCode.UNKNOWN_GRANT, ref.at, `${target} grants no "${kind}": one of ${[...known].join(", ")}`));
      else {
        const name = ref.key.slice(target.length + kind.length + 2);
        const granted = names.get(target)?.[kind];
        if (granted && !granted.includes(name)) {
          problems.push(
            problem(
              ProblemCode.UNKNOWN_GRANT,
              ref.at,
              `the ${target} mappings grant no ${kind} "${name}"${nearestHint(name, granted)}: a guardrail on it would check nothing`,
            ),
          );
        }
      }
    }
    if (rule.kind === "onlyFrom" && aliases) {
      rule.from.forEach((source, i) => {
        const alias = source.split("/")[0];
        if (!aliases.has(alias)) problems.push(problem(ProblemCode.UNDEFINED_ALIAS, rule.fromAt[i], `"${alias}" is not defined under groups or applications`));
      });
    }
  }
  return problems;
}

function referenceProblem(
  member: Exclude<MemberSource, { kind: "user" }>,
  groups: Map<string, GroupAlias>,
  applications: Map<string, ApplicationAlias>,
): MappingProblem | null {
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
