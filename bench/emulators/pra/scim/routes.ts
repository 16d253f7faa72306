// PRA's SCIM 2.0 API under /api/scim/v2: Users and Groups with list (startIndex/count, server
// cap on count), get, create, replace (PUT) and delete; PATCH and `filter` only when their knobs
// are on. Authentication: the long-lived SCIM bearer token, or an OAuth token of an API account
// allowed to use SCIM. Requests count against the same per-account rate limits.
import { timingSafeEqual } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse, Router } from "../../common/server";
import { bearerToken } from "../../common/tokens";
import {
  createScimGroup,
  createScimUser,
  findScimGroupByDisplayName,
  findScimUserByUserName,
  removeScimGroup,
  removeUser,
  replaceScimGroup,
  replaceScimUser,
  scimUserInputOf,
  type ScimGroupInput,
  type ScimUserInput,
} from "../directory";
import { type PraRuntime, accountOfBearer, originOf, rateLimitHeaders } from "../runtime";
import type { ScimGroupRecord, UserRecord } from "../state";
import { SCIM_CONTENT_TYPE, ScimRequestError, invalidSyntax, invalidValue, scimError } from "./errors";
import { type FilterValue, matches, parseFilter } from "./filter";
import { applyGroupPatch, applyUserPatch, parsePatchBody } from "./patch";
import { LIST_SCHEMA, SCIM_BASE, groupResource, parseGroupBody, parseUserBody, userResource } from "./resources";

interface ScimContext {
  req: EmulatorRequest;
  runtime: PraRuntime;
  origin: string;
  now: number;
  json(): unknown;
}

type ScimHandler = (ctx: ScimContext) => EmulatorResponse;

const LONG_LIVED_SUBJECT = "scim-long-lived-token";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The rate-limit subject of an authenticated SCIM request, or the error answer. */
function authenticate(runtime: PraRuntime, req: EmulatorRequest): { subject: string } | { response: EmulatorResponse } {
  const header = req.headers.authorization;
  const token = bearerToken(header);
  if (token && sameSecret(token, runtime.options.scimToken)) return { subject: LONG_LIVED_SUBJECT };
  const account = accountOfBearer(runtime, req);
  if (!account)
    return {
      response: scimError(401, "Authorization failure. The authorization header is invalid or missing.", undefined, {
        "WWW-Authenticate": 'Bearer realm="scim"',
      }),
    };
  if (!account.permScim) return { response: scimError(403, "This API account is not allowed to use the SCIM API.") };
  return { subject: account.clientId };
}

function wrap(runtime: PraRuntime, handler: ScimHandler): (req: EmulatorRequest) => EmulatorResponse {
  return (req) => {
    const auth = authenticate(runtime, req);
    if ("response" in auth) return auth.response;
    const decision = runtime.limiter.take(auth.subject);
    const headers = rateLimitHeaders(decision);
    if (!decision.allowed) {
      return scimError(runtime.options.rateLimitStatus, "Too many requests.", undefined, { ...headers, "Retry-After": decision.retryAfterSeconds ?? 1 });
    }
    if (!runtime.state.scimProvider()) return scimError(403, "No SCIM security provider is configured.", undefined, headers);
    const ctx: ScimContext = {
      req,
      runtime,
      origin: originOf(req),
      now: runtime.options.clock(),
      json: () => {
        try {
          return JSON.parse(req.body) as unknown;
        } catch {
          throw invalidSyntax("The request body is not valid JSON.");
        }
      },
    };
    let out: EmulatorResponse;
    try {
      out = handler(ctx);
    } catch (err) {
      if (!(err instanceof ScimRequestError)) throw err;
      out = err.toResponse();
    }
    const contentType: Record<string, string> = out.body !== undefined ? { "Content-Type": SCIM_CONTENT_TYPE } : {};
    return { ...out, headers: { ...contentType, ...(out.headers ?? {}), ...headers } };
  };
}

function integerParam(req: EmulatorRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalidValue(`${name} must be an integer.`);
  return Number(raw);
}

interface Filterable {
  attributes: readonly string[];
  values(attribute: string): FilterValue[];
  caseExact(attribute: string): boolean;
}

