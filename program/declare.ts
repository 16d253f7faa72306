// Desired state → Pulumi resources, target by target from the table. Nothing here decides
// anything: it only declares.
import type { ReconcilerDesiredState } from "../providers/target-model";
import { targetList } from "../providers/targets";

/** Declares every managed target's resources; returns how many of each kind, for the outputs. */
export function declareTargets(state: ReconcilerDesiredState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { name, target } of targetList) {
    const desired = state[name];
    if (desired) Object.assign(counts, target.declare(desired, state).counts);
  }
  return counts;
}
