// Microsoft Graph and the Microsoft identity platform in one local HTTPS server: the same URL is
// the SDK's Graph base URL and the credential's authority host.
import { randomUUID } from "node:crypto";
import { Router, startEmulatorServer, type EmulatorRequest, type RecordedRequest } from "../common/server";
import type { FaultKnobs } from "../common/faults";
import { TokenStore, bearerToken } from "../common/tokens";
import { DirectoryView } from "./directory";
import { graphError, graphFaultCode } from "./errors";
import { decorateGraphResponse, graphErrorFor, registerGraphRoutes } from "./graph-api";
import { registerIdentityPlatformRoutes } from "./identity-platform";
import { GRAPH_MAX_PAGE_SIZE } from "./odata";
import { cloneTenant, readTenantFixture, tenantFixtureProblems, type TenantFixture } from "./tenant";

export { generateTenant, type GenerateTenantOptions } from "./generate-tenant";
export { decodeJwt, FEDERATED_TOKEN_AUDIENCE } from "./client-assertion";
export { demoTenant, demoTenantV2, demoTenantPath, demoTenantV2Path, readTenantFixture, DEFAULT_ACCESS_ROLE_ID } from "./tenant";
export type * from "./tenant";

export interface GraphEmulatorOptions {
  /** A fixture, or the path of a fixture file (see fixtures/). */
  tenant: TenantFixture | string;
  /** Largest page served whatever $top asks for (default 999, Graph's own limit). */
  pageSizeCap?: number;
  /** client id -> secret accepted by the token endpoint. */
  clientSecrets?: Record<string, string>;
  /** Lifetime of issued access tokens (default 3599 s, like Entra ID). */
  tokenLifetimeSeconds?: number;
}

export interface GraphEmulator {
  /** Graph base URL and authority host at once. */
  url: string;
  /** The test CA to trust (lib/ca-bundle.ts). */
  caFile: string;
  readonly tenantId: string;
  requests: RecordedRequest[];
  faults: FaultKnobs;
  state: { tenant: TenantFixture };
  /** Swaps the directory (e.g. to demo-tenant-v2.json) while keeping tokens and the URL. */
  loadTenant(tenant: TenantFixture | string): void;
  /** Invalidates every issued access token (what a revocation or an expiry looks like to Graph). */
  expireTokens(): void;
  /** Expires every token once `count` more Graph requests have been answered (expiry mid-read). */
  expireTokensAfterGraphRequests(count: number): void;
  /** Access tokens issued so far. */
  readonly tokensIssued: number;
  close(): Promise<void>;
}

function loadFixture(tenant: TenantFixture | string): TenantFixture {
  if (typeof tenant === "string") return readTenantFixture(tenant);
  const problems = tenantFixtureProblems(tenant);
  if (problems.length) throw new Error(`tenant fixture is inconsistent:\n- ${problems.join("\n- ")}`);
  return cloneTenant(tenant);
}

const isGraphPath = (path: string) => path.startsWith("/v1.0/") || path === "/v1.0";

export async function startGraphEmulator(options: GraphEmulatorOptions): Promise<GraphEmulator> {
  const state = { tenant: loadFixture(options.tenant) };
  const pageSizeCap = Math.min(options.pageSizeCap ?? GRAPH_MAX_PAGE_SIZE, GRAPH_MAX_PAGE_SIZE);
  if (!Number.isInteger(pageSizeCap) || pageSizeCap < 1) throw new Error(`pageSizeCap must be a positive integer, got ${options.pageSizeCap}`);
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 3599);
  let url = "";
  let expireAfter: number | undefined;

  const router = new Router();
  registerIdentityPlatformRoutes(router, {
    url: () => url,
    tenant: () => state.tenant,
    clientSecrets: { ...(options.clientSecrets ?? {}) },
    tokens,
  });
  registerGraphRoutes(router, { url: () => url, view: () => new DirectoryView(state.tenant), pageSizeCap: () => pageSizeCap });

  const authenticate = (req: EmulatorRequest) => {
    if (!isGraphPath(req.path)) return undefined;
    const header = req.headers.authorization;
    const token = bearerToken(header);
    if (tokens.validate(token)) return undefined;
    const challenge = {
      "WWW-Authenticate":
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
    };
    const message = header ? "Access token has expired or is not yet valid." : "Access token is empty.";
    return graphErrorFor(req, 401, "InvalidAuthenticationToken", message, challenge);
  };

  const server = await startEmulatorServer({
    router,
    before: authenticate,
    notFound: (req) =>
      isGraphPath(req.path)
        ? graphErrorFor(req, 400, "BadRequest", `Resource not found for the segment '${req.path.split("/").pop()}'.`)
        : { status: 404, body: { error: "not_found", error_description: `No identity platform endpoint at ${req.path}.` } },
    faultResponse: (status, retryAfterSeconds) => {
      const { code, message } = graphFaultCode(status);
      const id = randomUUID();
      return graphError(
        status,
        code,
        message,
        { requestId: id, clientRequestId: id },
        retryAfterSeconds !== undefined ? { "Retry-After": retryAfterSeconds } : {},
      );
    },
    internalError: (err) => graphError(500, "generalException", err.message, { requestId: randomUUID(), clientRequestId: randomUUID() }),
    decorate: (req, res) => {
      if (!isGraphPath(req.path)) return;
      decorateGraphResponse(req, res);
      if (expireAfter !== undefined && --expireAfter <= 0) {
        expireAfter = undefined;
        tokens.expireAll();
      }
    },
  });
  url = server.url;

  return {
    url: server.url,
    caFile: server.caFile,
    get tenantId() {
      return state.tenant.tenantId;
    },
    requests: server.requests,
    faults: server.faults,
    state,
    loadTenant: (tenant) => {
      state.tenant = loadFixture(tenant);
    },
    expireTokens: () => tokens.expireAll(),
    expireTokensAfterGraphRequests: (count) => {
      expireAfter = count;
    },
    get tokensIssued() {
      return tokens.issuedCount;
    },
    close: () => server.close(),
  };
}
