// The Microsoft identity platform endpoints a confidential client needs: OpenID and instance
// discovery metadata (what MSAL fetches before it trusts an authority) and the v2.0 token
// endpoint for the client credentials grant, with a client secret or a client assertion.
import { timingSafeEqual } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse, Router } from "../common/server";
import { basicCredentials, type TokenStore } from "../common/tokens";
import { clientAssertionProblem } from "./client-assertion";
import { aadError } from "./errors";
import type { TenantFixture } from "./tenant";

export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Microsoft Graph's application id: a scope may name the resource by it. */
const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const oidcScopes = new Set(["openid", "profile", "offline_access", "email"]);

export interface IdentityPlatformContext {
  /** The emulator's base URL (authority host and Graph base at once). */
  url(): string;
  tenant(): TenantFixture;
  clientSecrets: Record<string, string>;
  tokens: TokenStore;
}

export function registerIdentityPlatformRoutes(router: Router, ctx: IdentityPlatformContext): void {
  const openIdConfiguration = (req: EmulatorRequest): EmulatorResponse => {
    const tenant = resolveTenant(ctx.tenant(), req.params.tenant, true);
    if (!tenant) return unknownTenant(req.params.tenant);
    return { status: 200, body: openIdDocument(ctx.url(), tenant) };
  };
  router
    .on("GET", "/:tenant/v2.0/.well-known/openid-configuration", openIdConfiguration)
    .on("GET", "/:tenant/.well-known/openid-configuration", openIdConfiguration)
    .on("GET", "/:tenant/discovery/instance", (req) => ({ status: 200, body: instanceDiscovery(ctx.url(), req.params.tenant) }))
    .on("GET", "/:tenant/discovery/v2.0/keys", () => ({ status: 200, body: { keys: [] } }))
    .on("POST", "/:tenant/oauth2/v2.0/token", (req) => tokenEndpoint(ctx, req));
}

/** The tenant id when `segment` names this tenant (id or verified domain); `common` only for metadata. */
function resolveTenant(fixture: TenantFixture, segment: string, allowMultiTenant: boolean): string | undefined {
  const s = segment.toLowerCase();
  if (s === fixture.tenantId.toLowerCase() || fixture.verifiedDomains.some((d) => d.toLowerCase() === s)) return fixture.tenantId;
  if (allowMultiTenant && (s === "common" || s === "organizations")) return "{tenantid}";
  return undefined;
}

