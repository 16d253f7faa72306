// The desired state: mappings applied to a directory snapshot. Pure and deterministic: no I/O,
// no clock, output sorted, so the same input always gives the same (deep-equal) output.
import type { DirectorySnapshot } from "../../sources/snapshot";
import type { DesiredState } from "../desired";
import type { MappingModel } from "../mapping-model";
import { sortProblems, type MappingProblem } from "../problems";
import { buildPra } from "./pra";
import { buildPrivx } from "./privx";
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

export function buildDesiredState(model: MappingModel, snapshot: DirectorySnapshot): BuildResult {
  const problems: MappingProblem[] = [];
  const resolver = new SourceResolver(model, snapshot);
  const protectedAccounts = findProtectedAccounts(model, snapshot);
  const state: DesiredState = {
    pra: model.pra ? buildPra(model.pra, snapshot, resolver, protectedAccounts, problems) : null,
    privx: model.privx ? buildPrivx(model.privx, snapshot, resolver, protectedAccounts, problems) : null,
    protectedUserNames: protectedAccounts.names,
    safety: { maxRemovals: model.safety.maxRemovals },
  };
  return { state, problems: sortProblems([...resolver.problems, ...problems]) };
}
