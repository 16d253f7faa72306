// Desired state → Pulumi resources, target by target from the table. Nothing here decides
// anything: it only declares.
import type { ReconcilerDesiredState } from "../providers/target-model";
import type { Declared } from "../providers/target";
import { targetList } from "../providers/targets";

/**
 * Declares every managed target's resources; returns how many of each kind, for the outputs,
 * and a promise of the declarations still to come (batches are declared a few at a time).
 */
export function declareTargets(state: ReconcilerDesiredState): {
  counts: Record<string, number>;
  declared: Promise<void>;
  resources: Record<string, Declared["resources"]>;
} {
  const counts: Record<string, number> = {};
  const resources: Record<string, Declared["resources"]> = {};
  const pending: Promise<void>[] = [];
  for (const { name, target } of targetList) {
    const desired = state[name];
    if (!desired) continue;
    const declared = target.declare(desired, state);
    Object.assign(counts, declared.counts);
    resources[name] = declared.resources;
    pending.push(declared.declared);
  }
  return { counts, declared: Promise.all(pending).then(() => undefined), resources };
}
