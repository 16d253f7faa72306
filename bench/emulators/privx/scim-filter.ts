// PrivX supports SCIM search with the `eq` operator only (seed 001). This parses exactly
// `attribute eq value`; every other operator, logical expression or grouping is refused with
// 400 invalidFilter, as a client relying on them would be wrong against the real product.

export type FilterValue = string | number | boolean | null;

export interface EqFilter {
  attribute: string;
  value: FilterValue;
}

export type FilterParse = { ok: true; filter: EqFilter } | { ok: false; detail: string };

const OTHER_OPERATORS = new Set(["ne", "co", "sw", "ew", "pr", "gt", "ge", "lt", "le"]);

export function parseEqFilter(text: string): FilterParse {
  const match = /^\s*([A-Za-z][A-Za-z0-9_$-]*)\s+([A-Za-z]+)(?:\s+(.*?))?\s*$/s.exec(text);
  if (!match) return { ok: false, detail: `filter "${text}" is not of the form: attribute eq "value"` };
  const [, attribute, operator, literal] = match;
  const op = operator.toLowerCase();
  if (op !== "eq") {
    const why = OTHER_OPERATORS.has(op) ? `operator "${operator}" is not supported` : `"${operator}" is not an operator`;
    return { ok: false, detail: `${why}: only eq filters are supported` };
  }
  if (literal === undefined) return { ok: false, detail: "eq needs a value" };
  let value: unknown;
  try {
    value = JSON.parse(literal);
  } catch {
    return { ok: false, detail: `filter value ${literal} is not a single literal: only one eq comparison is supported` };
  }
  if (typeof value === "object" && value !== null) return { ok: false, detail: `filter value ${literal} is not a literal` };
  return { ok: true, filter: { attribute, value: value as FilterValue } };
}

/**
 * Whether a resource matches. Attribute names are case-insensitive (RFC 7643 §2.1); a
 * multi-valued attribute matches when any value does; `caseInsensitive` names the attributes
 * whose values compare without case (userName is caseExact=false in RFC 7643 §4.1).
 */
export function matchesEq(resource: Record<string, unknown>, filter: EqFilter, caseInsensitive: readonly string[] = []): boolean {
  const wanted = filter.attribute.toLowerCase();
  const entry = Object.entries(resource).find(([name]) => name.toLowerCase() === wanted);
  if (!entry) return false;
  const ignoreCase = caseInsensitive.some((name) => name.toLowerCase() === wanted);
  const same = (actual: unknown): boolean =>
    ignoreCase && typeof actual === "string" && typeof filter.value === "string"
      ? actual.toLowerCase() === filter.value.toLowerCase()
      : actual === filter.value;
  const actual = entry[1];
  return Array.isArray(actual) ? actual.some(same) : same(actual);
}
