// A batch resource: one Pulumi resource holding many objects of one kind (users, hosts), each
// still created, compared, refreshed and removed by its own per-object provider. The SDK's
// registration costs about 6 ms of program CPU and a few hundred KB of heap per resource
// whatever its size, so 10,000 users as 10,000 resources cannot be previewed in a minute; as 64
// batches they can. Inputs and outputs are maps keyed by the object's stable key (the Entra
// object id, the host's externalId), so the engine's diff and the reports still name each
// object added, removed or changed, and an update writes only the members that changed.
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { batchProgress, type BatchProgress } from "./batch-progress";
import { Slots } from "../slots";

export interface BatchInputs<I> {
  members: Record<string, I>;
}

export interface BatchOutputs<O> {
  members: Record<string, O>;
  /** Each member's id in the product (what the per-object resource's id was). */
  ids: Record<string, string>;
}

/** The per-object provider a batch drives, as complete as the contract suite requires. */
export interface MemberProvider<I, O> {
  configure?(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
  check(olds: I, news: I): Promise<pulumi.dynamic.CheckResult<I>>;
  diff(id: string, olds: O, news: I): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: I): Promise<pulumi.dynamic.CreateResult<O>>;
  read(id: string, props?: O): Promise<pulumi.dynamic.ReadResult<O>>;
  update(id: string, olds: O, news: I): Promise<pulumi.dynamic.UpdateResult<O>>;
  delete(id: string, props: O): Promise<void>;
}

export interface BatchSpec<I> {
  /** "PRA users": progress lines and errors name the batch's objects this way. */
  what: string;
  /** A member's name for people: its userName, a host's common name. */
  labelOf(inputs: I): string;
  /** Member operations in flight for this kind in the process (default 32); the HTTP layer's rate limit paces them further. */
  concurrency?: number;
  progress?: BatchProgress;
}

/** Member keys each kind's batches created or adopted in this provider process (see `retiredMemberProvider`). */
const claimed = new Map<string, Set<string>>();

function claim(what: string, key: string): void {
  let keys = claimed.get(what);
  if (!keys) claimed.set(what, (keys = new Set()));
  keys.add(key);
}

/**
 * The provider of a per-object resource type that batches replaced (`pra:ScimUser` before
 * `pra:ScimUsers`), for the resources a stack's state still holds from then. The program no
 * longer declares them, so the engine deletes each after the batches are created; a member a
 * batch has just created or adopted (the same object, found by its key) is only forgotten, and
 * any other gets its real removal (the leaver policy), as before.
 */
export function retiredMemberProvider<I extends object, O extends I>(
  member: MemberProvider<I, O>,
  what: string,
  keyOf: (props: O) => string,
): MemberProvider<I, O> {
  return {
    ...member,
    async delete(id, props) {
      if (claimed.get(what)?.has(keyOf(props))) return;
      await member.delete(id, props);
    },
  };
}

/** How many batches the objects of one kind are spread over: fixed, so no object ever moves. */
export const BATCH_COUNT = 64;

/**
 * The batch an object belongs to, from its stable key alone: adding or removing other objects
 * never moves it (a move would be a remove from one batch and an add to another, in either
 * order), so batches are buckets of a hash, not slices of a sorted list.
 */
export function batchIndexOf(key: string, count: number = BATCH_COUNT): number {
  return createHash("sha1").update(key).digest().readUInt32BE(0) % count;
}

