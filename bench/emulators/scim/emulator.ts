// A generic SCIM 2.0 service provider (RFC 7643/7644) on 127.0.0.1: Users and Groups,
// ListResponse paging with startIndex/count under a page-size cap, the `eq` filter and PATCH
// each switchable (and announced in /ServiceProviderConfig), 409 uniqueness on userName,
// attribute names read without case, `active` optionally answered as "True"/"False" (a quirk
// seen in the wild), bearer / OAuth2 client-credentials / Basic authentication, and the
// shared fault knobs (429 + Retry-After, 5xx, latency, token expiry). Products that speak a
// dialect of SCIM (PAM360, Password Safe) are this emulator with options: their own attribute
// names, a token header, the page-size parameter, the query parameters they document, and an
// `accept` hook that refuses or adjusts a resource before it is stored.
import { randomBytes, randomUUID } from "node:crypto";
import { Router, startEmulatorServer, type EmulatorRequest, type EmulatorResponse } from "../common/server";
import { TokenStore } from "../common/tokens";
import { vocabularyWith } from "./attributes";
import { isAuthenticated, issueToken, SCIM_AUTH_KINDS, unauthorized, type ScimAuthConfig, type ScimAuthKind } from "./auth";
import { resourceTypes, schemas, serviceProviderConfig } from "./discovery";
import { SCIM_CONTENT_TYPE, ScimFault, scimError, scimOk } from "./errors";
import { matches, parseFilter } from "./filter";
import { applyPatch, parsePatch } from "./patch";
import { checkedResource, schemaOf, type ScimType, type StoredResource } from "./resources";
import type { ScimEmulator, ScimEmulatorOptions, ScimEmulatorState, ScimKnobs, ScimResourceChange } from "./types";

export type { ScimEmulator, ScimEmulatorOptions, ScimEmulatorState, ScimKnobs, ScimResourceChange } from "./types";

const secret = () => randomBytes(18).toString("base64url");

