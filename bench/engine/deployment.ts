// The step generator and executor for `preview` and `up`: each resource the program registers
// becomes a create, same, update or replace, decided and carried out the way the Pulumi engine
// does it (check, then diff against the old outputs, then create/update); once the program has
// completed, whatever it did not register is deleted.
import { deleteAll } from "./deletes";
import { EngineError, asEngineError } from "./errors";
import type { RegisterRequest, RegisterResult } from "./monitor-server";
import { changedKeys, detailedDiff, diffProperties, type PropertyChange } from "./property-diff";
import { applyIgnoreChanges, carrySecrecy, containsSecret, markSecretOutputs, unwrapMap, type PropertyMap } from "./properties";
import { ProviderError, type ProviderHost } from "./provider-host";
import type { StackState, ResourceState } from "./state";
import type { Diagnostics, Step } from "./steps";
import { defaultProviderRef, makeUrn, ROOT_STACK_TYPE, STACK_REFERENCE_TYPE } from "./urn";

export interface DeploymentOptions {
  project: string;
  stack: string;
  dryRun: boolean;
  /** The stack's state before this run (secrets decrypted; refreshed when asked). */
  base: StackState;
  provider: () => Promise<ProviderHost>;
  diagnostics: Diagnostics;
  /** A step finished (or failed). */
  onStep(step: Step): void;
  /** The state to persist changed (never called during a preview). */
  onStateChanged(): void;
}

