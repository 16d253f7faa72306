// The detailed diff between two property maps, in the shape `pulumi preview --json` prints:
// leaf paths such as `members["alice@contoso.com"]` or `tags[2]` with a kind (add, delete,
// update, and their -replace forms when the top-level property forces a replacement).
import { deepEqual, isPlainObject, isSecret, type PropertyMap, type PropertyValue } from "./properties";

export type DiffKind = "add" | "delete" | "update" | "add-replace" | "delete-replace" | "update-replace";

export interface PropertyChange {
  /** Path segments: object keys are strings, array indexes numbers. */
  path: (string | number)[];
  kind: "add" | "delete" | "update";
  old?: PropertyValue;
  new?: PropertyValue;
}

/** Pulumi's property path text: `a.b`, `a["x@y"]`, `a[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  path.forEach((seg, i) => {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[\p{L}\p{N}_$]+$/u.test(seg)) out += i === 0 ? seg : `.${seg}`;
    else out += `["${seg.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"]`;
  });
  return out;
}

/** Every leaf-level difference between old and new (secrets compare by value; no descent into them). */
export function diffProperties(olds: PropertyMap, news: PropertyMap): PropertyChange[] {
  const changes: PropertyChange[] = [];
  diffValue([], olds, news, changes);
  return changes;
}

function diffValue(path: (string | number)[], a: PropertyValue, b: PropertyValue, out: PropertyChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path, kind: "add", new: b });
    return;
  }
  if (b === undefined) {
    out.push({ path, kind: "delete", old: a });
    return;
  }
  if (deepEqual(a, b)) return;
  if (!isSecret(a) && !isSecret(b)) {
    if (isPlainObject(a) && isPlainObject(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
      for (const k of keys) diffValue([...path, k], a[k], b[k], out);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) diffValue([...path, i], i < a.length ? a[i] : undefined, i < b.length ? b[i] : undefined, out);
      return;
    }
  }
  out.push({ path, kind: "update", old: a, new: b });
}

/** Top-level property names that differ, in the order they appear (the CLI's `diffReasons`). */
export function changedKeys(changes: readonly PropertyChange[]): string[] {
  const keys: string[] = [];
  for (const c of changes) {
    const k = String(c.path[0]);
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

export interface DetailedDiffEntry {
  kind: DiffKind;
  inputDiff: boolean;
}

export function detailedDiff(changes: readonly PropertyChange[], replaceKeys: readonly string[] = []): Record<string, DetailedDiffEntry> {
  const out: Record<string, DetailedDiffEntry> = {};
  for (const c of changes) {
    const replace = replaceKeys.includes(String(c.path[0]));
    out[formatPath(c.path)] = { kind: replace ? (`${c.kind}-replace` as DiffKind) : c.kind, inputDiff: true };
  }
  return out;
}

/** The `[diff: ~members +tags]` summary the CLI prints after a step line. */
export function diffSummary(olds: PropertyMap, news: PropertyMap, keys: readonly string[]): string {
  return keys
    .map((k) => {
      if (!(k in olds) || olds[k] === undefined) return `+${k}`;
      if (!(k in news) || news[k] === undefined) return `-${k}`;
      return `~${k}`;
    })
    .join(" ");
}
