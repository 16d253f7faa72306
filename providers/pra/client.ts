// The PRA Configuration API client: the one place that knows PRA's transport rules (OAuth
// client credentials at /oauth2/token, 20 requests/s per API account, Connection: close,
// Link / X-BT-Pagination-* paging, 201 without a body for members) and offers list, get,
// create, update and delete once, over the endpoint descriptors of providers/pra/api/. Every
// list reads every page. A new PRA object type is a descriptor there, not a method here.
import {
  ApiError,
  clientSideError,
  createHttpClient,
  deleteIdempotently,
  findLink,
  inOrder,
  OAuthClientCredentials,
  parseLinkHeader,
  TokenBucket,
  whenFound,
  type Clock,
  type HttpClient,
  type HttpLogger,
  type PoolRegistry,
  type QueryValue,
  type RateLimit,
  type RetryPolicy,
} from "../../lib/http";
import {
  groupPolicyProvisionPath,
  securityProviderEndpoint,
  TOP_LEVEL,
  userProvisionPath,
  writableBody,
  type CreateAnswer,
  type ListFilter,
  type PraEndpoint,
  type ScimSecurityProvider,
} from "./api";

export const PRA_PRODUCT = "pra";

/**
 * Which product of the shared Configuration API a client talks to: PRA, or Remote Support
 * (providers/rs), whose spec agrees with PRA's on the transport and the routes both use. It
 * names the product in errors and says which setting holds the site URL.
 */
export interface ConfigApiProduct {
  /** Errors and logs name it: "pra", "rs". */
  name: string;
  /** "PRA", "Remote Support". */
  title: string;
  /** The stack setting holding the site URL. */
  urlSetting: string;
  example: string;
}

/**
 * What each product's /get_mech_list?version=3 reports as `product`: how a client tells PRA from
 * Remote Support, which share the API (RS's value as this project's tests and emulator use it).
 */
export const SITE_PRODUCTS = { pra: "bpam", rs: "ingredi" } as const;

export const PRA_SITE: ConfigApiProduct = { name: PRA_PRODUCT, title: "PRA", urlSetting: "praUrl", example: "https://pra.example.com" };
/** PRA's published limit per API account. */
export const PRA_MAX_REQUESTS_PER_SECOND = 20;
/** At most 15 + 3 = 18 requests fall in any one-second window: headroom under PRA's 20 for network jitter. */
export const PRA_DEFAULT_RATE_LIMIT: RateLimit = Object.freeze({ perSecond: 15, burst: 3 });

export interface PraClientOptions {
  /** Site URL, e.g. https://pra.example.com: no trailing slash, no /api path. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** PRA (the default) or Remote Support. */
  product?: ConfigApiProduct;
  /** Page size, 5..100 (default 100, PRA's maximum). */
  perPage?: number;
  /**
   * Client-side limit shared by API and token calls (default 15/s, burst 3; at most 20/s). Pass
   * a TokenBucket to share one budget with the SCIM client of the same API account.
   */
  rateLimit?: RateLimit | TokenBucket;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  userAgent?: string;
  logger?: HttpLogger;
  /** Where "retrying in …" lines go (default standard error). */
  progress?: HttpLogger;
  /** For tests: virtual time and a private pool registry. */
  clock?: Clock;
  pools?: PoolRegistry;
}

/**
 * The Configuration API, written once over endpoint descriptors (providers/pra/api/): every list
 * reads every page, 404 is "gone", bodies are checked against the type's writable fields.
 */
export interface PraClient {
  /** `${url}/api/config/v1` */
  readonly baseUrl: string;
  readonly http: HttpClient;

  /** Every object of the collection, page after page; `filter` takes the spec's query filters. */
  list<W, N, P extends object, A extends CreateAnswer>(endpoint: PraEndpoint<W, N, P, A>, parent: P, filter?: ListFilter): AsyncIterable<W>;
  /** The object, or undefined when PRA has no such object. */
  get<W, N, P extends object, A extends CreateAnswer>(endpoint: PraEndpoint<W, N, P, A>, parent: P, id: number): Promise<W | undefined>;
  /**
   * Creates the object and returns it as PRA holds it (from the answer, else read back by the
   * Location's id); for types PRA answers with 201 and no body (a policy's member or jump group),
   * nothing: one call, no listing to find the new id.
   */
  create<W, N, P extends object, A extends CreateAnswer>(endpoint: PraEndpoint<W, N, P, A>, parent: P, body: N): Promise<A extends "object" ? W : void>;
  /** PATCHes the given fields and returns the object as PRA holds it. */
  update<W, N, P extends object, A extends CreateAnswer>(endpoint: PraEndpoint<W, N, P, A>, parent: P, id: number, fields: Partial<N>): Promise<W>;
  /** Deleting what is already gone is success. */
  delete<W, N, P extends object, A extends CreateAnswer>(endpoint: PraEndpoint<W, N, P, A>, parent: P, id: number): Promise<"deleted" | "gone">;

