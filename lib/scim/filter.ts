// The only filter this client writes, `attr eq "value"` (all PrivX supports), and the same
// comparison done locally: for servers without filter support, and to double-check servers
// that silently ignore a filter.

const ATTRIBUTE_PATH = /^(?:urn:[A-Za-z0-9.:_-]+:)?[A-Za-z][A-Za-z0-9_$-]*(?:\.[A-Za-z][A-Za-z0-9_$-]*)?$/;

/** Attributes compared case-exactly (RFC 7643: id and externalId are caseExact; most others are not). */
const CASE_EXACT = new Set(["id", "externalid"]);

export function isValidAttributePath(path: string): boolean {
  return ATTRIBUTE_PATH.test(path);
}

/** `userName eq "o\"brien"`: the comparison value is a JSON string (RFC 7644 §3.4.2.2). */
export function eqFilter(attribute: string, value: string | number | boolean): string {
  if (!isValidAttributePath(attribute)) throw new TypeError(`not a SCIM attribute path: ${attribute}`);
  return `${attribute} eq ${JSON.stringify(value)}`;
}

function getCaseInsensitive(object: unknown, name: string): unknown {
  if (!object || typeof object !== "object") return undefined;
  const record = object as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/** The values at `path` ("userName", "name.givenName", "emails.value"); multi-valued attributes give several. */
export function valuesAt(resource: unknown, path: string): unknown[] {
  const withoutUrn = path.replace(/^urn:.*:(?=[^:]+$)/, "");
  const [head, sub] = withoutUrn.split(".");
  const top = getCaseInsensitive(resource, head);
  const items = Array.isArray(top) ? top : [top];
  const values = sub === undefined ? items : items.map((item) => getCaseInsensitive(item, sub));
  return values.filter((v) => v !== undefined && v !== null);
}

/** Whether `resource` satisfies `attribute eq value`, with SCIM's case rules. */
export function matchesEq(resource: unknown, attribute: string, value: string | number | boolean): boolean {
  const caseExact = CASE_EXACT.has(
    attribute
      .split(".")[0]
      .replace(/^urn:.*:/, "")
      .toLowerCase(),
  );
  return valuesAt(resource, attribute).some((actual) => {
    if (typeof actual === "string" && typeof value === "string") {
      return caseExact ? actual === value : actual.toLowerCase() === value.toLowerCase();
    }
    return actual === value;
  });
}
