// The routes of one SCIM resource type as PrivX serves it: Create (201 + Location), Read,
// Replace (PUT), Delete (204), list with eq filter and paging. PATCH answers 501 Not
// Implemented — RFC 7644 §3.12 gives exactly "PATCH" as the example of an operation a service
// provider does not support — as does POST .search; other methods answer 405 with a SCIM body.
import { randomUUID } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse, Router } from "../common/server";
import { jsonObjectBody, type Attributes, type ScimMeta } from "./scim-attributes";
import { scimError, scimOk, ScimRequestError } from "./scim-error";
import { matchesEq, parseEqFilter } from "./scim-filter";
import { listResponse, pageRequest } from "./scim-list";

export interface StoredResource {
  schemas: string[];
  id: string;
  meta: ScimMeta;
}

export interface CollectionSpec<A extends object, T extends A & StoredResource> {
  /** Path of the collection, e.g. /scim/v2/Hosts. */
  path: string;
  resourceType: string;
  schema: string;
  store: Map<string, T>;
  /** Attributes of a Create/Replace body; throws ScimRequestError. */
  read(body: Attributes): A;
  /** The attribute that must be unique, and its value. */
  identity(attributes: A): { attribute: string; value: string };
  /** Attributes whose values a filter compares without case. */
  caseInsensitive: readonly string[];
  /** Server cap on `count`. */
  maxCount: number;
  /** Base URL for meta.location and Location, known once the server listens. */
  baseUrl(): string;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export function notImplemented(what: string): EmulatorResponse {
  return scimError(501, `${what} is not supported`);
}

export function methodNotAllowed(req: EmulatorRequest, allowed: readonly string[]): EmulatorResponse {
  return scimError(405, `${req.method} is not allowed on ${req.path}`, undefined, { Allow: allowed.join(", ") });
}

/** Registers `handlers` on `pattern` and a SCIM refusal for every other method. */
export function onPath(router: Router, pattern: string, handlers: Partial<Record<(typeof METHODS)[number], (req: EmulatorRequest) => EmulatorResponse>>): void {
  const allowed = METHODS.filter((m) => handlers[m]);
  for (const method of METHODS) {
    const handler = handlers[method];
    router.on(method, pattern, (req) => {
      if (handler) return guarded(handler)(req);
      return method === "PATCH" ? notImplemented("PATCH") : methodNotAllowed(req, allowed);
    });
  }
}

function guarded(handler: (req: EmulatorRequest) => EmulatorResponse): (req: EmulatorRequest) => EmulatorResponse {
  return (req) => {
    try {
      return handler(req);
    } catch (err) {
      if (err instanceof ScimRequestError) return err.toResponse();
      throw err;
    }
  };
}

export function registerCollection<A extends object, T extends A & StoredResource>(router: Router, spec: CollectionSpec<A, T>): void {
  const location = (id: string) => `${spec.baseUrl()}${spec.path}/${encodeURIComponent(id)}`;
  const notFound = (id: string) => scimError(404, `${spec.resourceType} ${id} not found`);

  const conflictWith = (attributes: A, exceptId?: string): EmulatorResponse | undefined => {
    const wanted = spec.identity(attributes);
    for (const existing of spec.store.values()) {
      if (existing.id === exceptId) continue;
      const other = spec.identity(existing);
      if (other.attribute === wanted.attribute && other.value === wanted.value) {
        return scimError(409, `a ${spec.resourceType} with ${wanted.attribute} "${wanted.value}" already exists`, "uniqueness");
      }
    }
    return undefined;
  };

  const list = (req: EmulatorRequest): EmulatorResponse => {
    let matching: T[] = [...spec.store.values()];
    const filterText = req.query.get("filter");
    if (filterText !== null) {
      const parsed = parseEqFilter(filterText);
      if (!parsed.ok) return scimError(400, parsed.detail, "invalidFilter");
      matching = matching.filter((r) => matchesEq(r as unknown as Record<string, unknown>, parsed.filter, spec.caseInsensitive));
    }
    return scimOk(200, listResponse(matching, pageRequest(req.query, spec.maxCount)));
  };

  const create = (req: EmulatorRequest): EmulatorResponse => {
    const attributes = spec.read(jsonObjectBody(req));
    const conflict = conflictWith(attributes);
    if (conflict) return conflict;
    const id = randomUUID();
    const now = new Date().toISOString();
    const resource = {
      schemas: [spec.schema],
      id,
      ...attributes,
      meta: { resourceType: spec.resourceType, created: now, lastModified: now, location: location(id) },
    } as T;
    spec.store.set(id, resource);
    return scimOk(201, resource, { Location: resource.meta.location });
  };

  const get = (req: EmulatorRequest): EmulatorResponse => {
    const found = spec.store.get(req.params.id);
    return found ? scimOk(200, found) : notFound(req.params.id);
  };

  const replace = (req: EmulatorRequest): EmulatorResponse => {
    const existing = spec.store.get(req.params.id);
    if (!existing) return notFound(req.params.id);
    const attributes = spec.read(jsonObjectBody(req));
    const conflict = conflictWith(attributes, existing.id);
    if (conflict) return conflict;
    const resource = {
      schemas: [spec.schema],
      id: existing.id,
      ...attributes,
      meta: { ...existing.meta, lastModified: new Date().toISOString() },
    } as T;
    spec.store.set(existing.id, resource);
    return scimOk(200, resource);
  };

  const remove = (req: EmulatorRequest): EmulatorResponse => {
    if (!spec.store.delete(req.params.id)) return notFound(req.params.id);
    return { status: 204 };
  };

  onPath(router, spec.path, { GET: list, POST: create });
  onPath(router, `${spec.path}/:id`, {
    GET: get,
    PUT: replace,
    DELETE: remove,
    POST: (req) => (req.params.id === ".search" ? notImplemented("POST .search (use GET with an eq filter)") : methodNotAllowed(req, ["GET", "PUT", "DELETE"])),
  });
}
