// The access record a run stores holds, for each target, what that target was last brought to:
// a target whose resources were all applied gets this run's entry, and one with a failed
// resource keeps the entry of the last run that applied it (or none), so the next run's
// removal safety still counts the removals it has not made yet. Stack outputs are written even
// when a run fails (the engine keeps a failed run's outputs), so this is decided per target.
import * as pulumi from "@pulumi/pulumi";
import type { AccessRecord, TargetAccess } from "../model/removal-safety";

type Declared = pulumi.Resource | Promise<pulumi.Resource>;

/** `record` with each target's entry only once all its resources are applied, else the previous run's. */
export function appliedAccessRecord(
  record: AccessRecord,
  previous: AccessRecord | undefined,
  resources: Record<string, readonly Declared[]>,
): pulumi.Output<AccessRecord> {
  const entries = Object.entries(record.targets).map(([name, entry]) => {
    const applied = pulumi
      .output(Promise.all((resources[name] ?? []).map((r) => Promise.resolve(r))))
      .apply((declared) => pulumi.all(declared.map((r) => r.urn)))
      .apply((): [string, TargetAccess | undefined] => [name, entry]);
    return pulumi.recover(applied, (): [string, TargetAccess | undefined] => [name, previous?.targets[name]]);
  });
  return pulumi.all(entries).apply((list) => ({ ...record, targets: Object.fromEntries(list.filter((e): e is [string, TargetAccess] => e[1] !== undefined)) }));
}
