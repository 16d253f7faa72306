// POST /oauth2/token: OAuth 2 client credentials with the API account's id and secret in a
// Basic header. Each account keeps at most 30 live tokens; a 31st evicts the oldest. The spec
// gives the error body ({error, message}) but no statuses: these follow RFC 6749 section 5.2
// (400, or 401 for a client that failed to authenticate).
import { timingSafeEqual } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse, Router } from "../common/server";
import { basicCredentials } from "../common/tokens";
import type { PraRuntime } from "./runtime";

export const TOKEN_PATH = "/oauth2/token";

type OAuthError = "invalid_client" | "invalid_request" | "unsupported_grant_type";

function oauthError(status: number, error: OAuthError, message: string): EmulatorResponse {
  return { status, headers: { "Cache-Control": "no-store" }, body: { error, message } };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function issueToken(runtime: PraRuntime, req: EmulatorRequest): EmulatorResponse {
  const header = req.headers.authorization;
  const credentials = basicCredentials(header);
  if (!credentials) {
    return {
      ...oauthError(401, "invalid_client", "Client authentication failed."),
      headers: { "Cache-Control": "no-store", "WWW-Authenticate": 'Basic realm="oauth2"' },
    };
  }
  const [clientId, secret] = credentials;
  const account = runtime.accounts.get(clientId);
  if (!account || !account.enabled || !sameSecret(secret, account.clientSecret)) {
    return oauthError(401, "invalid_client", "Client authentication failed.");
  }
  const grantType = req.form().get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "The grant_type parameter is required.");
  if (grantType !== "client_credentials") return oauthError(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
  const issued = runtime.tokens.issue(account.clientId);
  return {
    status: 200,
    headers: { "Cache-Control": "no-store" },
    body: { access_token: issued.token, token_type: "Bearer", expires_in: runtime.tokens.ttl },
  };
}

export function registerTokenEndpoint(router: Router, runtime: PraRuntime): void {
  router.on("POST", TOKEN_PATH, (req) => issueToken(runtime, req));
  for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
    router.on(method, TOKEN_PATH, () => ({ status: 405, headers: { Allow: "POST" }, body: { error: "invalid_request", message: "Method Not Allowed" } }));
  }
}
