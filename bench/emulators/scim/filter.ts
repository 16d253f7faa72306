// The `eq` filter (RFC 7644 §3.4.2.2) on a simple or sub-attribute path, with RFC 7643's case
// rules: attribute names never case-sensitive, values of caseExact attributes (id, externalId)
// compared exactly, others (userName, displayName, emails.value) without case. Other operators
// and logical expressions are refused with 400 invalidFilter rather than guessed at.
import { attributeOf } from "./attributes";
import { ScimFault } from "./errors";

export interface EqFilter {
  path: string;
  value: string | number | boolean | null;
}

const CASE_EXACT = new Set(["id", "externalid"]);

export function parseFilter(text: string): EqFilter {
  const match = /^\s*((?:urn:[^\s]+:)?[A-Za-z][\w$-]*(?:\.[A-Za-z][\w$-]*)?)\s+(\w+)\s+(.+?)\s*$/s.exec(text);
  if (!match) throw new ScimFault(400, "invalidFilter", `filter "${text}" is not of the form: attribute eq "value"`);
  const [, path, op, literal] = match;
  if (op.toLowerCase() !== "eq") throw new ScimFault(400, "invalidFilter", `operator "${op}" is not supported by this server: only eq`);
  let value: unknown;
  try {
    value = JSON.parse(literal);
  } catch {
    throw new ScimFault(400, "invalidFilter", `filter value ${literal} is not one literal`);
  }
  if (typeof value === "object" && value !== null) throw new ScimFault(400, "invalidFilter", `filter value ${literal} is not a literal`);
  return { path, value: value as EqFilter["value"] };
}

export function matches(resource: Record<string, unknown>, filter: EqFilter): boolean {
  const [head, sub] = filter.path.replace(/^urn:.*:(?=[^:]+$)/, "").split(".");
  const top = attributeOf(resource, head);
  const items = Array.isArray(top) ? top : [top];
  const values = sub === undefined ? items : items.map((i) => (i && typeof i === "object" ? attributeOf(i as Record<string, unknown>, sub) : undefined));
  const exact = CASE_EXACT.has(head.toLowerCase());
  return values.some((v) => {
    if (typeof v === "string" && typeof filter.value === "string") return exact ? v === filter.value : v.toLowerCase() === filter.value.toLowerCase();
    return v === filter.value;
  });
}