/** Objects grouped into their batches: `<prefix>-07` → members by key, in key order. */
export function batchesOf<T>(items: readonly T[], keyOf: (item: T) => string, prefix: string, count: number = BATCH_COUNT): Map<string, Map<string, T>> {
  const width = String(count - 1).length;
  const byName = new Map<string, Map<string, T>>();
  for (const item of [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))) {
    const key = keyOf(item);
    const name = `${prefix}-${String(batchIndexOf(key, count)).padStart(width, "0")}`;
    let batch = byName.get(name);
    if (!batch) byName.set(name, (batch = new Map<string, T>()));
    if (batch.has(key)) throw new Error(`internal: two ${prefix} objects share the key ${key}`);
    batch.set(key, item);
  }
  return new Map([...byName].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Some members were written and some failed. Thrown with the batch's id and its outputs as they
 * now are, the engine records what succeeded (a partial create or update, as Pulumi records a
 * resource that was created but failed to initialise) and the next run retries only the rest.
 */
export class PartialBatchError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "PartialBatchError";
  }
}

type MemberStep = "create" | "update" | "replace" | "delete";

/**
 * Member operations in flight per kind, across all its batches in this process: the engine may
 * run every batch at once (the CLI's --parallel is unbounded), and a product without a client
 * rate limit (PrivX) must not get a thousand requests queued on its connections, each one's
 * timeout running while it waits.
 */
const slotsByKind = new Map<string, Slots>();

function slotsOf(what: string, limit: number): Slots {
  let slots = slotsByKind.get(what);
  if (!slots) slotsByKind.set(what, (slots = new Slots(limit)));
  return slots;
}

async function eachLimited<T>(items: readonly T[], slots: Slots, run: (item: T) => Promise<void>): Promise<void> {
  await Promise.all(items.map((item) => slots.run(() => run(item))));
}

const errorLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split("\n")[0];

