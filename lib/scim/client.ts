// One SCIM 2.0 client for every product, over lib/http. The dialect says what the product
// supports; paging, "404 means gone", error mapping and lookups by key are written once here.
import {
  ApiError,
  clientSideError,
  createHttpClient,
  deleteIdempotently,
  inOrder,
  whenFound,
  type AuthProvider,
  type HttpClient,
  type HttpClientOptions,
} from "../http";
import type { ScimDialect } from "./dialects";
import { eqFilter, matchesEq } from "./filter";
import { parseListResponse } from "./list-response";
import { SCHEMA, type ScimPatchOperation, type ScimResource } from "./types";

export interface ScimClientOptions {
  /** SCIM base URL without a trailing slash, e.g. https://pra.example.com/api/scim/v2. */
  baseUrl: string;
  dialect: ScimDialect;
  auth: AuthProvider;
  /** Name in errors and logs (default "<dialect>-scim"). */
  product?: string;
  /** Page size for lists (default: the dialect's). */
  pageSize?: number;
  /** Transport settings passed to lib/http (rate limit, retry, timeout, logger, pools, clock). */
  http?: Omit<HttpClientOptions, "product" | "baseUrl" | "auth" | "accept" | "classifyError">;
}

export interface ScimListOptions {
  /** A raw SCIM filter; refused when the dialect does not support filtering. */
  filter?: string;
  pageSize?: number;
}

export interface ScimResourceClient<T extends ScimResource> {
  readonly type: string;
  /** Every resource, page after page. */
  list(options?: ScimListOptions): AsyncIterable<T>;
  /** The resource, or undefined when it does not exist. */
  get(id: string): Promise<T | undefined>;
  create(resource: T): Promise<T>;
  /** PUT: the whole resource is replaced. */
  replace(id: string, resource: T): Promise<T>;
  /** "gone" when it did not exist: deleting is idempotent. */
  delete(id: string): Promise<"deleted" | "gone">;
  /** Refused (VALIDATION, nothing sent) unless the dialect supports PATCH. Undefined when the resource is gone. */
  patch(id: string, operations: ScimPatchOperation[]): Promise<T | undefined>;
  /** Resources whose attribute equals value: a server-side eq filter where supported (re-checked here), else a full listing. */
  findBy(attribute: string, value: string): Promise<T[]>;
  /** The single match, undefined when none; CONFLICT when the key is not unique. */
  findOneBy(attribute: string, value: string): Promise<T | undefined>;
}

export interface ScimClient {
  readonly dialect: ScimDialect;
  readonly http: HttpClient;
  /** Whether updates of this resource type are PATCHes (the dialect patches and the type is not excluded). */
  patches(type: string): boolean;
  /** The client for one resource type ("User", "Group", "Host"); VALIDATION when the dialect has no such type. */
  resource<T extends ScimResource = ScimResource>(type: string): ScimResourceClient<T>;
  supports(type: string): boolean;
}

const ACCEPT = "application/scim+json, application/json";

/** A SCIM 400 with scimType "uniqueness" is a conflict whatever status the server chose. */
function classifyScimError(status: number, body: unknown): ApiError["code"] | undefined {
  const scimType = body && typeof body === "object" ? (body as { scimType?: unknown }).scimType : undefined;
  if (scimType === "uniqueness") return "CONFLICT";
  if (scimType === "mutability" || scimType === "invalidValue" || scimType === "invalidSyntax" || scimType === "invalidFilter")
    return status >= 500 ? undefined : "VALIDATION";
  return undefined;
}

