// refresh: ask the provider what each custom resource really looks like now (Read with the
// recorded id, outputs and inputs). Changed outputs replace the recorded ones; a resource the
// provider no longer finds leaves the state.
import { asEngineError } from "./errors";
import { changedKeys, detailedDiff, diffProperties } from "./property-diff";
import { carrySecrecy, markSecretOutputs, unwrapMap, type PropertyMap } from "./properties";
import type { ProviderHost } from "./provider-host";
import type { ResourceState, StackState } from "./state";
import type { Diagnostics, Step } from "./steps";

export interface RefreshResult {
  state: StackState;
  steps: Step[];
  failed: boolean;
}

/** Secrecy survives a read: a key that was secret stays secret, as do additionalSecretOutputs. */
function remarkSecrets(fresh: PropertyMap, recorded: PropertyMap, additional: readonly string[] = []): PropertyMap {
  return markSecretOutputs(fresh, recorded, additional);
}

export async function refreshState(
  base: StackState,
  provider: () => Promise<ProviderHost>,
  diagnostics: Diagnostics,
  onStep: (step: Step) => void,
): Promise<RefreshResult> {
  const steps: Step[] = [];
  let failed = false;
  const refreshed = await Promise.all(
    base.resources.map(async (old): Promise<ResourceState | undefined> => {
      if (!old.custom || !old.id) return old;
      try {
        const host = await provider();
        const read = await host.read(old.urn, old.type, old.id, unwrapMap(old.outputs), unwrapMap(old.inputs));
        const step: Step = { op: "refresh", urn: old.urn, type: old.type, old };
        if (!read.id) {
          steps.push(step);
          onStep(step);
          return undefined;
        }
        const next: ResourceState = {
          ...old,
          id: read.id,
          outputs: remarkSecrets(read.outputs, old.outputs, old.additionalSecretOutputs),
          inputs: read.inputs ? carrySecrecy(read.inputs, old.inputs) : old.inputs,
        };
        const changes = diffProperties(old.outputs, next.outputs);
        const inputChanges = diffProperties(old.inputs, next.inputs);
        const all = changes.length > 0 ? changes : inputChanges;
        Object.assign(step, {
          new: next,
          diffOld: changes.length > 0 ? old.outputs : old.inputs,
          diffNew: changes.length > 0 ? next.outputs : next.inputs,
          diffReasons: changedKeys(all),
          detailedDiff: all.length > 0 ? detailedDiff(all) : undefined,
        });
        steps.push(step);
        onStep(step);
        return next;
      } catch (e) {
        failed = true;
        const err = asEngineError(e, "PROVIDER");
        diagnostics.add({ severity: "error", message: err.message, urn: old.urn, code: err.code });
        return old;
      }
    }),
  );
  const resources = refreshed.filter((r): r is ResourceState => r !== undefined);
  return { state: { ...base, resources }, steps: orderLike(base.resources, steps), failed };
}

/** Steps in state order (reads run in parallel and finish in any order). */
function orderLike(resources: readonly ResourceState[], steps: Step[]): Step[] {
  const index = new Map(resources.map((r, i) => [r, i]));
  return [...steps].sort((a, b) => (index.get(a.old!) ?? 0) - (index.get(b.old!) ?? 0));
}
