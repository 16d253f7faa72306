// The slice of OData query syntax the emulated Graph endpoints accept, parsed without I/O.
// Anything outside it is answered with Graph's "unsupported query" error rather than ignored,
// so a client never gets an answer that silently disagrees with the real service.

/** Graph's largest page for directory objects; $top above it is a 400. */
export const GRAPH_MAX_PAGE_SIZE = 999;
/** The page size Graph uses for directory objects when no $top is given. */
export const GRAPH_DEFAULT_PAGE_SIZE = 100;

export class ODataQueryError extends Error {
  constructor(
    readonly graphCode: "Request_UnsupportedQuery" | "Request_BadRequest" | "BadRequest",
    message: string,
  ) {
    super(message);
  }
}

/** `property eq 'value'`, with the OData string literal unescaped ('' is one '). */
export interface EqualityFilter {
  property: string;
  value: string;
}

const equalityPattern = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+eq\s+'((?:[^']|'')*)'\s*$/;

/** Parses a `$filter` that must be one equality on one of `allowed` properties. */
export function parseEqualityFilter(filter: string, allowed: readonly string[], resource: string): EqualityFilter {
  const match = equalityPattern.exec(filter);
  if (!match) {
    // An equality whose string literal is malformed (e.g. an unescaped ') is a syntax error;
    // any other expression is valid OData this emulator does not implement.
    if (/^\s*[A-Za-z_][A-Za-z0-9_]*\s+eq\s+'/.test(filter)) {
      throw new ODataQueryError("BadRequest", `Invalid filter clause: syntax error in string literal in '${filter}'.`);
    }
    throw new ODataQueryError("Request_UnsupportedQuery", "Unsupported Query.");
  }
  const property = allowed.find((p) => p.toLowerCase() === match[1].toLowerCase());
  if (!property) {
    throw new ODataQueryError(
      "Request_UnsupportedQuery",
      `Unsupported or invalid query filter clause specified for property '${match[1]}' of resource '${resource}'.`,
    );
  }
  return { property, value: match[2].replace(/''/g, "'") };
}

/** Directory string comparisons in $filter ignore case, as Entra ID does. */
export function directoryStringEquals(a: unknown, b: string): boolean {
  return typeof a === "string" && a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;
}

/** `$select` as a list of property names, or undefined when absent. */
export function parseSelect(select: string | null): string[] | undefined {
  if (select === null) return undefined;
  const names = select
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const name of names) {
    if (!/^[A-Za-z_@][A-Za-z0-9_.]*$/.test(name)) throw new ODataQueryError("Request_BadRequest", `Invalid property '${name}' specified in $select.`);
  }
  return names;
}

/** The page size a request gets: its $top (1..999), else Graph's default, never above the cap. */
export function pageSize(top: string | null, cap: number): number {
  let requested = GRAPH_DEFAULT_PAGE_SIZE;
  if (top !== null) {
    const parsed = /^\d+$/.test(top) ? Number(top) : NaN;
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > GRAPH_MAX_PAGE_SIZE) {
      throw new ODataQueryError("Request_UnsupportedQuery", `Invalid page size specified: '${top}'. Must be between 1 and ${GRAPH_MAX_PAGE_SIZE} inclusive.`);
    }
    requested = parsed;
  }
  return Math.min(requested, cap);
}

/** Query options this emulator does not implement; rejected instead of silently ignored. */
export function unsupportedQueryOption(query: URLSearchParams, supported: readonly string[]): string | undefined {
  for (const key of query.keys()) {
    if (key.startsWith("$") && !supported.includes(key)) return key;
  }
  return undefined;
}

/** `#groups(id,displayName)` style context fragments. */
export function contextFragment(entitySet: string, select: string[] | undefined, entity = false): string {
  const projection = select?.length ? `(${select.join(",")})` : "";
  return `${entitySet}${projection}${entity ? "/$entity" : ""}`;
}
