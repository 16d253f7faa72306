// A small in-memory SCIM server for the client's tests, with knobs for the ways real servers
// differ or misbehave (capped page size, no totalResults, ignored startIndex, no filter/PATCH).
import { randomUUID } from "node:crypto";
import { Router, startEmulatorServer, type EmulatorResponse, type EmulatorServer } from "../../../bench/emulators/common/server";

export interface ScimTestServerOptions {
  /** Resource type → collection path under /scim/v2. */
  collections?: Record<string, string>;
  /** The server answers at most this many resources per page. */
  maxPageSize?: number;
  omitTotalResults?: boolean;
  ignoreStartIndex?: boolean;
  /** Query parameter read as the page size. */
  sizeParameter?: "count" | "itemsPerPage";
  /** Create answers 201 with an empty body and only a Location header. */
  createWithoutBody?: boolean;
}

export interface ScimTestServer extends EmulatorServer {
  base: string;
  store: Map<string, Map<string, Record<string, unknown>>>;
  seed(type: string, count: number, make: (i: number) => Record<string, unknown>): void;
}

const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const scimError = (status: number, detail: string, scimType?: string): EmulatorResponse => ({
  status,
  headers: { "Content-Type": "application/scim+json" },
  body: { schemas: [ERROR], status: String(status), detail, ...(scimType ? { scimType } : {}) },
});

export async function startScimTestServer(options: ScimTestServerOptions = {}): Promise<ScimTestServer> {
  const collections = options.collections ?? { User: "/Users", Group: "/Groups" };
  const store = new Map<string, Map<string, Record<string, unknown>>>();
  const router = new Router();
  const prefix = "/scim/v2";
  for (const [type, path] of Object.entries(collections)) {
    const items = new Map<string, Record<string, unknown>>();
    store.set(type, items);
    const location = (id: string) => `${server.url}${prefix}${path}/${id}`;
    router.on("GET", `${prefix}${path}`, (req) => {
      let all = [...items.values()];
      const filter = req.query.get("filter");
      if (filter) {
        const m = /^(\w+) eq "((?:[^"\\]|\\.)*)"$/.exec(filter);
        if (!m) return scimError(400, "bad filter", "invalidFilter");
        const wanted = JSON.parse(`"${m[2]}"`) as string;
        all = all.filter((r) => String(r[m[1]]).toLowerCase() === wanted.toLowerCase());
      }
      const start = options.ignoreStartIndex ? 1 : Math.max(1, Number(req.query.get("startIndex") ?? 1));
      let size = Number(req.query.get(options.sizeParameter ?? "count") ?? 100);
      if (options.maxPageSize) size = Math.min(size, options.maxPageSize);
      const page = all.slice(start - 1, start - 1 + size);
      return {
        status: 200,
        headers: { "Content-Type": "application/scim+json" },
        body: {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
          ...(options.omitTotalResults ? {} : { totalResults: all.length }),
          startIndex: start,
          itemsPerPage: page.length,
          Resources: page,
        },
      };
    });
    router.on("GET", `${prefix}${path}/:id`, (req) => {
      const found = items.get(req.params.id);
      return found ? { status: 200, body: found } : scimError(404, `${type} ${req.params.id} not found`);
    });
    router.on("POST", `${prefix}${path}`, (req) => {
      const body = req.json<Record<string, unknown>>();
      const key = type === "Group" ? "displayName" : type === "User" ? "userName" : "externalId";
      if ([...items.values()].some((r) => r[key] === body[key])) return scimError(409, `${key} already exists`, "uniqueness");
      const id = randomUUID();
      const created = { ...body, id, meta: { resourceType: type, location: location(id) } };
      items.set(id, created);
      return options.createWithoutBody
        ? { status: 201, headers: { Location: location(id) } }
        : { status: 201, headers: { Location: location(id), "Content-Type": "application/scim+json" }, body: created };
    });
    router.on("PUT", `${prefix}${path}/:id`, (req) => {
      if (!items.has(req.params.id)) return scimError(404, "not found");
      const replaced = { ...req.json<Record<string, unknown>>(), id: req.params.id };
      items.set(req.params.id, replaced);
      return { status: 200, body: replaced };
    });
    router.on("PATCH", `${prefix}${path}/:id`, (req) => {
      const found = items.get(req.params.id);
      if (!found) return scimError(404, "not found");
      for (const op of req.json<{ Operations: Array<{ op: string; path: string; value: unknown }> }>().Operations) {
        if (op.op === "replace") found[op.path] = op.value;
      }
      return { status: 204 };
    });
    router.on("DELETE", `${prefix}${path}/:id`, (req) => (items.delete(req.params.id) ? { status: 204 } : scimError(404, "not found")));
  }
  const server = await startEmulatorServer({ router, notFound: () => scimError(404, "no such endpoint") });
  return {
    ...server,
    base: `${server.url}${prefix}`,
    store,
    seed(type, count, make) {
      const items = store.get(type)!;
      for (let i = 0; i < count; i++) {
        const id = `id-${String(i).padStart(4, "0")}`;
        items.set(id, { ...make(i), id });
      }
    },
  };
}
