// SCIM list paging (RFC 7644 §3.4.2.4): 1-based startIndex, `count` capped by the server.
import { invalidValue } from "./scim-error";

export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export interface ListResponse<T> {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export interface PageRequest {
  startIndex: number;
  count: number;
}

function integerParameter(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text.trim() === "") return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw invalidValue(`${name} must be an integer, got "${text}"`);
  return Number(text);
}

/** startIndex below 1 is 1; a negative count is 0; count defaults to and is capped at `maxCount`. */
export function pageRequest(query: URLSearchParams, maxCount: number): PageRequest {
  const startIndex = Math.max(1, integerParameter(query, "startIndex") ?? 1);
  const count = Math.min(maxCount, Math.max(0, integerParameter(query, "count") ?? maxCount));
  return { startIndex, count };
}

export function listResponse<T>(matching: readonly T[], page: PageRequest): ListResponse<T> {
  const resources = matching.slice(page.startIndex - 1, page.startIndex - 1 + page.count);
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: matching.length,
    startIndex: page.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