export async function startScimEmulator(options: ScimEmulatorOptions = {}): Promise<ScimEmulator> {
  const basePath = options.basePath ?? "/scim/v2";
  const tokenPath = options.tokenPath ?? "/oauth2/token";
  const kinds: readonly ScimAuthKind[] = options.auth === undefined ? SCIM_AUTH_KINDS : typeof options.auth === "string" ? [options.auth] : options.auth;
  const auth: ScimAuthConfig = {
    kinds,
    token: options.token ?? secret(),
    clientId: options.clientId ?? `scim-client-${secret().slice(0, 6)}`,
    clientSecret: options.clientSecret ?? secret(),
    username: options.username ?? "scim-admin",
    password: options.password ?? secret(),
    tokens: new TokenStore(options.tokenTtlSeconds ?? 3600),
    tokenHeader: options.tokenHeader,
    clientAuthentication: options.clientAuthentication,
  };
  const vocabulary = vocabularyWith(options.attributes);
  const knobs: ScimKnobs = {
    patch: options.patch ?? true,
    filter: options.filter ?? true,
    activeAsString: options.activeAsString ?? false,
    maxCount: options.maxCount ?? 50,
    unsupportedFilter: options.unsupportedFilter ?? "refuse",
    sizeParameter: options.sizeParameter ?? "count",
    queryParameters: options.queryParameters,
  };
  const users = new Map<string, StoredResource>();
  const groups = new Map<string, StoredResource>();
  const stamps = new Map<string, { created: string; lastModified: string; version: number }>();
  const state: ScimEmulatorState = {
    users,
    groups,
    userNamed: (n) => [...users.values()].find((u) => String(u.userName).toLowerCase() === n.toLowerCase()),
    groupNamed: (n) => [...groups.values()].find((g) => g.displayName === n),
  };
  let origin = "";
  const base = () => `${origin}${basePath}`;
  const storeOf = (type: ScimType) => (type === "User" ? users : groups);
  const endpointOf = (type: ScimType) => (type === "User" ? "Users" : "Groups");

  const touch = (id: string) => {
    const now = new Date().toISOString();
    const old = stamps.get(id);
    stamps.set(id, { created: old?.created ?? now, lastModified: now, version: (old?.version ?? 0) + 1 });
  };
  const save = (type: ScimType, resource: StoredResource) => {
    storeOf(type).set(resource.id, resource);
    touch(resource.id);
  };
  for (const u of options.seed?.users ?? [])
    save("User", checkedResource("User", { schemas: [schemaOf("User")], ...u }, String((u.id as string | undefined) ?? randomUUID()), state, vocabulary));
  for (const g of options.seed?.groups ?? [])
    save("Group", checkedResource("Group", { schemas: [schemaOf("Group")], ...g }, String((g.id as string | undefined) ?? randomUUID()), state, vocabulary));

  /** What a client sees: meta added, `active` as a string when the knob says so. */
  function view(type: ScimType, r: StoredResource): Record<string, unknown> {
    const stamp = stamps.get(r.id);
    const out: Record<string, unknown> = {
      ...r,
      meta: {
        resourceType: type,
        created: stamp?.created,
        lastModified: stamp?.lastModified,
        version: `W/"${stamp?.version ?? 1}"`,
        location: `${base()}/${endpointOf(type)}/${r.id}`,
      },
    };
    if (type === "User" && typeof r.active === "boolean" && knobs.activeAsString) out.active = r.active ? "True" : "False";
    return out;
  }

  const guard = (handler: (req: EmulatorRequest) => EmulatorResponse) => (req: EmulatorRequest) => {
    try {
      return handler(req);
    } catch (err) {
      if (err instanceof ScimFault) return err.toResponse();
      if (err instanceof SyntaxError) return scimError(400, "the body is not JSON", "invalidSyntax");
      throw err;
    }
  };

  function list(type: ScimType, req: EmulatorRequest): EmulatorResponse {
    let items = [...storeOf(type).values()];
    const filterText = req.query.get("filter");
    if (filterText !== null) {
      if (knobs.filter) {
        const filter = parseFilter(filterText);
        items = items.filter((r) => matches(r, filter));
      } else if (knobs.unsupportedFilter === "refuse") {
        throw new ScimFault(400, "invalidFilter", "this server does not support filtering");
      }
    }
    const startIndex = Math.max(1, Number.parseInt(req.query.get("startIndex") ?? "1", 10) || 1);
    const askedText = req.query.get(knobs.sizeParameter);
    const asked = askedText === null ? knobs.maxCount : Math.max(0, Number.parseInt(askedText, 10) || 0);
    const count = Math.min(asked, knobs.maxCount);
    const page = items.slice(startIndex - 1, startIndex - 1 + count);
    return scimOk(200, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: items.length,
      startIndex,
      itemsPerPage: page.length,
      Resources: page.map((r) => view(type, r)),
    });
  }

  function found(type: ScimType, id: string): StoredResource {
    const r = storeOf(type).get(id);
    if (!r) throw new ScimFault(404, undefined, `${type} ${id} not found`);
    return r;
  }

  /** The resource after the product's `accept` hook. */
  const accepted = (change: Omit<ScimResourceChange, "state">): StoredResource => options.accept?.({ ...change, state }) ?? change.next;

  const router = new Router();
  if (kinds.includes("oauth2")) router.on("POST", tokenPath, (req) => issueToken(req, auth));
  router.on("GET", `${basePath}/ServiceProviderConfig`, () => scimOk(200, serviceProviderConfig(base(), { ...knobs, auth: kinds })));
  router.on("GET", `${basePath}/ResourceTypes`, () => scimOk(200, resourceTypes(base(), options.attributes)));
  router.on("GET", `${basePath}/Schemas`, () => scimOk(200, schemas(base(), options.attributes, options.roleValues)));
  for (const type of ["User", "Group"] as const) {
    const collection = `${basePath}/${endpointOf(type)}`;
    router.on(
      "GET",
      collection,
      guard((req) => list(type, req)),
    );
    router.on(
      "POST",
      collection,
      guard((req) => {
        const created = accepted({ type, method: "POST", next: checkedResource(type, req.json(), randomUUID(), state, vocabulary) });
        save(type, created);
        return scimOk(201, view(type, created), { Location: `${base()}/${endpointOf(type)}/${created.id}` });
      }),
    );
    router.on(
      "GET",
      `${collection}/:id`,
      guard((req) => scimOk(200, view(type, found(type, req.params.id)))),
    );
    router.on(
      "PUT",
      `${collection}/:id`,
      guard((req) => {
        const previous = found(type, req.params.id);
        const body = req.json<Record<string, unknown>>();
        if (body && typeof body === "object" && typeof body.id === "string" && body.id !== req.params.id)
          throw new ScimFault(400, "mutability", "id cannot change");
        const replaced = accepted({ type, method: "PUT", previous, next: checkedResource(type, body, req.params.id, state, vocabulary) });
        save(type, replaced);
        return scimOk(200, view(type, replaced));
      }),
    );
    router.on(
      "PATCH",
      `${collection}/:id`,
      guard((req) => {
        if (!knobs.patch) return scimError(501, "PATCH is not supported by this service provider");
        const current = found(type, req.params.id);
        const next = checkedResource(type, applyPatch(current, parsePatch(req.json()), type, vocabulary), current.id, state, vocabulary);
        const patched = accepted({ type, method: "PATCH", previous: current, next });
        save(type, patched);
        return scimOk(200, view(type, patched));
      }),
    );
    router.on(
      "DELETE",
      `${collection}/:id`,
      guard((req) => {
        found(type, req.params.id);
        storeOf(type).delete(req.params.id);
        stamps.delete(req.params.id);
        // A deleted user leaves every group (RFC 7644 §3.6: it is no longer returned anywhere).
        for (const g of groups.values()) g.members = ((g.members as { value: string }[]) ?? []).filter((m) => m.value !== req.params.id);
        return { status: 204 };
      }),
    );
  }

  const open = new Set([tokenPath, `${basePath}/ServiceProviderConfig`, `${basePath}/ResourceTypes`, `${basePath}/Schemas`]);
  const server = await startEmulatorServer({
    router,
    notFound: (req) => scimError(404, `no endpoint ${req.path}`),
    faultResponse: (status, retryAfter) =>
      scimError(status, `injected fault ${status}`, undefined, retryAfter === undefined ? {} : { "Retry-After": retryAfter }),
    internalError: () => scimError(500, "internal server error"),
    before: (req) => {
      if (open.has(req.path)) return undefined;
      if (req.body && req.method !== "GET" && !/json/i.test(req.headers["content-type"] ?? "")) return scimError(415, `requests must be ${SCIM_CONTENT_TYPE}`);
      if (!isAuthenticated(req, auth)) return unauthorized(auth);
      const unsupported = knobs.queryParameters && [...req.query.keys()].find((k) => !knobs.queryParameters!.includes(k));
      return unsupported ? scimError(400, `unsupported query parameter "${unsupported}"`, "invalidSyntax") : undefined;
    },
  });
  origin = server.url;
  return {
    url: server.url,
    caFile: server.caFile,
    caPem: server.caPem,
    baseUrl: `${server.url}${basePath}`,
    tokenUrl: `${server.url}${tokenPath}`,
    get token() {
      return auth.token;
    },
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    username: auth.username,
    password: auth.password,
    knobs,
    state,
    requests: server.requests,
    faults: server.faults,
    get issuedTokenCount() {
      return auth.tokens.issuedCount;
    },
    expireTokens: () => auth.tokens.expireAll(),
    rotateToken: () => (auth.token = secret()),
    close: () => server.close(),
  };
}
