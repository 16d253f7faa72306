// Removal safety inside the program, so `pulumi up`, `npm run up`, the offline engine and every
// pipeline stop before the first write: the access this run would grant is compared with what
// the stack granted on its last successful run (its own `accessRecord` output, read back through
// a StackReference to itself), and a run that removes too much refuses to declare anything.
import * as pulumi from "@pulumi/pulumi";
import { accessRecordFrom, checkRemovals, type AccessRecord, type RemovalLimits, type RemovalVerdict } from "../model/removal-safety";
import { ACCESS_RECORD_OUTPUT } from "./access-record";

export { ACCESS_RECORD_OUTPUT, accessRecordOf } from "./access-record";
/** How the workflows recognise this refusal in a failed run's messages (they exit 3 on it). */
export const REMOVAL_STOP_MARKER = "Stopped before changing anything: removal safety";
const SHOWN_REMOVALS = 200;

export class RemovalSafetyStop extends pulumi.RunError {
  readonly code = "REMOVAL_LIMIT";
  constructor(readonly verdict: RemovalVerdict) {
    const shown = verdict.removals
      .slice(0, SHOWN_REMOVALS)
      .map((r) => `  - ${r.target}: ${r.who} loses ${r.what === "account" ? "their account (deactivated or deleted)" : r.what}`);
    const more = verdict.removals.length > SHOWN_REMOVALS ? [`  … and ${verdict.removals.length - SHOWN_REMOVALS} more`] : [];
    super(
      [
        `${REMOVAL_STOP_MARKER}.`,
        ...verdict.reasons.map((r) => `  ${r}`),
        `Who would lose access (${verdict.removals.length}):`,
        ...shown,
        ...more,
        "Nothing was changed. If this is intended, review the plan and run again with --allow-removals (PAM_RECONCILER_ALLOW_REMOVALS=true) for this run, or raise safety.maxRemovals / safety.maxRemovalPercent in the mappings.",
      ].join("\n"),
    );
    this.name = "RemovalSafetyStop";
  }
}

/** The record of the stack's last successful run, or undefined on its first run. */
export async function previousAccessRecord(): Promise<AccessRecord | undefined> {
  const self = new pulumi.StackReference("last-run", { name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}` });
  const details = await self.getOutputDetails(ACCESS_RECORD_OUTPUT);
  return accessRecordFrom(details.secretValue ?? details.value);
}

/** Throws RemovalSafetyStop when the run would remove more than the limits allow, unless allowed. */
export function enforceRemovalLimits(
  previous: AccessRecord | undefined,
  current: AccessRecord,
  limits: RemovalLimits,
  allowRemovals: boolean,
  moreReasons: readonly string[] = [],
): RemovalVerdict {
  const checked = checkRemovals(previous, current, limits);
  const verdict = { ...checked, reasons: [...checked.reasons, ...moreReasons] };
  if (verdict.reasons.length > 0) {
    if (!allowRemovals) throw new RemovalSafetyStop(verdict);
    void pulumi.log.warn(`Removal safety overridden (--allow-removals): ${verdict.reasons.join("; ")}`);
  }
  return verdict;
}
