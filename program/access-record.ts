// What a desired state grants, as the stack records it in its `accessRecord` output after each
// successful run: the removal check compares it with the next run's, and explain with what the
// person would hold now. Pure, and free of the Pulumi SDK so explain can use it without an engine.
import type { AccessRecord } from "../model/removal-safety";
import type { ReconcilerDesiredState } from "../providers/target-model";
import { targetList } from "../providers/targets";

/** The stack output that carries the record to the next run (a secret: it lists people). */
export const ACCESS_RECORD_OUTPUT = "accessRecord";

/** What the desired state grants, per managed target, and the member sources' sizes. */
export function accessRecordOf(state: ReconcilerDesiredState, sources: Record<string, number>): AccessRecord {
  const targets: AccessRecord["targets"] = {};
  for (const { name, target } of targetList) {
    const desired = state[name];
    if (desired) targets[name] = target.access(desired);
  }
  return { version: 1, targets, sources };
}
