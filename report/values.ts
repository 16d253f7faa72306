// How property values are shown in reports, and a differ that lists which properties changed.
// Secret values stay "[secret]" whatever form they arrive in; nothing here ever unwraps one.

/** What the Pulumi engine sends for a value it will only know after apply. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The engine's marker key and value for a secret object {sig: secret, value}. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";
export const SECRET_TEXT = "[secret]";
export const NOT_SET = "(not set)";

export function isSecret(value: unknown): boolean {
  if (value === SECRET_TEXT) return true;
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG_VALUE;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !isSecret(value);

/** One line of text for a value, in the order the digest gave object keys. */
export function displayValue(value: unknown): string {
  if (value === undefined) return NOT_SET;
  if (isSecret(value)) return SECRET_TEXT;
  if (value === UNKNOWN_VALUE) return "(known after apply)";
  if (value === null) return "none";
  if (typeof value === "string") return value === "" ? '""' : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(displayValue).join(", ")}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${displayValue(v)}`)
      .join(", ")}}`;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what is left (bigint, symbol, a class instance) prints as JavaScript prints it
  return String(value);
}

const isAbsent = (value: unknown): boolean => value === null || value === undefined;

/**
 * JSON with sorted keys and secrets collapsed: equal text means equal as far as a report can
 * tell. Like Pulumi's own diff, a null value and a missing one are the same (a provider's read
 * may leave out the fields the inputs set to null).
 */
export function canonical(value: unknown): string {
  if (isAbsent(value)) return "null";
  if (isSecret(value)) return JSON.stringify(SECRET_TEXT);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .filter((k) => !isAbsent(value[k]))
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

export interface PropertyChange {
  /** `tags`, `permissions.perm_admin`, `jumpGroups["Linux Servers"].jumpItemRole`. */
  path: string;
  before: string;
  after: string;
  /** For lists of plain strings: what the new list has that the old one lacks, and the reverse. */
  added?: string[];
  removed?: string[];
}

export function propertyPath(parent: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  if (!parent) return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Code-point order: the same on every machine, whatever its locale. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const sortedStrings = (values: Iterable<string>): string[] => [...values].sort(byText);

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && !isSecret(v))) return undefined;
  return value as string[];
}

export interface DiffOptions {
  /** Top-level keys to leave out (server-assigned ids, the serialized provider, ...). */
  ignore?: Iterable<string>;
  /** Top-level keys the engine reported as changed: a secret that looks equal is listed anyway. */
  reportedChanges?: ReadonlySet<string>;
}

/**
 * The properties that differ between two property bags, descending into objects so that one
 * changed permission shows as `permissions.perm_x` rather than the whole object.
 */
export function diffProperties(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  options: DiffOptions = {},
): PropertyChange[] {
  const ignore = new Set(options.ignore ?? []);
  ignore.add("__provider");
  const changes: PropertyChange[] = [];
  const keys = sortedStrings(new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]));
  for (const key of keys) {
    if (ignore.has(key)) continue;
    const old = before?.[key];
    const next = after?.[key];
    const found = diffValue(propertyPath("", key), old, next);
    if (found.length === 0 && options.reportedChanges?.has(key) && isSecret(old) && isSecret(next)) {
      found.push({ path: key, before: SECRET_TEXT, after: SECRET_TEXT });
    }
    changes.push(...found);
  }
  return changes;
}

function diffValue(path: string, before: unknown, after: unknown): PropertyChange[] {
  if (sameValue(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = sortedStrings(new Set([...Object.keys(before), ...Object.keys(after)]));
    return keys.flatMap((key) => diffValue(propertyPath(path, key), before[key], after[key]));
  }
  const change: PropertyChange = { path, before: displayValue(before), after: displayValue(after) };
  const oldList = stringList(before ?? []);
  const newList = stringList(after ?? []);
  if (oldList && newList) {
    const oldSet = new Set(oldList);
    const newSet = new Set(newList);
    change.added = sortedStrings(newList.filter((v) => !oldSet.has(v)));
    change.removed = sortedStrings(oldList.filter((v) => !newSet.has(v)));
  }
  return [change];
}

/** A property value as text, or undefined when it is not a usable plain string. */
export function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== UNKNOWN_VALUE && !isSecret(value) ? value : undefined;
}
