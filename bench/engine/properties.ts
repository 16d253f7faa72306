// Property values as they travel between the program, the engine and the providers: plain JSON
// with two markers borrowed from the Pulumi wire format (sdk/nodejs/runtime/rpc.ts):
// - an unknown value (preview only) is the string UNKNOWN;
// - a secret is the object {SIG_KEY: SECRET_SIG, value}.
// In the state file a secret is {SIG_KEY: SECRET_SIG, ciphertext} instead (see state.ts).

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const SECRET_MASK = "[secret]";

export type PropertyValue = unknown;
export type PropertyMap = Record<string, PropertyValue>;

export interface SecretValue {
  [SIG_KEY]: typeof SECRET_SIG;
  value: PropertyValue;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isSecret(v: unknown): v is SecretValue {
  return isPlainObject(v) && v[SIG_KEY] === SECRET_SIG;
}

export function makeSecret(value: PropertyValue): SecretValue {
  return { [SIG_KEY]: SECRET_SIG, value: isSecret(value) ? value.value : value };
}

export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

/** Deeply replaces every secret by its plain value (what a provider that does not accept secrets sees). */
export function unwrapSecrets(v: PropertyValue): PropertyValue {
  if (isSecret(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (isPlainObject(v)) {
    const out: PropertyMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = unwrapSecrets(x);
    return out;
  }
  return v;
}

export function unwrapMap(m: PropertyMap): PropertyMap {
  return unwrapSecrets(m) as PropertyMap;
}

export function containsSecret(v: PropertyValue): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (isPlainObject(v)) return Object.values(v).some(containsSecret);
  return false;
}

export function containsUnknown(v: PropertyValue): boolean {
  if (isUnknown(v)) return true;
  if (isSecret(v)) return containsUnknown(v.value);
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isPlainObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/** Secrets replaced by "[secret]": the only form in which values are displayed or printed as JSON. */
export function maskSecrets(v: PropertyValue): PropertyValue {
  if (isSecret(v)) return SECRET_MASK;
  // A value without secrets is returned as it is, not copied: the digest of a large stack
  // would otherwise hold a second copy of every resource's old and new properties.
  if (Array.isArray(v)) {
    let out: PropertyValue[] | undefined;
    v.forEach((x, i) => {
      const masked = maskSecrets(x);
      if (masked !== x) (out ??= v.slice())[i] = masked;
    });
    return out ?? v;
  }
  if (isPlainObject(v)) {
    let out: PropertyMap | undefined;
    for (const [k, x] of Object.entries(v)) {
      const masked = maskSecrets(x);
      if (masked !== x) (out ??= { ...v })[k] = masked;
    }
    return out ?? v;
  }
  return v;
}

/** Structural equality on plain values; secrecy is ignored (a value is equal to its secret form). */
export function deepEqual(a: PropertyValue, b: PropertyValue): boolean {
  if (isSecret(a)) return deepEqual(a.value, b);
  if (isSecret(b)) return deepEqual(a, b.value);
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * What the engine does with the outputs of a provider that does not accept secrets: a top-level
 * output is secret when the input of the same name was, or when the resource lists it in
 * additionalSecretOutputs.
 */
export function markSecretOutputs(outputs: PropertyMap, inputs: PropertyMap, additionalSecretOutputs: readonly string[] = []): PropertyMap {
  const out: PropertyMap = {};
  for (const [k, v] of Object.entries(outputs)) {
    const secret = additionalSecretOutputs.includes(k) || (k in inputs && containsSecret(inputs[k]));
    out[k] = secret && !isSecret(v) ? makeSecret(v) : v;
  }
  return out;
}

/** Re-applies the secrecy of the original top-level inputs to the provider's checked inputs. */
export function carrySecrecy(checked: PropertyMap, original: PropertyMap): PropertyMap {
  return markSecretOutputs(checked, original);
}

/** Removes `undefined` (protobuf Struct cannot carry it) and keeps everything else. */
export function toWireValue(v: PropertyValue): PropertyValue {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(toWireValue);
  if (isPlainObject(v)) {
    const out: PropertyMap = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toWireValue(x);
    return out;
  }
  return v;
}

/** Reads a dotted property path ("a.b" or a top-level key); used for ignoreChanges. */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  const re = /([^.[\]]+)|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) parts.push(m[1] ?? m[2] ?? m[3]);
  return parts;
}

/**
 * ignoreChanges: for each listed path, the new inputs take the old input value (or lose the
 * property when it had none), so the provider never sees a change there.
 */
export function applyIgnoreChanges(oldInputs: PropertyMap, newInputs: PropertyMap, paths: readonly string[]): PropertyMap {
  let result: PropertyMap = structuredClone(newInputs);
  for (const path of paths) {
    const parts = splitPath(path);
    if (parts.length === 0) continue;
    const oldValue = getPath(oldInputs, parts);
    result = setPath(result, parts, oldValue) as PropertyMap;
  }
  return result;
}

function getPath(v: PropertyValue, parts: string[]): PropertyValue {
  let cur: PropertyValue = v;
  for (const p of parts) {
    if (isSecret(cur)) cur = cur.value;
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isPlainObject(cur)) cur = cur[p];
    else return undefined;
  }
  return cur;
}

function setPath(target: PropertyValue, parts: string[], value: PropertyValue): PropertyValue {
  const [head, ...rest] = parts;
  if (isSecret(target)) return makeSecret(setPath(target.value, parts, value));
  const container: Record<string, unknown> | unknown[] = Array.isArray(target) ? [...(target as unknown[])] : isPlainObject(target) ? { ...target } : {};
  const current = (container as Record<string, unknown>)[head];
  const next = rest.length === 0 ? value : setPath(current, rest, value);
  if (next === undefined && !Array.isArray(container)) delete container[head];
  else (container as Record<string, unknown>)[head] = next;
  return container;
}
