// The Okta Management API (the read routes the Okta source uses) and the org authorization
// server's token endpoint in one local HTTPS server: Okta's paging (limit, an opaque `after`
// cursor, Link rel="next"), its rate-limit headers on every answer and 429 when a window is used
// up, private_key_jwt client authentication, SSWS API tokens, and the shared fault knobs.
import { randomBytes, randomUUID } from "node:crypto";
import { Router, startEmulatorServer, type EmulatorRequest, type EmulatorResponse, type RecordedRequest } from "../common/server";
import type { FaultKnobs } from "../common/faults";
import { bearerToken } from "../common/tokens";
import { AssertionVerifier, type RegisteredKey } from "./client-assertion";
import { cloneOrg, orgProblems, type OktaOrg, type OktaOrgUser } from "./org";

export { oktaId, type OktaOrg, type OktaOrgUser, type OktaOrgGroup, type OktaOrgApp, type OktaUserStatus } from "./org";
export type { RegisteredKey } from "./client-assertion";

export interface OktaEmulatorOptions {
  org: OktaOrg;
  /** client id -> the public keys registered for its private_key_jwt authentication (its JWKS). */
  clients?: Record<string, RegisteredKey[]>;
  /** Scopes granted to every client (default the three okta.*.read scopes). */
  grantedScopes?: string[];
  /** SSWS API tokens accepted. */
  apiTokens?: string[];
  /** Lifetime of issued access tokens (default 3600 s, Okta's). */
  tokenLifetimeSeconds?: number;
  /** Requests per endpoint family per one-minute window (default 600). */
  rateLimitPerMinute?: number;
  /** The emulator's clock (default Date.now): token expiry and rate-limit windows follow it. */
  now?: () => number;
}

export interface OktaEmulator {
  url: string;
  caFile: string;
  state: { org: OktaOrg };
  requests: RecordedRequest[];
  faults: FaultKnobs;
  /** Invalidates every issued access token (an expiry or a revocation). */
  expireTokens(): void;
  readonly tokensIssued: number;
  /** Requests answered 429 because a rate-limit window was used up (not injected faults). */
  readonly throttled: number;
  close(): Promise<void>;
}

const DEFAULT_SCOPES = ["okta.groups.read", "okta.users.read", "okta.apps.read"];
/** Largest page per route, as Okta documents them. */
const LIMITS = { groups: 10000, groupUsers: 1000, userGroups: 10000, appUsers: 500, appGroups: 200 } as const;

function oktaError(status: number, errorCode: string, errorSummary: string, headers: Record<string, string | number> = {}): EmulatorResponse {
  return { status, headers, body: { errorCode, errorSummary, errorLink: errorCode, errorId: `oae${randomBytes(11).toString("base64url")}`, errorCauses: [] } };
}

const notFound = (id: string, kind: string) => oktaError(404, "E0000007", `Not found: Resource not found: ${id} (${kind})`);

/** The rate-limit bucket of a request: Okta limits per endpoint family. */
function bucketOf(path: string): string {
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "oauth2") return "/oauth2/v1/token";
  return `/${parts.slice(0, 3).join("/")}${parts.length > 3 ? "/*" : ""}`;
}

