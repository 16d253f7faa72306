// Deleting resources the way the engine does: dependents before what they depend on (children
// before parents), protected resources refused before anything is touched, retainOnDelete
// resources only dropped from state, components and the stack without a provider call.
import { EngineError } from "./errors";
import type { ProviderHost } from "./provider-host";
import { unwrapMap } from "./properties";
import type { ResourceState } from "./state";
import type { Step } from "./steps";

/** Everything `r` depends on: explicit dependencies, property dependencies and its parent. */
export function dependenciesOf(r: ResourceState): string[] {
  const deps = new Set(r.dependencies);
  for (const urns of Object.values(r.propertyDependencies ?? {})) for (const u of urns) deps.add(u);
  if (r.parent) deps.add(r.parent);
  return [...deps];
}

/**
 * The order in which to delete `resources` (given in state order, dependencies first): a resource
 * comes only after every resource in the set that depends on it.
 */
export function deletionOrder(resources: readonly ResourceState[]): ResourceState[] {
  const byUrn = new Map<string, ResourceState[]>();
  const dependents = new Map<ResourceState, ResourceState[]>();
  for (const r of resources) {
    byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
    dependents.set(r, []);
  }
  for (const r of resources) {
    for (const d of dependenciesOf(r).flatMap((u) => byUrn.get(u) ?? [])) if (d !== r) dependents.get(d)!.push(r);
  }
  // Depth first from the latest resource: everything that depends on a resource is emitted
  // before it. The visited set also makes a (never expected) cycle terminate.
  const index = new Map<ResourceState, number>(resources.map((r, i) => [r, i]));
  const visited = new Set<ResourceState>();
  const order: ResourceState[] = [];
  const visit = (r: ResourceState): void => {
    if (visited.has(r)) return;
    visited.add(r);
    const ds = [...(dependents.get(r) ?? [])].sort((a, b) => index.get(b)! - index.get(a)!);
    for (const d of ds) visit(d);
    order.push(r);
  };
  for (const r of [...resources].reverse()) visit(r);
  return order;
}

export function refuseProtected(resources: readonly ResourceState[], stack: string): void {
  const protectedOnes = resources.filter((r) => r.protect && !r.delete);
  if (protectedOnes.length === 0) return;
  const urns = protectedOnes.map((r) => r.urn);
  throw new EngineError(
    "PROTECTED",
    `refusing to delete protected resource${urns.length > 1 ? "s" : ""} ${urns.join(", ")}: ` +
      "set `protect: false` on the resource and run `up` first, or remove the protection with " +
      `\`node dist/bench/engine/cli.js state unprotect --stack ${stack} <urn>\``,
    { urn: urns[0], stack },
  );
}

export interface DeleteContext {
  dryRun: boolean;
  provider: () => Promise<ProviderHost>;
  /** Records the step once it is done (or failed). */
  record(step: Step): void;
  /** Called after the resource is gone (drop it from state). */
  removed(r: ResourceState): void;
}

function deleteStep(r: ResourceState): Step {
  return { op: r.delete ? "delete-replaced" : "delete", urn: r.urn, type: r.type, old: r, retained: r.retainOnDelete || undefined };
}

/**
 * Deletes with as much parallelism as the dependencies allow (the provider host bounds the
 * number of calls in flight): a resource goes once everything in the set that depends on it is
 * gone. After the first failure nothing new starts; what failed or never started stays in state.
 */
export async function deleteAll(resources: readonly ResourceState[], ctx: DeleteContext, stack: string): Promise<void> {
  refuseProtected(resources, stack);
  const order = deletionOrder(resources);
  if (ctx.dryRun) {
    for (const r of order) ctx.record(deleteStep(r));
    return;
  }
  const byUrn = new Map<string, ResourceState[]>();
  for (const r of resources) byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
  const dependencies = new Map<ResourceState, ResourceState[]>();
  const dependentsLeft = new Map<ResourceState, number>(resources.map((r) => [r, 0]));
  for (const r of resources) {
    const deps = dependenciesOf(r)
      .flatMap((u) => byUrn.get(u) ?? [])
      .filter((d) => d !== r);
    dependencies.set(r, deps);
    for (const d of deps) dependentsLeft.set(d, dependentsLeft.get(d)! + 1);
  }
  const deleteOne = async (r: ResourceState): Promise<void> => {
    const step = deleteStep(r);
    if (r.custom && r.id && !r.retainOnDelete) {
      try {
        const provider = await ctx.provider();
        await provider.delete(r.urn, r.type, r.id, unwrapMap(r.outputs), unwrapMap(r.inputs));
      } catch (e) {
        ctx.record({ ...step, failed: true });
        throw e;
      }
    }
    ctx.record(step);
    ctx.removed(r);
  };
  await new Promise<void>((resolve, reject) => {
    const ready = order.filter((r) => dependentsLeft.get(r) === 0);
    const started = new Set<ResourceState>();
    let running = 0;
    let finished = 0;
    let failure: { error: unknown } | undefined;
    const pump = (): void => {
      if (failure) {
        if (running === 0) reject(failure.error);
        return;
      }
      if (finished === order.length) return resolve();
      // Only a dependency cycle (never produced by a program) leaves nothing ready: break it in order.
      if (ready.length === 0 && running === 0) ready.push(order.find((r) => !started.has(r))!);
      while (ready.length > 0) {
        const r = ready.shift()!;
        if (started.has(r)) continue;
        started.add(r);
        running++;
        deleteOne(r).then(
          () => {
            running--;
            finished++;
            for (const d of dependencies.get(r)!) {
              const left = dependentsLeft.get(d)! - 1;
              dependentsLeft.set(d, left);
              if (left === 0) ready.push(d);
            }
            pump();
          },
          (e: unknown) => {
            running--;
            failure ??= { error: e };
            pump();
          },
        );
      }
    };
    pump();
  });
}
