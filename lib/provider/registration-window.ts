// Batch resources declared a few at a time. The SDK keeps each registration's request (a
// protobuf Struct of every member, about ten times its JSON size) and a serialized copy of its
// inputs until the engine answers, and the engine holds the request while it checks and diffs;
// declared all at once, every batch of a 10,000-user tenant is in flight together, for minutes
// in a first up. A window of a few registrations per kind keeps the product's rate limit and
// the provider's member slots just as busy (each batch has a hundred members or more) while
// only those few are held in memory.
import type * as pulumi from "@pulumi/pulumi";
import { withNativeStackTraces } from "./native-stack-traces";
import { batchesOf } from "./batch";

/** Registrations of one kind in flight at once. */
export const REGISTRATIONS_IN_FLIGHT = 8;

/** Settles when the engine has answered the resource's registration (its URN is known or failed). */
function registered(resource: pulumi.Resource): Promise<unknown> {
  // `Output.promise()` is the SDK's own way to await an output (its tests and runtime use it);
  // `apply` would not run for a failed registration and leave a rejection nobody handles.
  const urn = resource.urn as unknown as { promise?: () => Promise<string> };
  if (typeof urn.promise !== "function")
    throw new Error("internal: this @pulumi/pulumi has no Output.promise(); the registration window cannot tell when a registration ends");
  return urn.promise().then(
    () => undefined,
    () => undefined,
  );
}

export interface Window<R> {
  /** Each resource, in the order given, once it has been declared. */
  resources: Promise<R>[];
  /** Resolves when every resource has been declared (not necessarily registered). */
  declared: Promise<void>;
  /** Resolves when every registration has ended, failed ones included (rejects as `declared` does). */
  registered: Promise<void>;
}

/**
 * Declares the resources the `creators` make, in the order given, at most `width` of them
 * registering at a time; the first `width` at once, each later one when an earlier one's
 * registration has ended. Every declaration runs with V8's own stack formatter (see
 * native-stack-traces.ts), the later ones too.
 */
export function declareWindowed<R extends pulumi.Resource>(creators: readonly (() => R)[], width: number = REGISTRATIONS_IN_FLIGHT): Window<R> {
  const settle: { resolve(r: R): void; reject(e: unknown): void }[] = [];
  const resources = creators.map(() => new Promise<R>((resolve, reject) => settle.push({ resolve, reject })));
  let next = 0;
  let failure: unknown;
  const registrations: Promise<unknown>[] = [];
  const declared = new Promise<void>((resolveAll, rejectAll) => {
    let active = 0;
    const pump = (): void => {
      while (active < width && next < creators.length && failure === undefined) {
        const i = next++;
        let resource: R;
        try {
          resource = withNativeStackTraces(creators[i]);
        } catch (err) {
          failure = err;
          settle[i].reject(err);
          break;
        }
        settle[i].resolve(resource);
        active++;
        const registration = registered(resource);
        registrations.push(registration);
        void registration.then(() => {
          active--;
          pump();
        });
      }
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the declaration's own error, passed on as it was thrown
      if (failure !== undefined) rejectAll(failure);
      else if (next === creators.length) resolveAll();
    };
    pump();
  });
  // A declaration that threw is reported once, by `declared`; the resources it did not make are
  // never awaited by anyone else.
  for (const r of resources) r.catch(() => undefined);
  const all = declared.then(() => Promise.all(registrations)).then(() => undefined);
  all.catch(() => undefined);
  return { resources, declared, registered: all };
}

/**
 * Objects of one kind in their batches (`batchesOf`), the batches declared windowed; `batchOf`
 * is the batch each object is in, for the resources that must depend on it.
 */
export function declareBatches<T, R extends pulumi.Resource>(
  items: readonly T[],
  keyOf: (item: T) => string,
  prefix: string,
  create: (name: string, members: Record<string, T>) => R,
): Window<R> & { batchOf: Map<T, Promise<R>> } {
  const batches = [...batchesOf(items, keyOf, prefix)];
  const window = declareWindowed(
    batches.map(
      ([name, members]) =>
        () =>
          create(name, Object.fromEntries(members)),
    ),
  );
  const batchOf = new Map<T, Promise<R>>();
  batches.forEach(([, members], i) => {
    for (const item of members.values()) batchOf.set(item, window.resources[i]);
  });
  return { ...window, batchOf };
}
