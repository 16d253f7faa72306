// The one set differ every membership uses (SCIM group members, PRA policy members and jump
// groups, PrivX role lists): what to add, what to remove, what is already there, by key.

export type SetKey = string | number;

export interface SetDiff<C, D> {
  /** Desired items with no current counterpart, in desired order. */
  toAdd: D[];
  /** Current items with no desired counterpart (and later duplicates of a current key), in current order. */
  toRemove: C[];
  /** Pairs present on both sides, in desired order. */
  unchanged: Array<{ current: C; desired: D }>;
}

export interface SetKeys<C, D> {
  current: (item: C) => SetKey;
  desired: (item: D) => SetKey;
}

/**
 * Compares two collections by key. Keys are compared exactly: normalise case in the key
 * function where the product compares case-insensitively. A desired key given twice counts
 * once; a current key present twice is kept once and its extra copies are to be removed.
 */
export function diffSets<T>(current: Iterable<T>, desired: Iterable<T>, key: (item: T) => SetKey): SetDiff<T, T>;
export function diffSets<C, D>(current: Iterable<C>, desired: Iterable<D>, keys: SetKeys<C, D>): SetDiff<C, D>;
export function diffSets<C, D>(current: Iterable<C>, desired: Iterable<D>, key: SetKeys<C, D> | ((item: C | D) => SetKey)): SetDiff<C, D> {
  const currentKey = typeof key === "function" ? key : key.current;
  const desiredKey = typeof key === "function" ? key : key.desired;
  const currentItems = [...current];
  const firstIndexOfKey = new Map<SetKey, number>();
  currentItems.forEach((item, index) => {
    const k = currentKey(item);
    if (!firstIndexOfKey.has(k)) firstIndexOfKey.set(k, index);
  });
  const toAdd: D[] = [];
  const unchanged: Array<{ current: C; desired: D }> = [];
  const kept = new Set<number>();
  const seen = new Set<SetKey>();
  for (const item of desired) {
    const k = desiredKey(item);
    if (seen.has(k)) continue;
    seen.add(k);
    const index = firstIndexOfKey.get(k);
    if (index === undefined) {
      toAdd.push(item);
    } else {
      kept.add(index);
      unchanged.push({ current: currentItems[index], desired: item });
    }
  }
  const toRemove = currentItems.filter((_, index) => !kept.has(index));
  return { toAdd, toRemove, unchanged };
}
