// The one diff every dynamic provider uses: compare the refreshed OUTPUTS (what the product
// really holds) with the desired inputs, property by property, so `up` also undoes drift.
import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";

/** The value Pulumi sends for an input that is not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** Treats undefined and null alike: the wire formats drop empty fields. */
function normalise(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** Names of the properties among `compared` whose desired value differs from the current one. */
export function changedProperties<T extends object, K extends keyof T & string = keyof T & string>(current: T, desired: T, compared: readonly K[]): K[] {
  return compared.filter((key) => containsUnknown(desired[key]) || !isDeepStrictEqual(normalise(current[key]), normalise(desired[key])));
}

/** Pulumi's diff of two property bags, compared on `compared`; a change to one of `replaceOn` replaces. */
export function diffResult<T extends object, K extends keyof T & string = keyof T & string>(
  current: T,
  desired: T,
  compared: readonly K[],
  replaceOn: readonly K[] = [],
): pulumi.dynamic.DiffResult {
  const changed = changedProperties(current, desired, compared);
  const replaces = changed.filter((key) => replaceOn.includes(key));
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
}
