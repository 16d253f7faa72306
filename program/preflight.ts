// Each managed target's preflight, before anything is declared: every configuration that
// cannot work is reported in one run, each with its product, and nothing is changed.
import * as pulumi from "@pulumi/pulumi";
import type { ConfigGetter } from "../lib/provider/provider-config";
import type { ReconcilerDesiredState } from "../providers/target-model";
import { targetList } from "../providers/targets";

export class PreflightFailure extends pulumi.RunError {
  readonly code = "PREFLIGHT";
  constructor(readonly failures: readonly { target: string; message: string }[]) {
    super(
      [
        `The configuration of ${failures.map((f) => f.target).join(" and ")} cannot work: nothing was declared or changed.`,
        ...failures.map((f) => `  ${f.target}: ${f.message}`),
      ].join("\n"),
    );
    this.name = "PreflightFailure";
  }
}

export async function preflightTargets(state: ReconcilerDesiredState, get: ConfigGetter): Promise<void> {
  const managed = targetList.filter(({ name }) => state[name]);
  const outcomes = await Promise.allSettled(managed.map(({ name, target }) => target.preflight(get, state[name])));
  const failures = outcomes.flatMap((o, i) =>
    o.status === "rejected" ? [{ target: managed[i].target.title, message: (o.reason as Error).message ?? String(o.reason) }] : [],
  );
  if (failures.length) throw new PreflightFailure(failures);
}