  /** Must follow any membership or permission change to a group policy: PRA does not reflect it until then. */
  provisionGroupPolicy(id: number): Promise<void>;
  /** Recalculates these users' permissions; an empty list provisions every user. */
  provisionUsers(userIds: readonly number[]): Promise<void>;
  /** The SCIM security provider with its SCIM settings, undefined when none is configured. */
  findScimSecurityProvider(): Promise<ScimSecurityProvider | undefined>;
  /** What the site says it is (`product` of GET /get_mech_list?version=3 at the site root): "bpam" on PRA. */
  siteProduct(): Promise<string | undefined>;
}

/** The Configuration API base for a site URL, or a VALIDATION error saying what to fix. */
export function praConfigBaseUrl(url: string): string {
  return `${checkedSiteUrl(url, "praUrl")}/api/config/v1`;
}

/** Validates a PRA site URL (shared by the Configuration API and SCIM clients). */
export function checkedSiteUrl(url: string, setting: string, product: ConfigApiProduct = PRA_SITE): string {
  const fail = (detail: string) =>
    clientSideError(product.name, "VALIDATION", { detail: `${setting} ${detail}`, advice: `Set ${setting} to the site URL, e.g. ${product.example}` });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail("is not a URL");
  }
  if (parsed.protocol !== "https:") throw fail("must use https");
  if (url.endsWith("/")) throw fail(`must not end with '/' (${product.title} answers 405 to a doubled slash)`);
  if (/\/api(\/|$)/.test(parsed.pathname)) throw fail("must be the site URL without an /api path");
  if (parsed.search || parsed.hash) throw fail("must not have a query or fragment");
  return url;
}