/** RFC 7644 section 3.4.2.4: startIndex below 1 counts as 1, a negative count as 0; count is capped. */
function listResponse<T>(
  ctx: ScimContext,
  all: readonly T[],
  filterable: (item: T) => Filterable,
  attributes: readonly string[],
  toResource: (item: T) => unknown,
): EmulatorResponse {
  const { options } = ctx.runtime;
  let items = all;
  const filter = ctx.req.query.get("filter");
  if (filter !== null) {
    if (options.scimFilter) {
      const comparisons = parseFilter(filter, attributes);
      items = all.filter((item) => {
        const f = filterable(item);
        return matches(
          comparisons,
          (a) => f.values(a),
          (a) => f.caseExact(a),
        );
      });
    } else if (options.scimUnsupportedFilter === "reject") {
      throw new ScimRequestError(400, "invalidFilter", "Filtering is not supported.");
    }
  }
  const startIndex = Math.max(1, integerParam(ctx.req, "startIndex") ?? 1);
  const count = Math.min(Math.max(0, integerParam(ctx.req, "count") ?? options.scimMaxCount), options.scimMaxCount);
  const page = items.slice(startIndex - 1, startIndex - 1 + count);
  return {
    status: 200,
    body: { schemas: [LIST_SCHEMA], totalResults: items.length, startIndex, itemsPerPage: page.length, Resources: page.map(toResource) },
  };
}

const USER_FILTER_ATTRIBUTES = ["username", "externalid", "displayname", "id", "emails.value", "active"];
const GROUP_FILTER_ATTRIBUTES = ["displayname", "externalid", "id"];

function userFilterable(user: UserRecord): Filterable {
  const scim = user.scim!;
  const values: Record<string, FilterValue[]> = {
    username: [scim.userName],
    externalid: [scim.externalId],
    displayname: [scim.displayName],
    id: [scim.id],
    "emails.value": scim.emails.map((e) => e.value),
    active: [user.enabled],
  };
  return { attributes: USER_FILTER_ATTRIBUTES, values: (a) => values[a] ?? [], caseExact: (a) => a === "id" || a === "externalid" };
}

function groupFilterable(group: ScimGroupRecord): Filterable {
  const values: Record<string, FilterValue[]> = { displayname: [group.displayName], externalid: [group.externalId], id: [group.id] };
  return { attributes: GROUP_FILTER_ATTRIBUTES, values: (a) => values[a] ?? [], caseExact: (a) => a !== "displayname" };
}

const notFound = (what: string, id: string) => scimError(404, `${what} ${id} not found.`);
const patchUnsupported = () => scimError(501, "PATCH is not supported; replace the resource with PUT.");

function userClash(ctx: ScimContext, input: ScimUserInput, self?: UserRecord): EmulatorResponse | undefined {
  const other = findScimUserByUserName(ctx.runtime.state, input.userName);
  return other && other !== self ? scimError(409, `userName ${input.userName} is already taken.`, "uniqueness") : undefined;
}

function groupClash(ctx: ScimContext, input: ScimGroupInput, self?: ScimGroupRecord): EmulatorResponse | undefined {
  const other = findScimGroupByDisplayName(ctx.runtime.state, input.displayName);
  return other && other !== self ? scimError(409, `displayName ${input.displayName} is already taken.`, "uniqueness") : undefined;
}

function userRoutes(runtime: PraRuntime): [string, string, ScimHandler][] {
  const state = runtime.state;
  const withUser =
    (handle: (ctx: ScimContext, user: UserRecord) => EmulatorResponse): ScimHandler =>
    (ctx) => {
      const id = ctx.req.params.id;
      const user = state.userByScimId(id);
      return user ? handle(ctx, user) : notFound("User", id);
    };
  const updated = (ctx: ScimContext, user: UserRecord, input: ScimUserInput): EmulatorResponse => {
    const clash = userClash(ctx, input, user);
    if (clash) return clash;
    replaceScimUser(user, input, ctx.now);
    state.touch();
    return { status: 200, body: userResource(user, ctx.origin) };
  };
  return [
    ["GET", "/Users", (ctx) => listResponse(ctx, state.scimUsers(), userFilterable, USER_FILTER_ATTRIBUTES, (u) => userResource(u, ctx.origin))],
    [
      "POST",
      "/Users",
      (ctx) => {
        const input = parseUserBody(ctx.json());
        const clash = userClash(ctx, input);
        if (clash) return clash;
        state.touch();
        const user = createScimUser(state, input, ctx.now);
        const resource = userResource(user, ctx.origin);
        return { status: 201, headers: { Location: (resource.meta as { location: string }).location }, body: resource };
      },
    ],
    ["GET", "/Users/:id", withUser((ctx, user) => ({ status: 200, body: userResource(user, ctx.origin) }))],
    ["PUT", "/Users/:id", withUser((ctx, user) => updated(ctx, user, parseUserBody(ctx.json())))],
    [
      "PATCH",
      "/Users/:id",
      withUser((ctx, user) =>
        runtime.options.scimPatch ? updated(ctx, user, applyUserPatch(scimUserInputOf(user), parsePatchBody(ctx.json()))) : patchUnsupported(),
      ),
    ],
    [
      "DELETE",
      "/Users/:id",
      withUser((_ctx, user) => {
        removeUser(state, user.id);
        state.touch();
        return { status: 204 };
      }),
    ],
  ];
}