export async function startOktaEmulator(options: OktaEmulatorOptions): Promise<OktaEmulator> {
  const problems = orgProblems(options.org);
  if (problems.length) throw new Error(`Okta org fixture is inconsistent:\n- ${problems.join("\n- ")}`);
  const state = { org: cloneOrg(options.org) };
  const now = options.now ?? Date.now;
  const keys = new Map(Object.entries(options.clients ?? {}));
  const verifier = new AssertionVerifier(keys, now);
  const granted = new Set(options.grantedScopes ?? DEFAULT_SCOPES);
  const apiTokens = new Set(options.apiTokens ?? []);
  const ttl = options.tokenLifetimeSeconds ?? 3600;
  const perMinute = options.rateLimitPerMinute ?? 600;
  const tokens = new Map<string, number>();
  const windows = new Map<string, { resetAt: number; used: number }>();
  let issued = 0;
  let throttled = 0;
  let url = "";

  const tokenUrl = () => `${url}/oauth2/v1/token`;
  const user = (id: string) => state.org.users.find((u) => u.id === id);
  const wireUser = (u: OktaOrgUser) => ({
    id: u.id,
    status: u.status,
    created: "2025-01-01T00:00:00.000Z",
    lastUpdated: "2025-01-01T00:00:00.000Z",
    type: { id: "oty1defaultusertype0" },
    profile: { ...u.profile },
    _links: { self: { href: `${url}/api/v1/users/${u.id}` } },
  });
  const wireGroup = (g: OktaOrg["groups"][number]) => ({
    id: g.id,
    type: "OKTA_GROUP",
    profile: { name: g.name, description: g.description },
    _links: { users: { href: `${url}/api/v1/groups/${g.id}/users` } },
  });

  /** One page of `items` after the cursor, with Okta's Link headers; the cursor is the last id served. */
  function page<T extends { id: string }>(req: EmulatorRequest, items: readonly T[], max: number, toWire: (item: T) => unknown): EmulatorResponse {
    const limitText = req.query.get("limit");
    const limit = limitText === null ? max : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) return oktaError(400, "E0000001", "Api validation failed: limit");
    const size = Math.min(limit, max);
    const after = req.query.get("after");
    const start = after === null ? 0 : items.findIndex((i) => i.id === after) + 1;
    if (after !== null && start === 0) return oktaError(400, "E0000031", "Invalid search criteria: after");
    const slice = items.slice(start, start + size);
    const self = new URL(req.path, url);
    req.query.forEach((v, k) => self.searchParams.set(k, v));
    const links = [`<${self.href}>; rel="self"`];
    if (start + size < items.length) {
      const next = new URL(self.href);
      next.searchParams.set("after", slice[slice.length - 1].id);
      next.searchParams.set("limit", String(size));
      links.push(`<${next.href}>; rel="next"`);
    }
    return { status: 200, headers: { Link: links.join(", ") }, body: slice.map(toWire) };
  }

  const router = new Router();
  router.on("POST", "/oauth2/v1/token", (req) => {
    const form = req.form();
    const fail = (status: number, error: string, description: string): EmulatorResponse => ({ status, body: { error, error_description: description } });
    if (form.get("grant_type") !== "client_credentials")
      return fail(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" || !form.get("client_assertion")) {
      return fail(401, "invalid_client", "Client authentication failed: this client uses private_key_jwt.");
    }
    const verdict = verifier.check(form.get("client_assertion")!, form.get("client_id"), tokenUrl());
    if (!verdict.ok) return fail(401, "invalid_client", verdict.description!);
    const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean);
    if (!scopes.length)
      return fail(400, "invalid_scope", "The authorization server resource does not have any configured default scopes, 'scope' must be provided.");
    const refused = scopes.filter((s) => !granted.has(s));
    if (refused.length)
      return fail(400, "invalid_scope", `One or more scopes are not configured for the authorization server resource. Requested scopes: ${refused.join(" ")}`);
    const token = randomBytes(32).toString("base64url");
    tokens.set(token, now() + ttl * 1000);
    issued += 1;
    return {
      status: 200,
      headers: { "Cache-Control": "no-cache, no-store", Pragma: "no-cache" },
      body: { token_type: "Bearer", expires_in: ttl, access_token: token, scope: scopes.join(" ") },
    };
  });

  router.on("GET", "/api/v1/groups", (req) => {
    let groups = state.org.groups;
    const q = req.query.get("q");
    const search = req.query.get("search");
    if (q !== null) groups = groups.filter((g) => g.name.toLowerCase().startsWith(q.toLowerCase()));
    if (search !== null) {
      const m = /^profile\.name eq "((?:[^"\\]|\\.)*)"$/.exec(search.trim());
      if (!m) return oktaError(400, "E0000031", `Invalid search criteria: ${search}`);
      const name = m[1].replace(/\\(.)/g, "$1").toLowerCase();
      groups = groups.filter((g) => g.name.toLowerCase() === name);
    }
    return page(req, groups, LIMITS.groups, wireGroup);
  });
  router.on("GET", "/api/v1/groups/:id", (req) => {
    const group = state.org.groups.find((g) => g.id === req.params.id);
    return group ? { status: 200, body: wireGroup(group) } : notFound(req.params.id, "UserGroup");
  });
  router.on("GET", "/api/v1/groups/:id/users", (req) => {
    const group = state.org.groups.find((g) => g.id === req.params.id);
    if (!group) return notFound(req.params.id, "UserGroup");
    return page(
      req,
      group.members.map(user).filter((u): u is OktaOrgUser => u !== undefined),
      LIMITS.groupUsers,
      wireUser,
    );
  });
  router.on("GET", "/api/v1/users/:id", (req) => {
    const key = req.params.id.toLowerCase();
    const found = state.org.users.find((u) => u.id === req.params.id || u.profile.login.toLowerCase() === key);
    return found ? { status: 200, body: wireUser(found) } : notFound(req.params.id, "User");
  });
  router.on("GET", "/api/v1/users/:id/groups", (req) => {
    if (!user(req.params.id)) return notFound(req.params.id, "User");
    return page(
      req,
      state.org.groups.filter((g) => g.members.includes(req.params.id)),
      LIMITS.userGroups,
      wireGroup,
    );
  });
  router.on("GET", "/api/v1/apps/:id", (req) => {
    const app = state.org.apps.find((a) => a.id === req.params.id);
    return app
      ? { status: 200, body: { id: app.id, name: "oidc_client", label: app.label, status: "ACTIVE", signOnMode: "SAML_2_0" } }
      : notFound(req.params.id, "AppInstance");
  });
  router.on("GET", "/api/v1/apps/:id/users", (req) => {
    const app = state.org.apps.find((a) => a.id === req.params.id);
    if (!app) return notFound(req.params.id, "AppInstance");
    const viaGroups = new Set(state.org.groups.filter((g) => app.groups.includes(g.id)).flatMap((g) => g.members));
    const assigned = state.org.users.filter((u) => app.users.includes(u.id) || viaGroups.has(u.id));
    return page(req, assigned, LIMITS.appUsers, (u) => ({
      id: u.id,
      scope: app.users.includes(u.id) ? "USER" : "GROUP",
      status: u.status === "DEPROVISIONED" ? "INACTIVE" : "PROVISIONED",
      credentials: { userName: u.profile.login },
      profile: {},
      _links: { user: { href: `${url}/api/v1/users/${u.id}` } },
    }));
  });
  router.on("GET", "/api/v1/apps/:id/groups", (req) => {
    const app = state.org.apps.find((a) => a.id === req.params.id);
    if (!app) return notFound(req.params.id, "AppInstance");
    const groups = app.groups.map((id, priority) => ({ id, priority }));
    return page(req, groups, LIMITS.appGroups, (g) => ({
      id: g.id,
      priority: g.priority,
      profile: {},
      _links: { group: { href: `${url}/api/v1/groups/${g.id}` } },
    }));
  });

  /** The window of the request's bucket, counted; a used-up window answers 429. */
  function takeRateLimit(req: EmulatorRequest): { headers: Record<string, number>; exhausted: boolean } {
    const bucket = bucketOf(req.path);
    const t = now();
    let w = windows.get(bucket);
    if (!w || w.resetAt * 1000 <= t) windows.set(bucket, (w = { resetAt: Math.floor(t / 60_000) * 60 + 60, used: 0 }));
    const exhausted = w.used >= perMinute;
    if (!exhausted) w.used += 1;
    return {
      headers: { "X-Rate-Limit-Limit": perMinute, "X-Rate-Limit-Remaining": Math.max(0, perMinute - w.used), "X-Rate-Limit-Reset": w.resetAt },
      exhausted,
    };
  }
  const limits = new WeakMap<EmulatorRequest, Record<string, number>>();

  const server = await startEmulatorServer({
    router,
    before: (req) => {
      const rate = takeRateLimit(req);
      limits.set(req, rate.headers);
      if (rate.exhausted) {
        throttled += 1;
        return oktaError(429, "E0000047", "API call exceeded rate limit due to too many requests.");
      }
      if (!req.path.startsWith("/api/v1/")) return undefined;
      const header = req.headers.authorization ?? "";
      const ssws = /^SSWS\s+(\S+)$/i.exec(header)?.[1];
      if (ssws !== undefined && apiTokens.has(ssws)) return undefined;
      const bearer = bearerToken(header);
      const expiresAt = bearer ? tokens.get(bearer) : undefined;
      if (expiresAt !== undefined && expiresAt > now()) return undefined;
      return oktaError(401, "E0000011", "Invalid token provided", {
        "WWW-Authenticate": 'Bearer authorization_uri="", realm="", scope="", error="invalid_token", error_description="The token has expired.", resource=""',
      });
    },
    notFound: (req) => oktaError(404, "E0000022", `The endpoint does not support the provided HTTP method (${req.method} ${req.path})`),
    faultResponse: (status, retryAfterSeconds) => {
      if (status === 429) {
        const reset = Math.floor(now() / 1000) + (retryAfterSeconds ?? 1);
        return oktaError(429, "E0000047", "API call exceeded rate limit due to too many requests.", {
          "X-Rate-Limit-Limit": perMinute,
          "X-Rate-Limit-Remaining": 0,
          "X-Rate-Limit-Reset": reset,
        });
      }
      return oktaError(status, "E0000009", "Internal Server Error");
    },
    internalError: (err) => oktaError(500, "E0000009", `Internal Server Error: ${err.message}`),
    decorate: (req, res) => {
      const headers = limits.get(req);
      res.headers = { ...(headers ?? {}), ...(res.headers ?? {}), "X-Okta-Request-Id": randomUUID() };
    },
  });
  url = server.url;
  return {
    url: server.url,
    caFile: server.caFile,
    state,
    requests: server.requests,
    faults: server.faults,
    expireTokens: () => tokens.clear(),
    get tokensIssued() {
      return issued;
    },
    get throttled() {
      return throttled;
    },
    close: () => server.close(),
  };
}
