// Guardrails: access rules from the mappings checked on what the desired state grants, before
// anything is declared. One problem per violation, at the rule, naming the person and the path
// (rule in the mappings ← member source) that grants it. Pure.
import type { DirectorySnapshot } from "../../sources/snapshot";
import { memberSourceName as sourceName, memberSourcePath, type Guardrail } from "../mapping-model";
import { problem, ProblemCode, type MappingProblem } from "../problems";
import type { Grant, TargetGrants } from "../target-part";
import { isGuest } from "./guests";

const EXAMPLES = 10;

/** A grant a person really holds: current, to an account that is managed (not left out or protected), and not a setting turned off. */
function held(grant: Grant, access: TargetGrants): boolean {
  if (grant.expired) return false;
  const state = access.accounts.get(grant.userId)?.state;
  if (state !== "active" && state !== "disabled") return false;
  return grant.value === undefined || (grant.value !== false && grant.value !== null && grant.value !== "not_defined");
}

export function checkGuardrails(guardrails: readonly Guardrail[], access: ReadonlyMap<string, TargetGrants>, snapshot: DirectorySnapshot): MappingProblem[] {
  if (!guardrails.length) return [];
  const byKey = new Map<string, Grant[]>();
  for (const target of access.values()) {
    for (const g of target.grants) {
      if (!held(g, target)) continue;
      const list = byKey.get(g.key);
      if (list) list.push(g);
      else byKey.set(g.key, [g]);
    }
  }
  const person = (userId: string) => snapshot.users[userId]?.userPrincipalName ?? userId;
  const path = (g: Grant) => `${g.rule.kind} "${g.rule.name}" (${g.rule.at.file}:${g.rule.at.line}) ← ${memberSourcePath(g.member)}`;
  const problems: MappingProblem[] = [];
  for (const rule of guardrails) {
    const report = (text: string, grants: Grant[]) =>
      problems.push(
        problem(ProblemCode.GUARDRAIL_VIOLATION, rule.at, `guardrail "${rule.name}": ${text}`, {
          severity: rule.severity,
          related: grants.flatMap((g) => [g.rule.at, g.member.at]),
        }),
      );
    switch (rule.kind) {
      case "onlyFrom": {
        const allowed = new Set(rule.from);
        // A direct grant is from no listed source: it passes only where the rule says allowDirect.
        const from = (g: Grant) => (g.member.kind === "user" ? rule.allowDirect : allowed.has(sourceName(g.member)) || allowed.has(g.member.alias));
        const offending = (byKey.get(rule.grant.key) ?? []).filter((g) => !from(g));
        const only = `${rule.from.join(", ")}${rule.allowDirect ? " or a direct grant" : ""}`;
        for (const g of uniquePaths(offending)) report(`${person(g.userId)} gets ${rule.grant.key} through ${path(g)}; it may only come from ${only}`, [g]);
        break;
      }
      case "neverTogether": {
        const [a, b] = rule.grants;
        const second = groupByUser(byKey.get(b.key) ?? []);
        for (const [userId, first] of groupByUser(byKey.get(a.key) ?? [])) {
          const other = second.get(userId);
          if (other) report(`${person(userId)} holds both ${a.key} (through ${path(first[0])}) and ${b.key} (through ${path(other[0])})`, [first[0], other[0]]);
        }
        break;
      }
      case "noExternal": {
        for (const ref of rule.grants) {
          for (const g of uniquePaths(byKey.get(ref.key) ?? [])) {
            const user = snapshot.users[g.userId];
            if (user && isGuest(user)) report(`guest ${person(g.userId)} gets ${ref.key} through ${path(g)}`, [g]);
          }
        }
        break;
      }
      case "maxMembers": {
        const holders = groupByUser(byKey.get(rule.grant.key) ?? []);
        if (holders.size > rule.max) {
          const names = [...holders.keys()].map(person).sort();
          const more = names.length > EXAMPLES ? ` and ${names.length - EXAMPLES} more` : "";
          report(
            `${holders.size} people hold ${rule.grant.key}, at most ${rule.max} may: ${names.slice(0, EXAMPLES).join(", ")}${more}`,
            [...holders.values()].map((g) => g[0]).slice(0, EXAMPLES),
          );
        }
        break;
      }
    }
  }
  return problems;
}

function groupByUser(grants: readonly Grant[]): Map<string, Grant[]> {
  const out = new Map<string, Grant[]>();
  for (const g of grants) out.set(g.userId, [...(out.get(g.userId) ?? []), g]);
  return out;
}

/** One grant per person and path: a policy that sets a permission twice is one path. */
function uniquePaths(grants: readonly Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.userId}\u0000${g.rule.kind}\u0000${g.rule.name}\u0000${memberSourcePath(g.member)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