function headerInt(headers: Record<string, string>, name: string): number | undefined {
  const n = Number(headers[name]);
  return headers[name] !== undefined && Number.isInteger(n) ? n : undefined;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function createPraClient(options: PraClientOptions): PraClient {
  const product = options.product ?? PRA_SITE;
  const baseUrl = `${checkedSiteUrl(options.url, product.urlSetting, product)}/api/config/v1`;
  const perPage = options.perPage ?? 100;
  if (!Number.isInteger(perPage) || perPage < 5 || perPage > 100) {
    throw clientSideError(product.name, "VALIDATION", { detail: `perPage must be an integer from 5 to 100, got ${perPage}` });
  }
  const rateLimit = options.rateLimit ?? PRA_DEFAULT_RATE_LIMIT;
  if (!(rateLimit instanceof TokenBucket) && rateLimit.perSecond > PRA_MAX_REQUESTS_PER_SECOND) {
    throw clientSideError(product.name, "VALIDATION", {
      detail: `rate limit ${rateLimit.perSecond}/s is above PRA's ${PRA_MAX_REQUESTS_PER_SECOND}/s per API account`,
    });
  }
  // One bucket for API and token calls: PRA counts both against the same API account.
  const bucket = rateLimit instanceof TokenBucket ? rateLimit : new TokenBucket(rateLimit, options.clock);
  const transport = {
    rateLimit: bucket,
    retry: options.retry,
    connectionClose: true,
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
    logger: options.logger,
    progress: options.progress,
    clock: options.clock,
    pools: options.pools,
  };
  const auth = new OAuthClientCredentials({
    product: product.name,
    tokenUrl: `${options.url}/oauth2/token`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    http: transport,
  });
  const http = createHttpClient({
    ...transport,
    product: product.name,
    baseUrl,
    auth,
    errorAdvice: {
      UNAUTHORIZED: `${product.title} refused the request after a fresh token: check the API account's Configuration API permission; ${product.title} also answers 401 to unknown query parameters or body fields.`,
      FORBIDDEN: `Give the ${product.title} API account permission to use the Configuration API (/login > Management > API Configuration).`,
    },
  });

  // The site root answers the product check without authentication: no token is minted for it.
  const site = createHttpClient({ ...transport, product: product.name, baseUrl: options.url });

  /**
   * Every item of a collection, page after page: the Link header's rel="next" when present,
   * else the X-BT-Pagination-* page numbers, else another page while pages come back full. When
   * the first page names the last one (X-BT-Pagination-Last-Page), the others are fetched a few
   * at a time (lib/http/prefetch.ts), still in order and still within the rate limit.
   */
  async function* paginate<T>(path: string, filters: Record<string, QueryValue>, paged: boolean): AsyncIterable<T> {
    const fetchPage = async (target: string, query: Record<string, QueryValue> | undefined) => {
      const res = await http.get<T[]>(target, { query });
      if (!Array.isArray(res.body)) {
        throw new ApiError({
          code: "BAD_RESPONSE",
          product: product.name,
          method: "GET",
          url: res.url,
          status: res.status,
          retryable: false,
          detail: "a list answer is not a JSON array",
        });
      }
      return res;
    };
    const pageUrl = (n: number) => http.resolve(path, { ...filters, per_page: perPage, current_page: n }).toString();
    let res = await fetchPage(path, paged ? { ...filters, per_page: perPage, current_page: 1 } : filters);
    const visited = new Set<string>([res.url]);
    yield* res.body;
    const firstLast = headerInt(res.headers, "x-bt-pagination-last-page");
    if (paged && firstLast !== undefined && (headerInt(res.headers, "x-bt-pagination-current-page") ?? 1) === 1) {
      for await (const page of inOrder(Array.from({ length: Math.max(0, firstLast - 1) }, (_, i) => () => fetchPage(pageUrl(i + 2), undefined)))) {
        visited.add(page.url);
        yield* page.body;
        res = page;
      }
      if ((headerInt(res.headers, "x-bt-pagination-last-page") ?? firstLast) <= firstLast) return;
    }
    let page = headerInt(res.headers, "x-bt-pagination-current-page") ?? 1;
    for (;;) {
      const next = findLink(parseLinkHeader(res.headers.link, res.url), "next");
      const current = headerInt(res.headers, "x-bt-pagination-current-page") ?? page;
      const last = headerInt(res.headers, "x-bt-pagination-last-page");
      let nextUrl: string | undefined;
      if (next) {
        nextUrl = next;
      } else if (last !== undefined) {
        if (current >= last) return;
        nextUrl = pageUrl(current + 1);
      } else if (paged && res.body.length >= perPage) {
        nextUrl = pageUrl(current + 1);
      } else {
        return;
      }
      if (visited.has(nextUrl)) {
        throw new ApiError({
          code: "BAD_RESPONSE",
          product: product.name,
          method: "GET",
          url: res.url,
          status: res.status,
          retryable: false,
          detail: "the next page is a page already read: paging does not advance",
        });
      }
      visited.add(nextUrl);
      res = await fetchPage(nextUrl, undefined);
      visited.add(res.url);
      yield* res.body;
      page = current + 1;
    }
  }

  /** The created object's id, from the body or else the Location header's last segment. */
  function createdId(body: unknown, location: string | undefined, url: string, status: number): number {
    const fromBody = body && typeof body === "object" ? (body as { id?: unknown }).id : undefined;
    if (typeof fromBody === "number" && Number.isInteger(fromBody)) return fromBody;
    const fromLocation = location ? Number(/\/(\d+)\/?$/.exec(new URL(location, url).pathname)?.[1]) : NaN;
    if (Number.isInteger(fromLocation) && fromLocation > 0) return fromLocation;
    throw new ApiError({
      code: "BAD_RESPONSE",
      product: product.name,
      method: "POST",
      url,
      status,
      retryable: false,
      detail: "the created object's id is in neither the body nor the Location header",
    });
  }

  function refused(endpoint: { typeName: string }, method: string, path: string, detail: string): ApiError {
    return clientSideError(product.name, "VALIDATION", {
      method,
      url: path,
      detail: `${endpoint.typeName}: ${detail}`,
      advice: `Use the names and values of the ${product.title} Configuration API specification (${product.title} answers 401 to unknown query parameters and fields).`,
    });
  }

  function listQuery(endpoint: { typeName: string; filters: readonly string[] }, path: string, filter: ListFilter): Record<string, QueryValue> {
    const unknown = Object.keys(filter).filter((name) => filter[name] !== undefined && !endpoint.filters.includes(name));
    if (unknown.length)
      throw refused(endpoint, "GET", path, `${unknown.join(", ")} ${unknown.length > 1 ? "are not filters" : "is not a filter"} of this list`);
    return { ...filter };
  }

  async function get<W, N, P extends object, A extends CreateAnswer>(endpoint: PraEndpoint<W, N, P, A>, parent: P, id: number): Promise<W | undefined> {
    return whenFound(http.get<W>(endpoint.item(parent, id)).then((r) => r.body));
  }

  function bodyFor(
    endpoint: Pick<PraEndpoint<unknown, unknown, object, CreateAnswer>, "typeName" | "fields" | "requiredOnCreate" | "checkCreate">,
    method: "POST" | "PATCH",
    path: string,
    fields: unknown,
  ): Record<string, unknown> {
    if (!endpoint.fields) throw refused(endpoint, method, path, "this type is read-only through the Configuration API");
    const body = writableBody(
      { typeName: endpoint.typeName, method, path, product: product.name, title: product.title },
      endpoint.fields,
      fields,
      method === "POST" ? endpoint.requiredOnCreate : [],
    );
    const problem = method === "POST" ? endpoint.checkCreate?.(body) : undefined;
    if (problem) throw refused(endpoint, method, path, problem);
    return body;
  }

  async function create<W, N, P extends object, A extends CreateAnswer>(endpoint: PraEndpoint<W, N, P, A>, parent: P, fields: N): Promise<W | void> {
    const path = endpoint.collection(parent);
    const body = bodyFor(endpoint, "POST", path, fields);
    const identity = endpoint.identity;
    const res = await http.post<W | undefined>(path, {
      json: body,
      // A lost answer: the object is looked for by its identity before the POST is sent again.
      findExisting: identity
        ? async () => {
            const wanted = identity(body);
            for await (const item of paginate<W>(path, {}, endpoint.paged)) if (identity(item as Record<string, unknown>) === wanted) return item;
            return undefined;
          }
        : undefined,
    });
    if (endpoint.createAnswer === "empty") return;
    if (res.body && typeof res.body === "object" && typeof (res.body as { id?: unknown }).id === "number") return res.body;
    const id = createdId(res.body, res.headers.location, res.url, res.status);
    const created = await get(endpoint, parent, id);
    if (!created) {
      throw new ApiError({
        code: "BAD_RESPONSE",
        product: product.name,
        method: "GET",
        url: http.resolve(endpoint.item(parent, id)).toString(),
        retryable: true,
        detail: `${endpoint.typeName} ${id} was created but cannot be read back`,
      });
    }
    return created;
  }

  async function update<W, N, P extends object, A extends CreateAnswer>(
    endpoint: PraEndpoint<W, N, P, A>,
    parent: P,
    id: number,
    fields: Partial<N>,
  ): Promise<W> {
    const path = endpoint.item(parent, id);
    const res = await http.patch<W | undefined>(path, { json: bodyFor(endpoint, "PATCH", path, fields) });
    if (res.body && typeof res.body === "object") return res.body;
    const updated = await get(endpoint, parent, id);
    if (!updated)
      throw clientSideError(product.name, "NOT_FOUND", {
        method: "GET",
        url: http.resolve(path).toString(),
        detail: `${endpoint.typeName} ${id} disappeared after the update`,
      });
    return updated;
  }

  async function* list<W, N, P extends object, A extends CreateAnswer>(
    endpoint: PraEndpoint<W, N, P, A>,
    parent: P,
    filter: ListFilter = {},
  ): AsyncIterable<W> {
    const path = endpoint.collection(parent);
    yield* paginate<W>(path, listQuery(endpoint, path, filter), endpoint.paged);
  }

  return {
    baseUrl,
    http,
    list,
    get,
    create: create as PraClient["create"],
    update,
    delete: (endpoint, parent, id) => deleteIdempotently(http.delete(endpoint.item(parent, id))),

    async provisionGroupPolicy(id) {
      // Provisioning recalculates and can be repeated safely, so it is retried like a GET.
      await http.post(groupPolicyProvisionPath(id), { idempotent: true });
    },
    async provisionUsers(userIds) {
      if (userIds.some((id) => !Number.isInteger(id) || id < 1)) {
        throw clientSideError(product.name, "VALIDATION", { method: "POST", url: userProvisionPath, detail: "user ids must be positive integers" });
      }
      await http.post(userProvisionPath, { json: { user_ids: [...userIds] }, idempotent: true });
    },
    async siteProduct() {
      const res = await site.get<{ product?: unknown }>("/get_mech_list", { query: { version: 3 } });
      return typeof res.body?.product === "string" ? res.body.product : undefined;
    },
    async findScimSecurityProvider() {
      const scim = (await collect(list(securityProviderEndpoint, TOP_LEVEL))).filter((p) => p.type === "scim");
      if (scim.length > 1) {
        throw clientSideError(product.name, "CONFLICT", {
          method: "GET",
          url: http.resolve(securityProviderEndpoint.collection(TOP_LEVEL)).toString(),
          detail: `${scim.length} SCIM security providers exist; PRA allows one`,
        });
      }
      if (!scim.length) return undefined;
      // The list holds the common fields only; the SCIM settings come with the provider itself.
      return (await get(securityProviderEndpoint, TOP_LEVEL, scim[0].id)) as ScimSecurityProvider | undefined;
    },
  };
}
