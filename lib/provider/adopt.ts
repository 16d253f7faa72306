// "Adopt, don't duplicate", written once: `create` looks for the object the resource already is
// (by its key, e.g. externalId), else for an unlinked object (no key at all) with the same name
// that an older tool or a person made, and takes it over instead of adding a second one.
import type { IndexKey, RemoteIndex } from "./remote-index";

export interface AdoptionRule<T> {
  /** The object's key as the product holds it (undefined or "" = unlinked). */
  keyOf: (item: T) => string | undefined;
  /** The name an unlinked object is matched by; without it, objects are adopted by key only. */
  nameOf?: (item: T) => string;
  /** Names compare case-insensitively, as the product compares them. */
  ignoreCase?: boolean;
}

/** The object to adopt for `wanted`, or undefined when there is none (then create one). */
export async function findAdoptable<T extends { id?: string | number }>(
  index: RemoteIndex<T>,
  rule: AdoptionRule<T>,
  wanted: { key: string; name?: string },
): Promise<T | undefined> {
  const keys = indexKeysOf(rule);
  const [byKey] = await index.where(keys.byKey, wanted.key);
  if (byKey || !keys.byName || wanted.name === undefined) return byKey;
  const [byName] = await index.where(keys.byName, fold(rule, wanted.name));
  return byName;
}

const fold = <T>(rule: AdoptionRule<T>, name: string) => (rule.ignoreCase ? name.toLowerCase() : name);

/**
 * The index keys of a rule, made once per rule so the index behind them is built once: a lookup
 * per created resource must not scan every object the product holds (O(n²) in a first up).
 */
const indexKeys = new WeakMap<object, { byKey: IndexKey<never>; byName?: IndexKey<never> }>();

function indexKeysOf<T>(rule: AdoptionRule<T>): { byKey: IndexKey<T>; byName?: IndexKey<T> } {
  let keys = indexKeys.get(rule) as { byKey: IndexKey<T>; byName?: IndexKey<T> } | undefined;
  if (!keys) {
    const nameOf = rule.nameOf;
    keys = {
      byKey: (item) => rule.keyOf(item) ?? undefined,
      byName: nameOf ? (item) => (rule.keyOf(item) ? undefined : fold(rule, nameOf(item))) : undefined,
    };
    indexKeys.set(rule, keys);
  }
  return keys;
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
