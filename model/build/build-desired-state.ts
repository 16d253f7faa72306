// The desired state: mappings applied to a directory snapshot. Pure and deterministic: no I/O,
// no clock, output sorted, so the same input always gives the same (deep-equal) output.
import type { DirectorySnapshot } from "../../sources/snapshot";
import type { DesiredState } from "../desired";
import { mappingsOf, type CommonMappings } from "../mapping-model";
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

export function buildDesiredState(model: CommonMappings, snapshot: DirectorySnapshot, parts: readonly AnyTargetPart[]): BuildResult {
  const problems: MappingProblem[] = [];
  const resolver = new SourceResolver(model, snapshot);
  const protectedAccounts = findProtectedAccounts(model, snapshot, parts);
  const context: BuildContext = { snapshot, resolver, protectedAccounts, problems };
  const targets = Object.fromEntries(parts.map((part) => [part.name, mappingsOf(model, part.name) ? part.build(mappingsOf(model, part.name), context) : null]));
  const state: DesiredState = {
    ...targets,
    protectedUserNames: protectedAccounts.names,
    safety: { ...model.safety },
  };
  return { state, problems: sortProblems([...resolver.problems, ...problems]) };
}
