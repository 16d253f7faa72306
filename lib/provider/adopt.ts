// "Adopt, don't duplicate", written once: `create` looks for the object the resource already is
// (by its key, e.g. externalId), else for an unlinked object (no key at all) with the same name
// that an older tool or a person made, and takes it over instead of adding a second one.
import type { RemoteIndex } from "./remote-index";

export interface AdoptionRule<T> {
  /** The object's key as the product holds it (undefined or "" = unlinked). */
  keyOf(item: T): string | undefined;
  /** The name an unlinked object is matched by; without it, objects are adopted by key only. */
  nameOf?(item: T): string;
  /** Names compare case-insensitively, as the product compares them. */
  ignoreCase?: boolean;
}

/** The object to adopt for `wanted`, or undefined when there is none (then create one). */
export async function findAdoptable<T extends { id?: string | number }>(
  index: RemoteIndex<T>,
  rule: AdoptionRule<T>,
  wanted: { key: string; name?: string },
): Promise<T | undefined> {
  const [byKey] = await index.filter((item) => rule.keyOf(item) === wanted.key);
  if (byKey || !rule.nameOf || wanted.name === undefined) return byKey;
  const nameOf = rule.nameOf;
  const fold = (name: string) => (rule.ignoreCase ? name.toLowerCase() : name);
  const [byName] = await index.filter((item) => !rule.keyOf(item) && fold(nameOf(item)) === fold(wanted.name!));
  return byName;
}

/**
 * Adopts `existing` when there is one (`adopt` writes the desired state over it), else creates:
 * either way the id and outputs of the object the resource now is.
 */
export async function adoptOrCreate<T extends { id?: string }, Outputs>(
  existing: T | undefined,
  how: { adopt(id: string, existing: T): Promise<Outputs>; create(): Promise<{ id: string; outs: Outputs }> },
): Promise<{ id: string; outs: Outputs }> {
  // There is no `pulumi import` for dynamic resources: adopting is how an object is taken over.
  if (existing?.id) return { id: existing.id, outs: await how.adopt(existing.id, existing) };
  return how.create();
}
