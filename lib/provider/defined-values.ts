// What a provider hands the SDK holds no `undefined`. The dynamic-provider process encodes
// outputs with google-protobuf's `Struct.fromJavaScript`, which throws "Unexpected struct type"
// on an `undefined` anywhere in them; once such an output is returned from an update, every later
// run that reaches the resource fails the same way and the stack cannot converge. A provider may
// well build `{ ...olds, ...settings }` with a setting unset, so the values are made JSON-shaped
// here, in the one place every provider passes through (`loadProvider`), not in each provider:
// a key whose value is undefined is left out, an undefined array element is null (what
// JSON.stringify and the SDK's own serializeProperties do).
import type * as pulumi from "@pulumi/pulumi";
import { isApiError } from "../http";
import { isProviderError } from "./errors";

/** `value` without undefined: keys with undefined values left out, undefined array elements null. */
export function definedValues<T>(value: T): T {
  if (Array.isArray(value)) return (value as unknown[]).map((item) => (item === undefined ? null : definedValues(item))) as T;
  if (value === null || typeof value !== "object") return value;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = definedValues(item);
  return result as T;
}

/** An error a provider throws with the properties to record (a partial batch): those made defined too. */
function withDefinedProperties(err: unknown): unknown {
  if (err && typeof err === "object" && "properties" in err && (err as { properties?: unknown }).properties) {
    const carrier = err;
    carrier.properties = definedValues(carrier.properties);
  }
  return err;
}

async function defined<R>(call: () => Promise<R>): Promise<R> {
  try {
    return definedValues(await call());
  } catch (err) {
    throw withDefinedProperties(err);
  }
}

/**
 * The SDK's provider process prints `${error}: ${error.stack}` for a check, diff or read that
 * fails; for the errors we raise on purpose (a product's answer, a provider's own error) the
 * message says everything, and the frames would bury it among the engine's output: their stack
 * is the message alone. An unexpected error keeps its frames.
 */
async function withoutFrames<R>(call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (err) {
    if ((isProviderError(err) || isApiError(err)) && err instanceof Error) err.stack = "(the message above says what failed)";
    throw err;
  }
}

/** The provider as the SDK's dynamic-provider process gets it: every result and recorded property free of undefined. */
export function withDefinedOutputs(provider: pulumi.dynamic.ResourceProvider): pulumi.dynamic.ResourceProvider {
  // Methods are forwarded one by one (not spread): a provider may be a proxy or a class instance.
  const { check, create, read, update } = provider;
  return {
    configure: provider.configure && ((req) => provider.configure!(req)),
    diff: provider.diff && ((id, olds, news) => withoutFrames(() => provider.diff!(id, olds, news))),
    delete: provider.delete && ((id, props) => provider.delete!(id, props)),
    check: check && ((olds, news) => withoutFrames(() => defined(() => check.call(provider, olds, news)))),
    create: create && ((inputs) => defined(() => create.call(provider, inputs))),
    read: read && ((id, props) => withoutFrames(() => defined(() => read.call(provider, id, props)))),
    update: update && ((id, olds, news) => defined(() => update.call(provider, id, olds, news))),
  };
}
