// The three ways a PrivX SCIM directory authenticates its client (seed 001): Basic credentials,
// OAuth2 client credentials (the directory's "API client": token endpoint with
// grant_type=client_credentials and the client id/secret as HTTP Basic), and a static access
// token. An emulator may accept any subset, so a client's configuration can be tested against
// a directory that only takes one kind.
import { timingSafeEqual } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse } from "../common/server";
import { basicCredentials, bearerToken, type TokenStore } from "../common/tokens";
import { scimError } from "./scim-error";

export type PrivxAuthKind = "basic" | "oauth2" | "token";

export const PRIVX_AUTH_KINDS: readonly PrivxAuthKind[] = ["basic", "oauth2", "token"];

export interface PrivxAuthConfig {
  kinds: readonly PrivxAuthKind[];
  clientId: string;
  clientSecret: string;
  accessToken: string;
  tokens: TokenStore;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isClient(header: string | undefined, config: PrivxAuthConfig): boolean {
  const credentials = basicCredentials(header);
  return !!credentials && sameSecret(credentials[0], config.clientId) && sameSecret(credentials[1], config.clientSecret);
}

/** Whether a SCIM request carries credentials of an accepted kind. */
export function isAuthenticated(req: EmulatorRequest, config: PrivxAuthConfig): boolean {
  const header = req.headers.authorization;
  if (config.kinds.includes("basic") && isClient(header, config)) return true;
  const token = bearerToken(header);
  if (!token) return false;
  if (config.kinds.includes("oauth2") && config.tokens.validate(token)) return true;
  return config.kinds.includes("token") && sameSecret(token, config.accessToken);
}

function challenges(config: PrivxAuthConfig): string {
  const schemes: string[] = [];
  if (config.kinds.includes("basic")) schemes.push('Basic realm="privx-scim"');
  if (config.kinds.includes("oauth2") || config.kinds.includes("token")) schemes.push('Bearer realm="privx-scim"');
  return schemes.join(", ");
}

export function unauthorized(config: PrivxAuthConfig): EmulatorResponse {
  return scimError(401, "Authentication required: missing, invalid or expired credentials", undefined, {
    "WWW-Authenticate": challenges(config),
  });
}

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: { "Cache-Control": "no-store", ...headers },
    body: { error, error_description: description },
  };
}

/** POST token endpoint: client credentials grant (RFC 6749 §4.4) with HTTP Basic client auth. */
export function issueToken(req: EmulatorRequest, config: PrivxAuthConfig): EmulatorResponse {
  if (!isClient(req.headers.authorization, config)) {
    return oauthError(401, "invalid_client", "client authentication failed", { "WWW-Authenticate": 'Basic realm="privx-oauth"' });
  }
  const contentType = req.headers["content-type"] ?? "";
  if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return oauthError(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  const grantType = req.form().get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "grant_type is required");
  if (grantType !== "client_credentials") return oauthError(400, "unsupported_grant_type", `grant_type ${grantType} is not supported`);
  const issued = config.tokens.issue(config.clientId);
  return {
    status: 200,
    headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
    body: { access_token: issued.token, token_type: "Bearer", expires_in: config.tokens.ttl },
  };
}
