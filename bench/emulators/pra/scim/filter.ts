// The SCIM filter subset the emulator implements when its `scimFilter` knob is on: `eq`
// comparisons joined by `and`, on the attributes clients match on. Anything else is a 400
// invalidFilter, as RFC 7644 section 3.4.2.2 prescribes for unsupported filters.
import { ScimRequestError } from "./errors";

export type FilterValue = string | boolean | null;

export interface Comparison {
  /** Attribute path, lower-cased (SCIM attribute names are case-insensitive). */
  attribute: string;
  value: FilterValue;
}

const invalidFilter = (detail: string) => new ScimRequestError(400, "invalidFilter", detail);

const TERM = /^\s*([A-Za-z][\w.]*)\s+([A-Za-z]+)\s+("(?:[^"\\]|\\.)*"|true|false|null)\s*/;

/** Parses `attr eq "value" and attr eq "value"` into comparisons, or throws invalidFilter. */
export function parseFilter(text: string, attributes: readonly string[]): Comparison[] {
  const comparisons: Comparison[] = [];
  let rest = text;
  for (;;) {
    const match = TERM.exec(rest);
    if (!match) throw invalidFilter(`Unsupported filter: ${text}`);
    const [whole, attribute, operator, literal] = match;
    if (operator.toLowerCase() !== "eq") throw invalidFilter(`Only the eq operator is supported, not ${operator}.`);
    if (!attributes.includes(attribute.toLowerCase())) throw invalidFilter(`Filtering on ${attribute} is not supported.`);
    comparisons.push({ attribute: attribute.toLowerCase(), value: JSON.parse(literal) as FilterValue });
    rest = rest.slice(whole.length);
    if (rest.trim() === "") return comparisons;
    const and = /^and\s+/i.exec(rest);
    if (!and) throw invalidFilter(`Unsupported filter: ${text}`);
    rest = rest.slice(and[0].length);
  }
}

/**
 * Whether a resource's attribute values satisfy every comparison. `values` gives each
 * attribute's values (several for emails.value); `caseExact` says how strings compare.
 */
export function matches(comparisons: readonly Comparison[], values: (attribute: string) => FilterValue[], caseExact: (attribute: string) => boolean): boolean {
  return comparisons.every(({ attribute, value }) =>
    values(attribute).some((actual) => {
      if (typeof actual === "string" && typeof value === "string" && !caseExact(attribute)) return actual.toLowerCase() === value.toLowerCase();
      return actual === value;
    }),
  );
}