/** The batch provider over one per-object provider. */
export function batchProvider<I extends object, O extends I>(member: MemberProvider<I, O>, spec: BatchSpec<I>) {
  const slots = slotsOf(spec.what, spec.concurrency ?? 32);
  const progress = spec.progress ?? batchProgress;

  async function memberSteps(ids: Record<string, string>, olds: Record<string, O>, news: Record<string, I>): Promise<[string, MemberStep][]> {
    const steps: [string, MemberStep][] = [];
    for (const key of Object.keys(olds)) if (!(key in news)) steps.push([key, "delete"]);
    for (const [key, desired] of Object.entries(news)) {
      if (!(key in olds)) {
        steps.push([key, "create"]);
        continue;
      }
      const diff = await member.diff(ids[key], olds[key], desired);
      if (diff.changes === false) continue;
      steps.push([key, (diff.replaces?.length ?? 0) > 0 ? "replace" : "update"]);
    }
    return steps;
  }

  /** Applies the member steps; the outputs as they are afterwards, and what failed. */
  async function apply(id: string, olds: BatchOutputs<O>, news: BatchInputs<I>, providerText: unknown): Promise<BatchOutputs<O>> {
    const members = { ...olds.members };
    const ids = { ...olds.ids };
    const steps = await memberSteps(ids, olds.members, news.members);
    const failures: string[] = [];
    const task = progress.start(spec.what, steps.length);
    await eachLimited(steps, slots, async ([key, step]) => {
      const label = spec.labelOf(news.members[key] ?? olds.members[key]);
      try {
        if (step === "delete" || step === "replace") {
          await member.delete(ids[key], olds.members[key]);
          delete members[key];
          delete ids[key];
        }
        if (step === "update") {
          const { outs } = await member.update(ids[key], olds.members[key], news.members[key]);
          members[key] = outs ?? { ...olds.members[key], ...news.members[key] };
        } else if (step !== "delete") {
          const created = await member.create(news.members[key]);
          members[key] = created.outs as O;
          ids[key] = created.id;
          claim(spec.what, key);
        }
      } catch (err) {
        failures.push(`${label}: ${errorLine(err)}`);
      } finally {
        task.done();
      }
    });
    task.finish();
    const outputs = { members: sortedByKey(members), ids: sortedByKey(ids) };
    if (failures.length > 0) {
      failures.sort();
      const shown = failures.slice(0, 10).map((f) => `  ${f}`);
      const more = failures.length > 10 ? [`  … and ${failures.length - 10} more`] : [];
      const message = [`${failures.length} of ${steps.length} ${spec.what} could not be written (the others were, and are recorded):`, ...shown, ...more].join(
        "\n",
      );
      throw new PartialBatchError(message, id, { ...outputs, __provider: providerText }, failures);
    }
    return outputs;
  }

  return {
    configure: async (req: pulumi.dynamic.ConfigureRequest) => member.configure?.(req),

    async check(olds: Partial<BatchInputs<I>> | undefined, news: BatchInputs<I>): Promise<pulumi.dynamic.CheckResult<BatchInputs<I>>> {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      const members: Record<string, I> = {};
      if (!news.members || typeof news.members !== "object") {
        return { inputs: news, failures: [{ property: "members", reason: "a map of members by key is required" }] };
      }
      for (const [key, inputs] of Object.entries(news.members)) {
        const checked = await member.check((olds?.members?.[key] ?? {}) as I, inputs);
        members[key] = checked.inputs ?? inputs;
        for (const f of checked.failures ?? []) failures.push({ property: `members.${key}.${f.property}`, reason: `${spec.labelOf(inputs)}: ${f.reason}` });
      }
      return { inputs: { ...news, members }, failures };
    },

    async diff(_id: string, olds: BatchOutputs<O>, news: BatchInputs<I>): Promise<pulumi.dynamic.DiffResult> {
      const steps = await memberSteps(olds.ids ?? {}, olds.members ?? {}, news.members);
      // Members are replaced inside the batch's update; the batch itself is never replaced.
      return { changes: steps.length > 0, replaces: [], deleteBeforeReplace: false };
    },

    async create(inputs: BatchInputs<I> & { __provider?: unknown }): Promise<{ id: string; outs: BatchOutputs<O> }> {
      const id = `batch-${createHash("sha1").update(Object.keys(inputs.members).sort().join("\n")).digest("hex").slice(0, 16)}`;
      return { id, outs: await apply(id, { members: {}, ids: {} }, inputs, inputs.__provider) };
    },

    async read(id: string, props?: BatchOutputs<O>): Promise<pulumi.dynamic.ReadResult<BatchOutputs<O>>> {
      const members: Record<string, O> = {};
      const ids: Record<string, string> = {};
      const keys = Object.keys(props?.members ?? {});
      await eachLimited(keys, slots, async (key) => {
        const found = await member.read(props!.ids[key], props!.members[key]);
        // A member the product no longer holds drops out: the next diff creates it again.
        if (found.id && found.props) {
          members[key] = found.props;
          ids[key] = found.id;
        }
      });
      return { id, props: { members: sortedByKey(members), ids: sortedByKey(ids) } };
    },

    async update(id: string, olds: BatchOutputs<O>, news: BatchInputs<I> & { __provider?: unknown }): Promise<{ outs: BatchOutputs<O> }> {
      return { outs: await apply(id, { members: olds.members ?? {}, ids: olds.ids ?? {} }, news, news.__provider) };
    },

    async delete(_id: string, props: BatchOutputs<O>): Promise<void> {
      const failures: string[] = [];
      const keys = Object.keys(props.members ?? {});
      const task = progress.start(spec.what, keys.length);
      await eachLimited(keys, slots, async (key) => {
        try {
          await member.delete(props.ids[key], props.members[key]);
        } catch (err) {
          failures.push(`${spec.labelOf(props.members[key])}: ${errorLine(err)}`);
        } finally {
          task.done();
        }
      });
      task.finish();
      // Deleting again is safe: a member already gone is skipped by its provider.
      if (failures.length > 0)
        throw new Error(
          [
            `${failures.length} of ${keys.length} ${spec.what} could not be removed:`,
            ...failures
              .sort()
              .slice(0, 10)
              .map((f) => `  ${f}`),
          ].join("\n"),
        );
    },
  };
}

function sortedByKey<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
