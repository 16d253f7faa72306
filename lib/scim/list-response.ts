// ListResponse handled in one place (RFC 7644 §3.4.2): every list answer goes through here.
import type { ScimListPage, ScimResource } from "./types";

function count(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The page, or a reason it is not a ListResponse. `Resources` may be absent when there are none. */
export function parseListResponse(body: unknown): ScimListPage | { problem: string } {
  if (!body || typeof body !== "object" || Array.isArray(body)) return { problem: "the list answer is not a ListResponse object" };
  const b = body as Record<string, unknown>;
  const resources = b.Resources ?? b.resources ?? [];
  if (!Array.isArray(resources)) return { problem: "ListResponse.Resources is not an array" };
  if (resources.some((r) => !r || typeof r !== "object" || Array.isArray(r))) return { problem: "ListResponse.Resources holds a non-object" };
  return {
    totalResults: count(b.totalResults),
    startIndex: count(b.startIndex),
    itemsPerPage: count(b.itemsPerPage),
    resources: resources as ScimResource[],
  };
}
