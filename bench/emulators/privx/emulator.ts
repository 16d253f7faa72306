// An in-process stand-in for a PrivX SCIM directory (seed 001): Users and the custom Host
// resource type over HTTPS, Basic / OAuth2 client-credentials / static-token authentication,
// eq-only filtering, capped paging, no PATCH, no Bulk, no Groups. The collection paths are
// options because PrivX shows its real endpoint URLs only in its UI (docs/api-facts.md).
import { randomBytes } from "node:crypto";
import { Router, startEmulatorServer, type EmulatorRequest, type RecordedRequest } from "../common/server";
import type { FaultKnobs } from "../common/faults";
import { TokenStore } from "../common/tokens";
import { isAuthenticated, issueToken, PRIVX_AUTH_KINDS, unauthorized, type PrivxAuthConfig, type PrivxAuthKind } from "./auth";
import { readHost, SCIM_HOST_SCHEMA, type PrivxScimHost, type PrivxScimHostAttributes } from "./host-resource";
import { methodNotAllowed, notImplemented, onPath, registerCollection } from "./scim-collection";
import { scimError } from "./scim-error";
import { readUser, SCIM_USER_SCHEMA, userIdentity, type PrivxScimUser, type PrivxScimUserAttributes } from "./user-resource";

/** Built-in roles this directory refuses on hosts (seed 001 names privx-admin; privx-user is built in too). */
export const EMULATED_SYSTEM_ROLES: readonly string[] = ["privx-admin", "privx-user"];

export interface PrivxEmulatorOptions {
  /** Accepted authentication kinds; default all three. */
  auth?: PrivxAuthKind | readonly PrivxAuthKind[];
  /** API client credentials: the OAuth2 client and the Basic user name/password. Random by default. */
  clientId?: string;
  clientSecret?: string;
  /** The static access token ("token" auth). Random by default. */
  accessToken?: string;
  /** Default /scim/v2: Bulk and Groups live under it. */
  scimBasePath?: string;
  /** Default <scimBasePath>/Users. */
  usersPath?: string;
  /** Default <scimBasePath>/Hosts. */
  hostsPath?: string;
  /** OAuth2 token endpoint path; default /auth/api/v1/oauth/token (PrivX's OAuth endpoint). */
  tokenPath?: string;
  /** Server cap on `count` and the page size when none is asked for; default 10. */
  maxCount?: number;
  /** Lifetime of issued OAuth2 tokens; default 3600 s. */
  tokenTtlSeconds?: number;
  /** Roles a host's principals may not name; default EMULATED_SYSTEM_ROLES. */
  systemRoles?: readonly string[];
}

export interface PrivxEmulatorState {
  /** Users by SCIM id; mutate to simulate edits made in the PrivX console. */
  users: Map<string, PrivxScimUser>;
  /** Hosts by SCIM id; mutate to simulate edits made in the PrivX console. */
  hosts: Map<string, PrivxScimHost>;
}

export interface PrivxEmulator {
  url: string;
  caFile: string;
  caPem: string;
  scimBaseUrl: string;
  usersUrl: string;
  hostsUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  accessToken: string;
  authKinds: readonly PrivxAuthKind[];
  maxCount: number;
  state: PrivxEmulatorState;
  requests: RecordedRequest[];
  faults: FaultKnobs;
  /** OAuth2 tokens issued so far (a polite client asks for one per process). */
  readonly issuedTokenCount: number;
  /** Invalidates every issued OAuth2 token (the static access token stays valid). */
  expireTokens(): void;
  close(): Promise<void>;
}

function secret(): string {
  return randomBytes(18).toString("base64url");
}

export async function startPrivxEmulator(options: PrivxEmulatorOptions = {}): Promise<PrivxEmulator> {
  const scimBasePath = options.scimBasePath ?? "/scim/v2";
  const usersPath = options.usersPath ?? `${scimBasePath}/Users`;
  const hostsPath = options.hostsPath ?? `${scimBasePath}/Hosts`;
  const tokenPath = options.tokenPath ?? "/auth/api/v1/oauth/token";
  const maxCount = options.maxCount ?? 10;
  const systemRoles = options.systemRoles ?? EMULATED_SYSTEM_ROLES;
  const kinds: readonly PrivxAuthKind[] = options.auth === undefined ? PRIVX_AUTH_KINDS : typeof options.auth === "string" ? [options.auth] : options.auth;
  const auth: PrivxAuthConfig = {
    kinds,
    clientId: options.clientId ?? `privx-scim-${secret().slice(0, 8)}`,
    clientSecret: options.clientSecret ?? secret(),
    accessToken: options.accessToken ?? secret(),
    tokens: new TokenStore(options.tokenTtlSeconds ?? 3600),
  };
  const state: PrivxEmulatorState = { users: new Map(), hosts: new Map() };
  let baseUrl = "";

  const router = new Router();
  if (kinds.includes("oauth2")) router.on("POST", tokenPath, (req) => issueToken(req, auth));

  registerCollection<PrivxScimUserAttributes, PrivxScimUser>(router, {
    path: usersPath,
    resourceType: "User",
    schema: SCIM_USER_SCHEMA,
    store: state.users,
    read: readUser,
    identity: userIdentity,
    caseInsensitive: ["userName"],
    maxCount,
    baseUrl: () => baseUrl,
  });
  registerCollection<PrivxScimHostAttributes, PrivxScimHost>(router, {
    path: hostsPath,
    resourceType: "Host",
    schema: SCIM_HOST_SCHEMA,
    store: state.hosts,
    read: (body) => readHost(body, systemRoles),
    identity: (host) => ({ attribute: "externalId", value: host.externalId }),
    caseInsensitive: [],
    maxCount,
    baseUrl: () => baseUrl,
  });
  onPath(router, `${scimBasePath}/Bulk`, { POST: () => notImplemented("Bulk") });

  const notFound = (req: EmulatorRequest) => {
    const underScim = req.path.startsWith(scimBasePath) ? req.path.slice(scimBasePath.length) : "";
    return /^\/Groups(\/|$)/.test(underScim) ? scimError(404, 'Resource type "Group" is not supported') : scimError(404, `no endpoint ${req.path}`);
  };

  const server = await startEmulatorServer({
    router,
    notFound,
    faultResponse: (status, retryAfterSeconds) =>
      scimError(status, `injected fault ${status}`, undefined, retryAfterSeconds === undefined ? {} : { "Retry-After": retryAfterSeconds }),
    internalError: () => scimError(500, "internal server error"),
    before: (req) => {
      if (req.path === tokenPath && kinds.includes("oauth2")) {
        return req.method === "POST" ? undefined : methodNotAllowed(req, ["POST"]);
      }
      return isAuthenticated(req, auth) ? undefined : unauthorized(auth);
    },
  });
  baseUrl = server.url;

  return {
    url: server.url,
    caFile: server.caFile,
    caPem: server.caPem,
    scimBaseUrl: `${server.url}${scimBasePath}`,
    usersUrl: `${server.url}${usersPath}`,
    hostsUrl: `${server.url}${hostsPath}`,
    tokenUrl: `${server.url}${tokenPath}`,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    accessToken: auth.accessToken,
    authKinds: kinds,
    maxCount,
    state,
    requests: server.requests,
    faults: server.faults,
    get issuedTokenCount() {
      return auth.tokens.issuedCount;
    },
    expireTokens: () => auth.tokens.expireAll(),
    close: () => server.close(),
  };
}
