// Every Configuration API request goes through the same steps, in this order: bearer token
// (401), rate limit (429 by default), permission (403), path ids (404), query parameters
// (unknown → 401, invalid → 422), body (malformed → 400, unknown field → 401, invalid → 422),
// then the handler. Routes are declared as data; every path the vendor documents is
// registered, so a documented but unemulated method answers 501, an undocumented one 405 with
// `Allow`, HEAD mirrors GET without a body and OPTIONS lists the allowed methods.
import type { EmulatorRequest, EmulatorResponse, Router } from "../../common/server";
import type { ContractOperation, FieldSchema, PraContract } from "../contract";
import type { PraArea, ResolvedApiAccount } from "../options";
import { type PraRuntime, accountOfBearer, originOf, rateLimitHeaders } from "../runtime";
import { checkBody, checkQuery, type FieldErrors } from "../wire/validate";
import { schemaOf } from "../wire/shape";
import { type PageRequest, pageRequest, pagedResponse } from "./paging";
import * as errors from "./responses";

export const CONFIG_BASE = "/api/config/v1";

export interface ConfigContext {
  req: EmulatorRequest;
  runtime: PraRuntime;
  account: ResolvedApiAccount;
  /** Integer path parameters by name (`id`, `member_id`, ...). */
  ids: Record<string, number>;
  /** Validated query values (integers as numbers). */
  query: Record<string, unknown>;
  /** Validated JSON body; {} when none was sent. */
  body: Record<string, unknown>;
  now: number;
  /** A 200 answer with one page of `items` and the paging headers. */
  /** The page asked for of `items`, each in its wire form (`wire`, applied to that page only). */
  page<T>(items: readonly T[], wire?: (item: T) => unknown): EmulatorResponse;
  /** Absolute URL of a Configuration API path, for `Location`. */
  urlOf(path: string): string;
}

