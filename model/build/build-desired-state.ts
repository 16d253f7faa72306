// The desired state: mappings applied to a directory snapshot. Pure and deterministic: no I/O,
// no clock, output sorted, so the same input always gives the same (deep-equal) output.
import type { DirectorySnapshot } from "../../sources/snapshot";
import type { DesiredState } from "../desired";
import { mappingsOf, type CommonMappings, type MemberSource } from "../mapping-model";
import { isCurrentAt } from "../access/expiry";
import { grantLengthProblems } from "../access/temporary-grants";
import { collectAccess } from "../access/access";
import { checkGuardrails } from "../access/guardrails";
import type { AnyTargetPart, BuildContext } from "../target-part";
import { sortProblems, type MappingProblem } from "../problems";
import { findProtectedAccounts } from "./protected-accounts";
import { SourceResolver } from "./resolve-sources";

export interface BuildResult {
  state: DesiredState;
  /**
   * Problems between the mappings and the directory. The state leaves out what an error concerns
   * (users without a unique username, unresolved groups); a program must not apply a state
   * whose build reported any problem with severity "error".
   */
  problems: MappingProblem[];
}

export interface BuildOptions {
  /**
   * The time (ms since the epoch) from the caller's one clock: member sources whose `until` has
   * passed grant nothing. Without it every grant counts as current; the program always passes it.
   */
  now?: number;
}

export function buildDesiredState(
  model: CommonMappings,
  snapshot: DirectorySnapshot,
  parts: readonly AnyTargetPart[],
  options: BuildOptions = {},
): BuildResult {
  const problems: MappingProblem[] = [];
  const resolver = new SourceResolver(model, snapshot);
  const protectedAccounts = findProtectedAccounts(model, snapshot, parts, problems);
  const isCurrent = (member: MemberSource) => isCurrentAt(member, options.now);
  const context: BuildContext = { snapshot, resolver, protectedAccounts, problems, isCurrent };
  const targets = Object.fromEntries(parts.map((part) => [part.name, mappingsOf(model, part.name) ? part.build(mappingsOf(model, part.name), context) : null]));
  const state: DesiredState = {
    ...targets,
    protectedUserNames: protectedAccounts.names,
    safety: { ...model.safety },
  };
  problems.push(...grantLengthProblems(model, parts, options.now));
  if (model.guardrails.length) {
    const access = collectAccess(model, state, parts, { snapshot, resolver, protectedAccounts, isCurrent, users: null });
    problems.push(...checkGuardrails(model.guardrails, access, snapshot));
  }
  return { state, problems: sortProblems([...resolver.problems, ...problems]) };
}