export class Deployment {
  readonly steps: Step[] = [];
  /** A step failed: nothing more is executed and nothing is deleted. */
  failed = false;
  private readonly registered = new Map<string, ResourceState>();
  private readonly claimedUrns = new Set<string>();
  /** Old resources still in state that the program has not (successfully) re-registered yet. */
  private readonly olds = new Map<string, ResourceState>();
  /** Old copies waiting to be deleted: replaced this run, or left over from a failed run. */
  private readonly pendingDeletes: ResourceState[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  /** The stack's outputs as the program registered them, applied when the run ends. */
  private stackOutputs: { urn: string; outputs: PropertyMap } | undefined;

  constructor(private readonly o: DeploymentOptions) {
    for (const r of o.base.resources) {
      if (r.delete) this.pendingDeletes.push(r);
      else this.olds.set(r.urn, r);
    }
  }

  registerResource(req: RegisterRequest): Promise<RegisterResult> {
    const p = this.register(req);
    this.inflight.add(p);
    const forget = () => this.inflight.delete(p);
    p.then(forget, forget);
    return p;
  }

  registerResourceOutputs(urn: string, outputs: PropertyMap): void {
    const r = this.registered.get(urn);
    if (!r) throw new EngineError("PROGRAM", `outputs registered for unknown resource ${urn}`, { urn });
    if (r.type === ROOT_STACK_TYPE) {
      // As the Pulumi engine does (since 3.112): stack outputs are settled when the run ends, so a
      // failed run keeps the outputs of the last successful one (a later run may read them back).
      this.stackOutputs = { urn, outputs };
      return;
    }
    r.outputs = outputs;
    this.changed();
  }

  /**
   * Reads an object the program does not manage. The offline engine serves one kind: a
   * StackReference to the running stack itself, answered with the outputs its last update left
   * (what the real CLI answers too). Other reads are refused with the reason.
   */
  readResource(req: { type: string; name: string; id: string; parent: string }): { urn: string; properties: PropertyMap } {
    if (req.type !== STACK_REFERENCE_TYPE) throw new EngineError("PROGRAM", `the offline engine cannot read ${req.type} resources (Resource.get)`);
    const own = [`organization/${this.o.project}/${this.o.stack}`, `${this.o.project}/${this.o.stack}`, this.o.stack];
    if (!own.includes(req.id))
      throw new EngineError("PROGRAM", `the offline engine reads only the running stack's own outputs through a StackReference, not stack "${req.id}"`);
    const outputs = this.o.base.outputs ?? {};
    const secretOutputNames = Object.keys(outputs).filter((k) => containsSecret(outputs[k]));
    return {
      urn: makeUrn(this.o.stack, this.o.project, req.type, req.name, req.parent || undefined),
      properties: { name: req.id, outputs, secretOutputNames },
    };
  }

  /** A successful run's stack outputs replace the old ones; a failed run only adds or updates the ones it registered. */
  private settleStackOutputs(succeeded: boolean): void {
    if (!this.stackOutputs) return;
    const stack = this.registered.get(this.stackOutputs.urn);
    if (!stack) return;
    stack.outputs = succeeded ? this.stackOutputs.outputs : { ...stack.outputs, ...this.stackOutputs.outputs };
    this.stackOutputs = undefined;
    this.changed();
  }

  /** Resolves once every registration the program started has finished. */
  async waitForShutdown(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** After the program exited: deletions, only when the program and every step succeeded. */
  async finish(programSucceeded: boolean): Promise<void> {
    await this.waitForShutdown();
    this.settleStackOutputs(programSucceeded && !this.failed);
    if (!programSucceeded || this.failed) return;
    const leftovers = this.o.base.resources.filter((r) => !r.delete && this.olds.get(r.urn) === r);
    try {
      await deleteAll(
        [...leftovers, ...this.pendingDeletes],
        {
          dryRun: this.o.dryRun,
          provider: this.o.provider,
          record: (step) => this.record(step),
          removed: (r) => {
            const i = this.pendingDeletes.indexOf(r);
            if (i >= 0) this.pendingDeletes.splice(i, 1);
            else this.olds.delete(r.urn);
            this.changed();
          },
        },
        this.o.stack,
      );
    } catch (e) {
      this.fail(e);
    }
  }

  /** The state as it stands now: finished registrations, untouched olds, pending deletions. */
  snapshot(): StackState {
    const resources = [...this.registered.values(), ...[...this.olds.values()].filter((r) => !this.registered.has(r.urn)), ...this.pendingDeletes];
    const stackResource = resources.find((r) => r.type === ROOT_STACK_TYPE && !r.delete);
    return { ...this.o.base, resources, outputs: stackResource?.outputs ?? {} };
  }

  private changed(): void {
    if (!this.o.dryRun) this.o.onStateChanged();
  }

  private record(step: Step): void {
    this.steps.push(step);
    this.o.onStep(step);
  }

  private fail(e: unknown, urn?: string): void {
    this.failed = true;
    const err = asEngineError(e, "PROVIDER");
    this.o.diagnostics.add({ severity: "error", message: err.message, urn: err.facts.urn ?? urn, code: err.code });
  }

  private async register(req: RegisterRequest): Promise<RegisterResult> {
    const parent = req.parent || undefined;
    const urn = makeUrn(this.o.stack, this.o.project, req.type, req.name, parent);
    if (this.claimedUrns.has(urn)) {
      this.fail(new EngineError("PROGRAM", `duplicate resource URN ${urn}: two resources share a type and name`, { urn }));
      return { urn, outputs: {}, failed: true };
    }
    this.claimedUrns.add(urn);
    if (!req.custom) return this.registerComponent(req, urn, parent);
    if (this.failed) return { urn, outputs: {}, failed: true };
    try {
      return await this.registerCustom(req, urn, parent);
    } catch (e) {
      this.fail(e, urn);
      return { urn, outputs: {}, failed: true };
    }
  }

  private goal(req: RegisterRequest, urn: string, parent: string | undefined): ResourceState {
    return {
      urn,
      type: req.type,
      custom: req.custom,
      inputs: req.inputs,
      outputs: {},
      parent,
      provider: req.custom ? defaultProviderRef(this.o.stack, this.o.project) : undefined,
      dependencies: req.dependencies,
      propertyDependencies: nonEmptyDependencies(req.propertyDependencies),
      protect: req.protect || undefined,
      retainOnDelete: req.retainOnDelete || undefined,
      deleteBeforeReplace: req.deleteBeforeReplace || undefined,
      ignoreChanges: req.ignoreChanges.length > 0 ? req.ignoreChanges : undefined,
      additionalSecretOutputs: req.additionalSecretOutputs.length > 0 ? req.additionalSecretOutputs : undefined,
    };
  }

  /** The stack and component resources: no provider, outputs come from RegisterResourceOutputs. */
  private registerComponent(req: RegisterRequest, urn: string, parent: string | undefined): RegisterResult {
    const old = this.olds.get(urn);
    const next: ResourceState = { ...this.goal(req, urn, parent), outputs: old?.outputs ?? {} };
    this.complete(urn, next);
    this.record({ op: old ? "same" : "create", urn, type: req.type, old, new: next });
    return { urn, outputs: {} };
  }

  private complete(urn: string, next: ResourceState): void {
    this.registered.set(urn, next);
    this.olds.delete(urn);
    this.changed();
  }

  /** `olds` are the old inputs as they go on the wire (secrets unwrapped). */
  private async check(provider: ProviderHost, urn: string, type: string, olds: PropertyMap, news: PropertyMap): Promise<PropertyMap> {
    const result = await provider.check(urn, type, olds, unwrapMap(news));
    if (result.failures.length > 0) {
      const reasons = result.failures.map((f) => (f.property ? `${f.property}: ${f.reason}` : f.reason)).join("; ");
      throw new EngineError("CHECK_FAILED", `the provider rejected the inputs of ${urn}: ${reasons}`, { urn });
    }
    return carrySecrecy(result.inputs, news);
  }

  private async registerCustom(req: RegisterRequest, urn: string, parent: string | undefined): Promise<RegisterResult> {
    if (!req.type.startsWith("pulumi-nodejs:")) {
      throw new EngineError("VALIDATION", `${req.type} needs its provider plugin: the offline engine runs only dynamic resources (pulumi-nodejs:dynamic...)`, {
        urn,
      });
    }
    if (req.provider) throw new EngineError("VALIDATION", "explicit provider resources are not supported by the offline engine", { urn });
    if (req.importId) throw new EngineError("VALIDATION", "the import option is not supported by the offline engine", { urn });
    const provider = await this.o.provider();
    const goal = this.goal(req, urn, parent);
    const old = this.olds.get(urn);
    if (!old) return this.create(provider, goal, await this.check(provider, urn, req.type, {}, req.inputs));

    const news = goal.ignoreChanges ? applyIgnoreChanges(old.inputs, req.inputs, goal.ignoreChanges) : req.inputs;
    // The old inputs go to check and diff: one copy, which the provider host encodes once.
    const oldInputs = unwrapMap(old.inputs);
    const checked = await this.check(provider, urn, req.type, oldInputs, news);
    const diff = await provider.diff(urn, req.type, old.id ?? "", unwrapMap(old.outputs), unwrapMap(checked), oldInputs, goal.ignoreChanges ?? []);
    const inputChanges = diffProperties(old.inputs, checked);
    const replaces = [...diff.replaces];
    for (const key of changedKeys(inputChanges)) {
      if ((req.replaceOnChanges.includes(key) || req.replaceOnChanges.includes("*")) && !replaces.includes(key)) replaces.push(key);
    }
    const changed =
      diff.changes === "some" || (diff.changes === "unknown" && inputChanges.length > 0) || replaces.length > 0 || (old.initErrors?.length ?? 0) > 0;
    if (!changed) {
      const next: ResourceState = { ...goal, id: old.id, inputs: checked, outputs: markSecretOutputs(old.outputs, checked, goal.additionalSecretOutputs) };
      this.complete(urn, next);
      this.record({ op: "same", urn, type: req.type, old, new: next });
      return { urn, id: old.id, outputs: next.outputs };
    }

    // What the display and digest show: the input changes, or (drift) how the recorded outputs
    // differ from the desired inputs.
    const [diffOld, diffNew, changes] = displayDiff(old, checked, inputChanges);
    const reasons = changedKeys(changes);
    const stepBase = { urn, type: req.type, old, diffOld, diffNew, diffReasons: reasons };
    if (replaces.length > 0) {
      return this.replace(provider, goal, old, checked, {
        ...stepBase,
        replaceReasons: replaces,
        detailedDiff: detailedDiff(changes, replaces),
        deleteBeforeReplace: diff.deleteBeforeReplace || req.deleteBeforeReplace,
      });
    }
    return this.update(provider, goal, old, checked, { ...stepBase, detailedDiff: detailedDiff(changes) });
  }

  private async create(
    provider: ProviderHost,
    goal: ResourceState,
    checked: PropertyMap,
    op: "create" | "create-replacement" = "create",
    old?: ResourceState,
  ): Promise<RegisterResult> {
    const urn = goal.urn;
    if (this.o.dryRun) {
      const next: ResourceState = { ...goal, inputs: checked, outputs: checked };
      this.complete(urn, next);
      this.record({ op, urn, type: goal.type, old, new: next });
      return { urn, outputs: checked };
    }
    try {
      const created = await provider.create(urn, goal.type, unwrapMap(checked));
      const next: ResourceState = {
        ...goal,
        id: created.id,
        inputs: checked,
        outputs: markSecretOutputs(created.outputs, checked, goal.additionalSecretOutputs),
      };
      this.complete(urn, next);
      this.record({ op, urn, type: goal.type, old, new: next });
      return { urn, id: created.id, outputs: next.outputs };
    } catch (e) {
      const init = e instanceof ProviderError ? e.initFailure : undefined;
      let partial: ResourceState | undefined;
      if (init?.id) {
        // Created but not initialised: Pulumi records it (and updates it on the next run).
        partial = {
          ...goal,
          id: init.id,
          inputs: checked,
          outputs: markSecretOutputs(init.properties, checked, goal.additionalSecretOutputs),
          initErrors: init.reasons.length > 0 ? init.reasons : [(e as Error).message],
        };
        this.complete(urn, partial);
      }
      this.record({ op, urn, type: goal.type, old, new: partial ?? { ...goal, inputs: checked, outputs: {} }, failed: true });
      throw e;
    }
  }

  private async update(provider: ProviderHost, goal: ResourceState, old: ResourceState, checked: PropertyMap, step: Omit<Step, "op">): Promise<RegisterResult> {
    const urn = goal.urn;
    if (this.o.dryRun) {
      const next: ResourceState = { ...goal, id: old.id, inputs: checked, outputs: { ...old.outputs, ...checked } };
      this.complete(urn, next);
      this.record({ ...step, op: "update", new: next });
      return { urn, id: old.id, outputs: next.outputs };
    }
    try {
      const outs = await provider.update(
        urn,
        goal.type,
        old.id ?? "",
        unwrapMap(old.outputs),
        unwrapMap(checked),
        unwrapMap(old.inputs),
        goal.ignoreChanges ?? [],
      );
      const next: ResourceState = { ...goal, id: old.id, inputs: checked, outputs: markSecretOutputs(outs, checked, goal.additionalSecretOutputs) };
      this.complete(urn, next);
      this.record({ ...step, op: "update", new: next });
      return { urn, id: old.id, outputs: next.outputs };
    } catch (e) {
      const init = e instanceof ProviderError ? e.initFailure : undefined;
      const kept: ResourceState = init
        ? {
            ...goal,
            id: old.id,
            inputs: checked,
            outputs: markSecretOutputs(init.properties, checked, goal.additionalSecretOutputs),
            initErrors: init.reasons.length > 0 ? init.reasons : [(e as Error).message],
          }
        : old;
      this.complete(urn, kept);
      this.record({ ...step, op: "update", new: kept, failed: true });
      throw e;
    }
  }

  private async replace(
    provider: ProviderHost,
    goal: ResourceState,
    old: ResourceState,
    checked: PropertyMap,
    step: Omit<Step, "op">,
  ): Promise<RegisterResult> {
    const urn = goal.urn;
    if (old.protect) {
      throw new EngineError("PROTECTED", `refusing to replace protected resource ${urn} (changes to ${step.replaceReasons?.join(", ")} force a replacement)`, {
        urn,
      });
    }
    const preview: ResourceState = { ...goal, inputs: checked, outputs: checked };
    if (step.deleteBeforeReplace) {
      // Delete first (the old object blocks the new one), then create.
      this.record({ op: "delete-replaced", urn, type: goal.type, old, retained: old.retainOnDelete || undefined });
      if (!this.o.dryRun) {
        if (old.id && !old.retainOnDelete) await provider.delete(urn, goal.type, old.id, unwrapMap(old.outputs), unwrapMap(old.inputs));
        this.olds.delete(urn);
        this.changed();
      }
      this.record({ ...step, op: "replace", new: preview });
      return this.create(provider, goal, checked, "create-replacement", old);
    }
    // Create the replacement now; the old copy is deleted once the program has completed.
    const result = await this.create(provider, goal, checked, "create-replacement", old).catch((e: unknown) => {
      // The old object is still there: keep it, as the resource itself or (when a partly
      // created replacement took its place) as a copy to delete later.
      if (!this.registered.has(urn)) this.complete(urn, old);
      else this.pendingDeletes.push({ ...old, delete: true });
      throw e;
    });
    this.record({ ...step, op: "replace", new: this.registered.get(urn) ?? preview });
    this.pendingDeletes.push({ ...old, delete: true });
    this.changed();
    return result;
  }
}

/** The maps the display compares and the leaf changes between them. */
function displayDiff(old: ResourceState, checked: PropertyMap, inputChanges: PropertyChange[]): [PropertyMap, PropertyMap, PropertyChange[]] {
  if (inputChanges.length > 0) return [old.inputs, checked, inputChanges];
  const keys = new Set([...Object.keys(old.inputs), ...Object.keys(checked)]);
  const recorded: PropertyMap = {};
  for (const k of keys) if (k in old.outputs) recorded[k] = old.outputs[k];
  return [recorded, checked, diffProperties(recorded, checked)];
}

/** Property dependencies without the (many) properties that depend on nothing. */
function nonEmptyDependencies(deps: Record<string, string[]>): Record<string, string[]> | undefined {
  const entries = Object.entries(deps).filter(([, urns]) => urns.length > 0);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