export interface ConfigOperation {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** The path as the spec writes it, e.g. `/group-policy/{id}/member`. */
  path: string;
  area: PraArea;
  /**
   * A list the spec documents without per_page/current_page. The spec's overview says every
   * endpoint returning several resources is paginated, so these accept the paging parameters too.
   */
  pagedWithoutDeclaredParams?: boolean;
  /** Body fields the route requires on top of the schema's `required`. */
  alsoRequired?: readonly string[];
  handle(ctx: ConfigContext): EmulatorResponse;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const PAGING_PARAMS: Record<string, FieldSchema> = {
  per_page: { type: "integer", minimum: 5, maximum: 100 },
  current_page: { type: "integer", format: "int32", minimum: 1 },
};

function contractOperation(contract: PraContract, method: string, path: string): ContractOperation {
  const op = contract.operations[`${method} ${path}`];
  if (!op) throw new Error(`${method} ${path} is not in the vendor's ${contract.product} spec`);
  return op;
}

function permissionDenied(account: ResolvedApiAccount, op: ConfigOperation): EmulatorResponse | undefined {
  if (!account.permConfiguration) return errors.forbidden("This API account does not have permission to use the Configuration API.");
  if (!account.areas.has(op.area)) return errors.forbidden(`This API account does not have permission to use the ${op.area} API.`);
  if (account.readOnly && op.method !== "GET") return errors.forbidden("This API account has read-only access.");
  return undefined;
}

function pathIds(req: EmulatorRequest, contract: ContractOperation): Record<string, number> | undefined {
  const ids: Record<string, number> = {};
  for (const [name, raw] of Object.entries(req.params)) {
    const schema = contract.pathParams[name] ?? { minimum: 1, maximum: 2147483647 };
    if (!/^\d+$/.test(raw)) return undefined;
    const value = Number(raw);
    if (value < (schema.minimum ?? 1) || value > (schema.maximum ?? 2147483647)) return undefined;
    ids[name] = value;
  }
  return ids;
}

function bodySchema(spec: PraContract, contract: ContractOperation): FieldSchema | null {
  const body = contract.body;
  if (body === null) return null;
  if ("schema" in body && typeof body.schema === "string") return schemaOf(spec, body.schema);
  if ("oneOf" in body) throw new Error("oneOf request bodies are not emulated");
  return body as FieldSchema;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: EmulatorResponse };

function parseBody(spec: PraContract, req: EmulatorRequest, op: ConfigOperation, contract: ContractOperation): Parsed<Record<string, unknown>> {
  if (op.method === "GET" || op.method === "DELETE") return { ok: true, value: {} };
  let parsed: unknown = {};
  if (req.body.trim() !== "") {
    try {
      parsed = JSON.parse(req.body);
    } catch {
      return { ok: false, response: errors.malformedJson() };
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, response: errors.invalid({ body: ["The request body must be a JSON object."] }) };
  }
  const body = parsed as Record<string, unknown>;
  const schema = bodySchema(spec, contract);
  if (schema === null) {
    const names = Object.keys(body);
    return names.length ? { ok: false, response: errors.unrecognized("field", names) } : { ok: true, value: {} };
  }
  const result = checkBody(body, schema, { enforceRequired: op.method === "POST", alsoRequired: op.alsoRequired });
  if (result.unknown.length) return { ok: false, response: errors.unrecognized("field", result.unknown) };
  if (Object.keys(result.errors).length) return { ok: false, response: errors.invalid(result.errors) };
  return { ok: true, value: body };
}

function isPageRequest(value: PageRequest | FieldErrors): value is PageRequest {
  return typeof (value as PageRequest).perPage === "number";
}

function serve(runtime: PraRuntime, op: ConfigOperation): (req: EmulatorRequest) => EmulatorResponse {
  const spec = runtime.state.contract;
  const contract = contractOperation(spec, op.method, op.path);
  const queryParams = op.pagedWithoutDeclaredParams ? { ...PAGING_PARAMS, ...contract.query } : contract.query;
  const paged = "per_page" in queryParams;
  return (req) => {
    const account = accountOfBearer(runtime, req);
    if (!account) return errors.accessDenied();
    const decision = runtime.limiter.take(account.clientId);
    const headers = rateLimitHeaders(decision);
    const withHeaders = (res: EmulatorResponse): EmulatorResponse => ({ ...res, headers: { ...(res.headers ?? {}), ...headers } });
    if (!decision.allowed) return withHeaders(errors.rateLimited(runtime.options.rateLimitStatus, decision.retryAfterSeconds ?? 1));
    const denied = permissionDenied(account, op);
    if (denied) return withHeaders(denied);
    const ids = pathIds(req, contract);
    if (!ids) return withHeaders(errors.notFound());
    const query = checkQuery(req.query, queryParams);
    if (query.unknown.length) return withHeaders(errors.unrecognized("query parameter", query.unknown));
    const queryErrors: FieldErrors = { ...query.errors };
    let page: PageRequest | undefined;
    if (paged && !queryErrors.per_page && !queryErrors.current_page) {
      const requested = pageRequest(query.values, runtime.options);
      if (isPageRequest(requested)) page = requested;
      else Object.assign(queryErrors, requested);
    }
    if (Object.keys(queryErrors).length) return withHeaders(errors.invalid(queryErrors));
    const body = parseBody(spec, req, op, contract);
    if (!body.ok) return withHeaders(body.response);
    const origin = originOf(req);
    const ctx: ConfigContext = {
      req,
      runtime,
      account,
      ids,
      query: query.values,
      body: body.value,
      now: runtime.options.clock(),
      page: (items, wire) => {
        if (!page) throw new Error(`${op.method} ${op.path} is not a paged operation`);
        return pagedResponse(items, page, `${origin}${req.path}`, req.query, wire);
      },
      urlOf: (path) => `${origin}${CONFIG_BASE}${path}`,
    };
    return withHeaders(op.handle(ctx));
  };
}

/** Spec paths with literal segments before parameters, so `/user/provision` wins over `/user/{id}`. */
function byLiteralFirst(a: string, b: string): number {
  const params = (p: string) => (p.match(/\{/g) ?? []).length;
  return params(a) - params(b) || a.localeCompare(b);
}

/**
 * Registers every route the site's spec documents. An operation of the other product's spec
 * (a PRA-only route on Remote Support, or the reverse) is not registered: it answers 404 as an
 * unknown path does.
 */
export function registerConfigApi(router: Router, runtime: PraRuntime, operations: readonly ConfigOperation[]): void {
  const spec = runtime.state.contract;
  const documented = new Map<string, Set<string>>();
  for (const key of Object.keys(spec.operations)) {
    const [method, path] = key.split(" ");
    if (!documented.has(path)) documented.set(path, new Set());
    documented.get(path)!.add(method);
  }
  const served = new Map<string, ConfigOperation>();
  for (const op of operations) {
    if (spec.operations[`${op.method} ${op.path}`]) served.set(`${op.method} ${op.path}`, op);
  }
  for (const path of [...documented.keys()].sort(byLiteralFirst)) {
    const methods = documented.get(path)!;
    const allow = [...METHODS.filter((m) => methods.has(m)), ...(methods.has("GET") ? ["HEAD"] : []), "OPTIONS"];
    const routePath = CONFIG_BASE + path.replace(/\{(\w+)\}/g, ":$1");
    for (const method of METHODS) {
      const op = served.get(`${method} ${path}`);
      if (op) router.on(method, routePath, serve(runtime, op));
      else if (methods.has(method)) router.on(method, routePath, () => errors.notEmulated(`${method} ${path}`));
      else router.on(method, routePath, () => errors.methodNotAllowed(allow));
    }
    const get = served.get(`GET ${path}`);
    const head = get ? serve(runtime, get) : undefined;
    router.on("HEAD", routePath, (req) => {
      if (!methods.has("GET")) return errors.methodNotAllowed(allow);
      if (!head) return errors.notEmulated(`HEAD ${path}`);
      const res = head(req);
      return { status: res.status, headers: res.headers };
    });
    router.on("OPTIONS", routePath, () => ({ status: 200, headers: { Allow: allow.join(",") } }));
  }
}
