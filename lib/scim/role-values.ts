// The values a SCIM server says an attribute may take: RFC 7643 §7's `canonicalValues` in the
// server's /Schemas (for a multi-valued complex attribute such as `roles`, on its `value`
// sub-attribute or on the attribute itself). What the server offers is then checked before any
// write, so a misspelt role fails the preview instead of a request half-way through `up`. A server
// without /Schemas, or one that lists no values, offers no list: nothing can be checked.
import { isApiError, type HttpClient } from "../http";
import { SCHEMA } from "./types";
import type { AttributePath } from "./attribute-path";

type Attribute = { name?: unknown; canonicalValues?: unknown; subAttributes?: unknown };

const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string") ? v : null);
const named = (list: unknown, name: string): Attribute | undefined =>
  Array.isArray(list) ? (list as Attribute[]).find((a) => a && typeof a.name === "string" && a.name.toLowerCase() === name.toLowerCase()) : undefined;

/** The canonical values of a User attribute (`roles` → its values), or null when the server lists none. */
export function canonicalValuesIn(schemasBody: unknown, path: AttributePath): string[] | null {
  const schemaId = (path.schema ?? SCHEMA.user).toLowerCase();
  const resources = schemasBody && typeof schemasBody === "object" ? ((schemasBody as { Resources?: unknown }).Resources ?? [schemasBody]) : [];
  const list: unknown[] = Array.isArray(resources) ? resources : [];
  const schema = list.find(
    (s): s is { id: string; attributes?: unknown } =>
      !!s && typeof s === "object" && typeof (s as { id?: unknown }).id === "string" && (s as { id: string }).id.toLowerCase() === schemaId,
  );
  const attribute = named(schema?.attributes, path.name);
  if (!attribute) return null;
  return strings(named(attribute.subAttributes, "value")?.canonicalValues) ?? strings(attribute.canonicalValues);
}

/** GET <base>/Schemas, then the attribute's canonical values; null when the server has no /Schemas or lists none. */
export async function offeredValues(http: HttpClient, path: AttributePath): Promise<string[] | null> {
  try {
    return canonicalValuesIn((await http.get("/Schemas")).body, path);
  } catch (err) {
    if (isApiError(err, "NOT_FOUND") || (isApiError(err) && err.status === 501)) return null;
    throw err;
  }
}
