// Reading and writing one attribute of a SCIM resource by its path, with RFC 7643's rules:
// names are case-insensitive (§2.1), and an extension attribute is written
// `<schema URN>:<attribute>` and lives in an object under the schema URN (§3.3), whose URN must
// then be listed in `schemas`. Used for attributes whose name is configuration (a role).

export interface AttributePath {
  /** The extension schema URN, or undefined for a core attribute. */
  schema: string | undefined;
  /** The attribute's name (in the extension, or at the top level). */
  name: string;
}

const CORE = /^urn:ietf:params:scim:schemas:core:2\.0:(User|Group)$/i;
const NAME = /^[A-Za-z][A-Za-z0-9_$-]*$/;

/** The path `roles`, `userType` or `urn:...:User:role`; undefined when it is not an attribute path. */
export function parseAttributePath(path: string): AttributePath | undefined {
  const colon = path.lastIndexOf(":");
  const name = colon < 0 ? path : path.slice(colon + 1);
  const schema = colon < 0 ? undefined : path.slice(0, colon);
  if (!NAME.test(name)) return undefined;
  if (schema !== undefined && !/^urn:[A-Za-z0-9][A-Za-z0-9.:_-]*$/.test(schema)) return undefined;
  return { schema: schema !== undefined && CORE.test(schema) ? undefined : schema, name };
}

function keyOf(record: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(record).find((k) => k.toLowerCase() === lower);
}

/** The value at the path, undefined when absent. */
export function readAttribute(resource: Record<string, unknown>, path: AttributePath): unknown {
  let holder: Record<string, unknown> | undefined = resource;
  if (path.schema !== undefined) {
    const key = keyOf(resource, path.schema);
    const ext = key === undefined ? undefined : resource[key];
    holder = ext && typeof ext === "object" && !Array.isArray(ext) ? (ext as Record<string, unknown>) : undefined;
  }
  if (!holder) return undefined;
  const key = keyOf(holder, path.name);
  return key === undefined ? undefined : holder[key];
}

/** A copy of the resource with the attribute set (undefined removes it); an extension's URN joins `schemas`. */
export function writeAttribute<T extends Record<string, unknown>>(resource: T, path: AttributePath, value: unknown): T {
  const out: Record<string, unknown> = { ...resource };
  const put = (holder: Record<string, unknown>) => {
    const key = keyOf(holder, path.name);
    if (key !== undefined) delete holder[key];
    if (value !== undefined) holder[path.name] = value;
  };
  if (path.schema === undefined) {
    put(out);
    return out as T;
  }
  const key = keyOf(out, path.schema) ?? path.schema;
  const ext = { ...((out[key] as Record<string, unknown> | undefined) ?? {}) };
  put(ext);
  delete out[key];
  out[path.schema] = ext;
  const schemas = Array.isArray(out.schemas) ? (out.schemas as string[]) : [];
  if (!schemas.some((s) => s.toLowerCase() === path.schema!.toLowerCase())) out.schemas = [...schemas, path.schema];
  return out as T;
}

/** The path as a PATCH `path` (RFC 7644 §3.5.2): the attribute, or `<urn>:<attribute>`. */
export function patchPathOf(path: AttributePath): string {
  return path.schema === undefined ? path.name : `${path.schema}:${path.name}`;
}
