// PRA's page-number paging: per_page (5..100, default 100) and current_page (1-based) in, a
// `Link` header (first, previous, next, last; RFC 8288 with absolute URLs) and the
// X-BT-Pagination-* headers out. "previous" is the spec's spelling of the rel, not "prev".
import type { EmulatorResponse } from "../../common/server";
import { pageOf } from "../../common/paging";
import type { FieldErrors } from "../wire/validate";

export interface PageRequest {
  perPage: number;
  currentPage: number;
}

export interface PagingLimits {
  defaultPerPage: number;
  maxPerPage: number;
}

/** Query values have passed the spec's checks (5..100, >= 1); this applies the emulator's own bound. */
export function pageRequest(values: Record<string, unknown>, limits: PagingLimits): PageRequest | FieldErrors {
  const perPage = (values.per_page as number | undefined) ?? limits.defaultPerPage;
  if (perPage > limits.maxPerPage) return { per_page: [`The per_page may not be greater than ${limits.maxPerPage}.`] };
  return { perPage, currentPage: (values.current_page as number | undefined) ?? 1 };
}

function pageUrl(base: string, query: URLSearchParams, perPage: number, page: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of query) if (name !== "per_page" && name !== "current_page") params.append(name, value);
  params.set("per_page", String(perPage));
  params.set("current_page", String(page));
  return `${base}?${params.toString()}`;
}

export function linkHeader(base: string, query: URLSearchParams, perPage: number, currentPage: number, lastPage: number): string {
  const links: [string, number][] = [["first", 1]];
  if (currentPage > 1) links.push(["previous", Math.min(currentPage - 1, lastPage)]);
  if (currentPage < lastPage) links.push(["next", currentPage + 1]);
  links.push(["last", lastPage]);
  return links.map(([rel, page]) => `<${pageUrl(base, query, perPage, page)}>; rel="${rel}"`).join(", ");
}

/**
 * One page of `items` as a 200 answer, each item of it turned into its wire form by `wire` (only
 * the page's: a listing of 10,000 users must not build 10,000 answers per page). A page past the
 * last is empty (with the headers), as a page-number API answers; X-BT-Pagination-Current-Page
 * echoes the page asked for.
 */
export function pagedResponse<T>(
  items: readonly T[],
  page: PageRequest,
  base: string,
  query: URLSearchParams,
  wire: (item: T) => unknown = (item) => item,
): EmulatorResponse {
  const { items: records, lastPage } = pageOf(items, page.currentPage, page.perPage);
  const slice = records.map(wire);
  return {
    status: 200,
    headers: {
      Link: linkHeader(base, query, page.perPage, page.currentPage, lastPage),
      "X-BT-Pagination-Current-Page": page.currentPage,
      "X-BT-Pagination-Per-Page": page.perPage,
      "X-BT-Pagination-Last-Page": lastPage,
      "X-BT-Pagination-Total": items.length,
    },
    body: slice,
  };
}