export function createScimClient(options: ScimClientOptions): ScimClient {
  const { dialect } = options;
  const product = options.product ?? `${dialect.name}-scim`;
  const http = createHttpClient({ ...options.http, product, baseUrl: options.baseUrl, auth: options.auth, accept: ACCEPT, classifyError: classifyScimError });

  const patches = (type: string) => dialect.supportsPatch && dialect.resourceTypes[type]?.patch !== false;

  function resource<T extends ScimResource>(type: string): ScimResourceClient<T> {
    const def = dialect.resourceTypes[type];
    if (!def) {
      throw clientSideError(product, "VALIDATION", {
        detail: `the ${dialect.name} SCIM dialect has no ${type} resource type (it has ${Object.keys(dialect.resourceTypes).join(", ")})`,
      });
    }
    const collection = def.endpoint;
    const itemPath = (id: string) => {
      if (!id) throw clientSideError(product, "VALIDATION", { detail: `a ${type} id is empty` });
      return `${collection}/${encodeURIComponent(id)}`;
    };
    const fromWire = (wire: ScimResource) => dialect.fromWire(type, wire) as T;
    const toWire = (res: T): ScimResource => {
      const { meta: _readOnly, ...rest } = res as ScimResource;
      return dialect.toWire(type, { ...rest, schemas: rest.schemas?.length ? rest.schemas : [def.schema] });
    };
    const bodyOptions = (json: unknown) => ({ json, contentType: dialect.contentType });

    function requireResource(body: unknown, method: string, path: string, status: number): T {
      if (!body || typeof body !== "object" || Array.isArray(body) || typeof (body as ScimResource).id !== "string" || !(body as ScimResource).id) {
        throw new ApiError({
          code: "BAD_RESPONSE",
          product,
          method,
          url: http.resolve(path).toString(),
          status,
          retryable: false,
          detail: `the ${type} in the answer has no id`,
        });
      }
      return fromWire(body as ScimResource);
    }

    /** The resource an empty 201/200/204 answer refers to: by Location, else by id. */
    async function readBack(method: string, path: string, status: number, location: string | undefined, id?: string): Promise<T> {
      const target = location ?? (id ? itemPath(id) : undefined);
      if (!target)
        throw new ApiError({
          code: "BAD_RESPONSE",
          product,
          method,
          url: http.resolve(path).toString(),
          status,
          retryable: false,
          detail: `the answer has neither a ${type} nor a Location`,
        });
      const res = await http.get(target);
      return requireResource(res.body, "GET", target, res.status);
    }

    /** A product that fails requests with unsupported parameters never gets one. */
    function refuseUndocumented(query: Record<string, unknown>, path: string): void {
      const allowed = dialect.queryParameters;
      if (!allowed) return;
      const extra = Object.keys(query).filter((name) => query[name] !== undefined && !allowed.includes(name));
      if (extra.length) {
        throw clientSideError(product, "VALIDATION", {
          method: "GET",
          url: http.resolve(path).toString(),
          detail: `the ${dialect.name} SCIM dialect sends only ${allowed.join(", ")} (the product fails requests with other parameters), not ${extra.join(", ")}`,
        });
      }
    }

    async function* list(listOptions: ScimListOptions = {}): AsyncIterable<T> {
      if (listOptions.filter !== undefined && !dialect.supportsFilter) {
        throw clientSideError(product, "VALIDATION", {
          method: "GET",
          url: http.resolve(collection).toString(),
          detail: `the ${dialect.name} SCIM dialect does not support filters`,
        });
      }
      const pageSize = listOptions.pageSize ?? options.pageSize ?? dialect.paging.defaultPageSize;
      const seen = new Set<string>();
      const fetchPage = async (startIndex: number) => {
        const query = { startIndex, [dialect.paging.sizeParameter]: pageSize, filter: listOptions.filter };
        refuseUndocumented(query, collection);
        const res = await http.get(collection, { query });
        const page = parseListResponse(res.body);
        if ("problem" in page)
          throw new ApiError({ code: "BAD_RESPONSE", product, method: "GET", url: res.url, status: res.status, retryable: false, detail: page.problem });
        return { startIndex, page, url: res.url, status: res.status };
      };
      type Fetched = Awaited<ReturnType<typeof fetchPage>>;
      /** The page's resources not seen before; throws when a page repeats earlier ones only. */
      function* fresh({ startIndex, page, url, status }: Fetched): Generator<T> {
        let count = 0;
        for (const wire of page.resources) {
          if (typeof wire.id !== "string" || !wire.id) {
            throw new ApiError({ code: "BAD_RESPONSE", product, method: "GET", url, status, retryable: false, detail: `a listed ${type} has no id` });
          }
          if (seen.has(wire.id)) continue;
          seen.add(wire.id);
          count++;
          yield fromWire(wire);
        }
        // A page of nothing new means the server answered the same page again: it ignores
        // startIndex. Stopping here would hide resources (and a reconciler would delete them).
        if (page.resources.length > 0 && count === 0) {
          throw new ApiError({
            code: "BAD_RESPONSE",
            product,
            method: "GET",
            url,
            status,
            retryable: false,
            detail: `the server ignores startIndex (page at ${startIndex} repeats earlier resources); a complete listing is impossible`,
          });
        }
      }
      const isLast = ({ page }: Fetched, next: number) =>
        page.resources.length === 0 || (page.totalResults !== undefined ? next - 1 >= page.totalResults : page.resources.length < pageSize);

      const first = await fetchPage(1);
      yield* fresh(first);
      let startIndex = 1 + first.page.resources.length;
      if (isLast(first, startIndex)) return;
      // The first page told the total and the server's page size: the other pages are fetched a
      // few at a time. A page shorter than the first (the server changed its mind) ends that,
      // and the listing goes on page by page from where it really is.
      const total = first.page.totalResults;
      if (total !== undefined) {
        const step = first.page.resources.length;
        const starts: number[] = [];
        for (let at = startIndex; at <= total; at += step) starts.push(at);
        for await (const fetched of inOrder(starts.map((at) => () => fetchPage(at)))) {
          if (fetched.startIndex !== startIndex) break;
          yield* fresh(fetched);
          startIndex += fetched.page.resources.length;
          if (isLast(fetched, startIndex)) return;
        }
      }
      for (;;) {
        const fetched = await fetchPage(startIndex);
        yield* fresh(fetched);
        startIndex += fetched.page.resources.length;
        if (isLast(fetched, startIndex)) return;
      }
    }

    async function findBy(attribute: string, value: string): Promise<T[]> {
      const found: T[] = [];
      const filter = dialect.supportsFilter ? eqFilter(attribute, value) : undefined;
      for await (const item of list({ filter })) if (matchesEq(item, attribute, value)) found.push(item);
      return found;
    }

    /** The resource a create made, by externalId when it has one, else by the type's natural key. */
    async function createdAlready(res: T): Promise<T | undefined> {
      for (const attribute of ["externalId", def.naturalKey]) {
        const value = attribute ? (res as ScimResource)[attribute] : undefined;
        if (typeof value === "string" && value) return (await findBy(attribute!, value))[0];
      }
      return undefined;
    }

    return {
      type,
      list,
      get: (id) => whenFound(http.get(itemPath(id)).then((res) => requireResource(res.body, "GET", itemPath(id), res.status))),
      async create(res) {
        // A create is retried after a lost answer only once we know it made nothing: the
        // resource is looked up by its key first, and adopted when it is there.
        let adopted: T | undefined;
        const r = await http.post(collection, { ...bodyOptions(toWire(res)), findExisting: async () => (adopted = await createdAlready(res)) });
        if (adopted) return adopted;
        if (r.body === undefined) return readBack("POST", collection, r.status, r.headers.location);
        return requireResource(r.body, "POST", collection, r.status);
      },
      async replace(id, res) {
        const path = itemPath(id);
        const r = await http.put(path, bodyOptions({ ...toWire(res), id }));
        if (r.body === undefined) return readBack("PUT", path, r.status, undefined, id);
        return requireResource(r.body, "PUT", path, r.status);
      },
      delete: (id) => deleteIdempotently(http.delete(itemPath(id))),
      async patch(id, operations) {
        const path = itemPath(id);
        if (!patches(type)) {
          throw clientSideError(product, "VALIDATION", {
            method: "PATCH",
            url: http.resolve(path).toString(),
            detail: `the ${dialect.name} SCIM dialect does not support PATCH; replace the resource instead`,
          });
        }
        return whenFound(
          http
            .patch(path, bodyOptions({ schemas: [SCHEMA.patchOp], Operations: operations }))
            .then((r) => (r.body === undefined ? readBack("PATCH", path, r.status, undefined, id) : requireResource(r.body, "PATCH", path, r.status))),
        );
      },
      findBy,
      async findOneBy(attribute, value) {
        const found = await findBy(attribute, value);
        if (found.length > 1) {
          throw clientSideError(product, "CONFLICT", {
            method: "GET",
            url: http.resolve(collection).toString(),
            detail: `${found.length} ${type} resources have ${attribute} "${value}" (ids ${found.map((f) => f.id).join(", ")})`,
            advice: "Remove the duplicates in the product, or adopt one explicitly.",
          });
        }
        return found[0];
      },
    };
  }

  return {
    dialect,
    http,
    resource,
    patches,
    supports: (type) => type in dialect.resourceTypes,
  };
}