function unknownTenant(segment: string): EmulatorResponse {
  return aadError({
    status: 400,
    error: "invalid_request",
    aadsts: 90002,
    description: `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  });
}

function openIdDocument(base: string, tenantId: string): Record<string, unknown> {
  const root = `${base}/${tenantId}`;
  return {
    token_endpoint: `${root}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${root}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${root}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/oidc/userinfo`,
    authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${root}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub",
      "iss",
      "cloud_instance_name",
      "cloud_instance_host_name",
      "cloud_graph_host_name",
      "msgraph_host",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "nonce",
      "preferred_username",
      "name",
      "tid",
      "ver",
      "at_hash",
      "c_hash",
      "email",
    ],
    kerberos_endpoint: `${root}/kerberos`,
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: new URL(base).host,
    rbac_url: "https://pas.windows.net",
  };
}

function instanceDiscovery(base: string, tenant: string): Record<string, unknown> {
  const host = new URL(base).host;
  return {
    tenant_discovery_endpoint: `${base}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenEndpoint(ctx: IdentityPlatformContext, req: EmulatorRequest): EmulatorResponse {
  const fixture = ctx.tenant();
  const tenantId = resolveTenant(fixture, req.params.tenant, false);
  if (!tenantId) return unknownTenant(req.params.tenant);
  const form = req.form();
  const basic = basicCredentials(req.headers.authorization);
  const clientId = form.get("client_id") ?? basic?.[0];
  const grantType = form.get("grant_type");
  if (grantType !== "client_credentials") {
    return aadError({
      status: 400,
      error: "unsupported_grant_type",
      aadsts: 70003,
      description: `The app requested an unsupported grant type '${grantType ?? ""}'. This emulator serves the client_credentials grant only.`,
    });
  }
  if (!clientId) {
    return aadError({
      status: 400,
      error: "invalid_request",
      aadsts: 900144,
      description: "The request body must contain the following parameter: 'client_id'.",
    });
  }
  const registration =
    fixture.appRegistrations.find((a) => a.appId.toLowerCase() === clientId.toLowerCase()) ??
    (clientId in ctx.clientSecrets ? { appId: clientId, displayName: clientId } : undefined);
  if (!registration) {
    return aadError({
      status: 400,
      error: "unauthorized_client",
      aadsts: 700016,
      description: `Application with identifier '${clientId}' was not found in the directory '${fixture.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    });
  }
  const scopeProblem = checkScope(form.get("scope"), ctx.url());
  if (scopeProblem) return scopeProblem;

  const secret = form.get("client_secret") ?? basic?.[1];
  const assertion = form.get("client_assertion");
  if (secret !== null && secret !== undefined) {
    const expected = ctx.clientSecrets[registration.appId] ?? ctx.clientSecrets[clientId];
    if (expected === undefined || !sameSecret(secret, expected)) {
      return aadError({
        status: 401,
        error: "invalid_client",
        aadsts: 7000215,
        description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${registration.appId}'.`,
      });
    }
  } else if (assertion !== null) {
    if (form.get("client_assertion_type") !== JWT_BEARER_ASSERTION_TYPE) {
      return aadError({
        status: 400,
        error: "invalid_request",
        aadsts: 50027,
        description: "Invalid client_assertion_type; expected urn:ietf:params:oauth:client-assertion-type:jwt-bearer.",
      });
    }
    const problem = clientAssertionProblem({
      assertion,
      clientId: registration.appId,
      registration,
      isOwnTokenEndpoint: (aud) => isTokenEndpointOf(aud, ctx.url(), fixture),
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    if (problem) return aadError(problem);
  } else {
    return aadError({
      status: 401,
      error: "invalid_client",
      aadsts: 7000218,
      description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    });
  }
  const issued = ctx.tokens.issue(registration.appId);
  const expiresIn = Math.max(0, Math.round((issued.expiresAt - Date.now()) / 1000));
  return {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store, no-cache" },
    body: { token_type: "Bearer", expires_in: expiresIn, ext_expires_in: expiresIn, access_token: issued.token },
  };
}

/** Client credentials need exactly one `<resource>/.default` scope, and the resource must be Graph. */
function checkScope(scope: string | null, base: string): EmulatorResponse | undefined {
  const scopes = (scope ?? "").split(/\s+/).filter((s) => s && !oidcScopes.has(s));
  if (scopes.length !== 1 || !scopes[0].endsWith("/.default")) {
    return aadError({
      status: 400,
      error: "invalid_scope",
      aadsts: 1002012,
      description: `The provided value for scope ${scope ?? ""} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    });
  }
  const resource = scopes[0].slice(0, -"/.default".length).replace(/\/$/, "").toLowerCase();
  const graphResources = ["https://graph.microsoft.com", GRAPH_APP_ID, base.toLowerCase()];
  if (!graphResources.includes(resource)) {
    return aadError({
      status: 400,
      error: "invalid_resource",
      aadsts: 500011,
      description: `The resource principal named ${resource} was not found in the tenant. This emulator serves Microsoft Graph only.`,
    });
  }
  return undefined;
}

function isTokenEndpointOf(aud: string, base: string, fixture: TenantFixture): boolean {
  if (!aud.toLowerCase().startsWith(`${base.toLowerCase()}/`)) return false;
  const [tenantSegment] = aud.slice(base.length + 1).split("/");
  return resolveTenant(fixture, tenantSegment, false) !== undefined;
}
