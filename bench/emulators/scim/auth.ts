// How a generic SCIM server authenticates its client: a static bearer token, OAuth2 client
// credentials (RFC 6749 §4.4, client authenticated with HTTP Basic or form fields), or HTTP
// Basic. A server may accept any subset, so each configuration is testable alone. A product may
// also read the static token from its own header (PAM360's `AUTHTOKEN`) and may insist on HTTP
// Basic for the client at the token endpoint (Password Safe).
import { timingSafeEqual } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse } from "../common/server";
import { basicCredentials, bearerToken, type TokenStore } from "../common/tokens";
import { scimError } from "./errors";

export type ScimAuthKind = "bearer" | "oauth2" | "basic";
export const SCIM_AUTH_KINDS: readonly ScimAuthKind[] = ["bearer", "oauth2", "basic"];

export interface ScimAuthConfig {
  kinds: readonly ScimAuthKind[];
  token: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  tokens: TokenStore;
  /** A header that carries the static token as is (e.g. AUTHTOKEN), besides `Authorization: Bearer`. */
  tokenHeader?: string;
  /** How the token endpoint takes the client: HTTP Basic only, or Basic or form fields (default). */
  clientAuthentication?: "basic" | "basic-or-form";
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isAuthenticated(req: EmulatorRequest, config: ScimAuthConfig): boolean {
  const header = req.headers.authorization;
  const own = config.tokenHeader === undefined ? undefined : req.headers[config.tokenHeader.toLowerCase()];
  if (typeof own === "string" && config.kinds.includes("bearer") && same(own, config.token)) return true;
  const basic = basicCredentials(header);
  if (basic && config.kinds.includes("basic")) return same(basic[0], config.username) && same(basic[1], config.password);
  const token = bearerToken(header);
  if (!token) return false;
  if (config.kinds.includes("oauth2") && config.tokens.validate(token)) return true;
  return config.kinds.includes("bearer") && same(token, config.token);
}

export function unauthorized(config: ScimAuthConfig): EmulatorResponse {
  const schemes = [config.kinds.includes("basic") ? 'Basic realm="scim"' : "", config.kinds.some((k) => k !== "basic") ? 'Bearer realm="scim"' : ""].filter(
    Boolean,
  );
  return scimError(401, "Authentication required: missing, invalid or expired credentials", undefined, { "WWW-Authenticate": schemes.join(", ") });
}

function oauthError(status: number, error: string, description: string): EmulatorResponse {
  return { status, headers: { "Cache-Control": "no-store" }, body: { error, error_description: description } };
}

/** POST token endpoint: client_credentials with the client in HTTP Basic or in the form. */
export function issueToken(req: EmulatorRequest, config: ScimAuthConfig): EmulatorResponse {
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return oauthError(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  const form = req.form();
  const basic = basicCredentials(req.headers.authorization);
  if (!basic && config.clientAuthentication === "basic") return oauthError(401, "invalid_client", "the client must authenticate with HTTP Basic");
  const [id, secret] = basic ?? [form.get("client_id") ?? "", form.get("client_secret") ?? ""];
  if (!same(id, config.clientId) || !same(secret, config.clientSecret)) return oauthError(401, "invalid_client", "client authentication failed");
  const grant = form.get("grant_type");
  if (grant !== "client_credentials") return oauthError(400, "unsupported_grant_type", `grant_type ${grant ?? "(none)"} is not supported`);
  const issued = config.tokens.issue(config.clientId);
  return { status: 200, headers: { "Cache-Control": "no-store" }, body: { access_token: issued.token, token_type: "Bearer", expires_in: config.tokens.ttl } };
}