function groupRoutes(runtime: PraRuntime): [string, string, ScimHandler][] {
  const state = runtime.state;
  const withGroup =
    (handle: (ctx: ScimContext, group: ScimGroupRecord) => EmulatorResponse): ScimHandler =>
    (ctx) => {
      const id = ctx.req.params.id;
      const group = state.scimGroups.get(id);
      return group ? handle(ctx, group) : notFound("Group", id);
    };
  const updated = (ctx: ScimContext, group: ScimGroupRecord, input: ScimGroupInput): EmulatorResponse => {
    const clash = groupClash(ctx, input, group);
    if (clash) return clash;
    replaceScimGroup(group, input, ctx.now);
    state.touch();
    return { status: 200, body: groupResource(state.scimUserIndex(), group, ctx.origin) };
  };
  const current = (group: ScimGroupRecord): ScimGroupInput => ({
    displayName: group.displayName,
    externalId: group.externalId,
    memberIds: [...group.memberIds],
  });
  return [
    [
      "GET",
      "/Groups",
      (ctx) => {
        const users = state.scimUserIndex();
        return listResponse(ctx, [...state.scimGroups.values()], groupFilterable, GROUP_FILTER_ATTRIBUTES, (g) => groupResource(users, g, ctx.origin));
      },
    ],
    [
      "POST",
      "/Groups",
      (ctx) => {
        const input = parseGroupBody(state, ctx.json());
        const clash = groupClash(ctx, input);
        if (clash) return clash;
        state.touch();
        const group = createScimGroup(state, input, ctx.now);
        const resource = groupResource(state.scimUserIndex(), group, ctx.origin);
        return { status: 201, headers: { Location: (resource.meta as { location: string }).location }, body: resource };
      },
    ],
    ["GET", "/Groups/:id", withGroup((ctx, group) => ({ status: 200, body: groupResource(state.scimUserIndex(), group, ctx.origin) }))],
    ["PUT", "/Groups/:id", withGroup((ctx, group) => updated(ctx, group, parseGroupBody(state, ctx.json())))],
    [
      "PATCH",
      "/Groups/:id",
      withGroup((ctx, group) =>
        runtime.options.scimPatch ? updated(ctx, group, applyGroupPatch(state, current(group), parsePatchBody(ctx.json()))) : patchUnsupported(),
      ),
    ],
    [
      "DELETE",
      "/Groups/:id",
      withGroup((_ctx, group) => {
        removeScimGroup(state, group.id);
        state.touch();
        return { status: 204 };
      }),
    ],
  ];
}

function serviceProviderConfig(runtime: PraRuntime): ScimHandler {
  return () => {
    const { scimPatch, scimFilter, scimMaxCount } = runtime.options;
    return {
      status: 200,
      body: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        patch: { supported: scimPatch },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: scimFilter, maxResults: scimMaxCount },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [{ type: "oauthbearertoken", name: "OAuth Bearer Token", description: "Long-lived SCIM token or an API account's OAuth token" }],
      },
    };
  };
}

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export function registerScimApi(router: Router, runtime: PraRuntime): void {
  const routes: [string, string, ScimHandler][] = [
    ...userRoutes(runtime),
    ...groupRoutes(runtime),
    ["GET", "/ServiceProviderConfig", serviceProviderConfig(runtime)],
  ];
  const paths = [...new Set(routes.map(([, path]) => path))];
  for (const path of paths) {
    const methods = routes.filter(([, p]) => p === path).map(([m]) => m);
    for (const [method, , handler] of routes.filter(([, p]) => p === path)) router.on(method, SCIM_BASE + path, wrap(runtime, handler));
    for (const method of ALL_METHODS.filter((m) => !methods.includes(m))) {
      router.on(method, SCIM_BASE + path, () => scimError(405, `${method} is not allowed on ${path}.`, undefined, { Allow: methods.join(",") }));
    }
  }
}
