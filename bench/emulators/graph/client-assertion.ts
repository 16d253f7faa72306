// Checks on a client_assertion (urn:ietf:params:oauth:client-assertion-type:jwt-bearer) the way
// the identity platform makes them, minus the signature: a certificate credential's assertion is
// self-issued (iss = sub = client id, aud = the token endpoint); a federated credential's comes
// from another issuer and must match one of the app's federated identity credentials.
import type { AadErrorSpec } from "./errors";
import type { AppRegistration } from "./tenant";

export const FEDERATED_TOKEN_AUDIENCE = "api://AzureADTokenExchange";

export interface JwtParts {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** The header and claims of a compact JWS, or undefined when it is not one. */
export function decodeJwt(token: string): JwtParts | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p, i) => i < 2 && !/^[A-Za-z0-9_-]+$/.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as unknown;
    if (!isRecord(header) || !isRecord(payload)) return undefined;
    return { header, payload };
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function audiences(payload: Record<string, unknown>): string[] {
  const aud = payload.aud;
  if (typeof aud === "string") return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === "string");
  return [];
}

export interface AssertionContext {
  assertion: string;
  clientId: string;
  registration: AppRegistration;
  /** Whether an audience names this tenant's token endpoint on this authority. */
  isOwnTokenEndpoint: (aud: string) => boolean;
  nowSeconds: number;
}

const malformed: AadErrorSpec = { status: 400, error: "invalid_request", aadsts: 50027, description: "JWT token is invalid or malformed." };

/** undefined when the assertion is acceptable, else the error the token endpoint answers with. */
export function clientAssertionProblem(ctx: AssertionContext): AadErrorSpec | undefined {
  const jwt = decodeJwt(ctx.assertion);
  if (!jwt) return malformed;
  const { header, payload } = jwt;
  if (typeof header.alg !== "string" || header.alg.toLowerCase() === "none") return malformed;
  const { iss, sub, exp, nbf } = payload;
  if (typeof iss !== "string" || typeof sub !== "string" || typeof exp !== "number") return malformed;
  const skew = 300;
  if (exp + skew < ctx.nowSeconds || (typeof nbf === "number" && nbf - skew > ctx.nowSeconds)) {
    return { status: 400, error: "invalid_client", aadsts: 700024, description: "Client assertion is not within its valid time range." };
  }
  const auds = audiences(payload);
  if (iss === ctx.clientId || sub === ctx.clientId) {
    if (iss !== sub) {
      return {
        status: 400,
        error: "invalid_client",
        aadsts: 700021,
        description: "Client assertion application identifier doesn't match 'client_id' parameter.",
      };
    }
    if (!auds.some(ctx.isOwnTokenEndpoint)) {
      return { status: 400, error: "invalid_client", aadsts: 700023, description: "Client assertion audience claim does not match Realm issuer." };
    }
    return undefined;
  }
  return federatedProblem(ctx.registration, iss, sub, auds);
}

function federatedProblem(registration: AppRegistration, iss: string, sub: string, auds: string[]): AadErrorSpec | undefined {
  const credentials = registration.federatedIdentityCredentials ?? [];
  const noMatch = (aadsts: number, what: string): AadErrorSpec => ({
    status: 400,
    error: "invalid_client",
    aadsts,
    description: `No matching federated identity record found for presented assertion${what}. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${auds.join(",")}'.`,
  });
  if (!credentials.length) return noMatch(70021, "");
  const byIssuer = credentials.filter((c) => c.issuer === iss);
  if (!byIssuer.length) return noMatch(700211, " issuer");
  const bySubject = byIssuer.filter((c) => c.subject === sub);
  if (!bySubject.length) return noMatch(700213, " subject");
  if (!bySubject.some((c) => c.audiences.some((a) => auds.includes(a)))) return noMatch(700212, " audience");
  return undefined;
}
