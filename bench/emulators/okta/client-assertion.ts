// The org authorization server's checks on a private_key_jwt client assertion (RFC 7523), as
// Okta makes them: RS256 signature by a key registered for the client (by kid when several),
// iss = sub = client id, aud = the token endpoint, not expired, at most an hour long, and a jti
// never seen before.
import { createPublicKey, verify, type KeyObject } from "node:crypto";

export interface RegisteredKey {
  /** The `kid` of the JWK; an assertion naming another kid is refused. */
  kid?: string;
  /** PEM public key (SPKI). */
  publicKeyPem: string;
}

export interface AssertionVerdict {
  ok: boolean;
  /** Okta's error_description when refused. */
  description?: string;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export class AssertionVerifier {
  private readonly usedJti = new Map<string, number>();

  constructor(
    private readonly keys: ReadonlyMap<string, readonly RegisteredKey[]>,
    private readonly now: () => number,
  ) {}

  check(assertion: string, clientIdField: string | null, tokenUrl: string): AssertionVerdict & { clientId?: string } {
    const parts = assertion.split(".");
    const header = parts.length === 3 ? decodePart(parts[0]) : undefined;
    const claims = parts.length === 3 ? decodePart(parts[1]) : undefined;
    if (!header || !claims) return { ok: false, description: "The client_assertion token is malformed." };
    if (header.alg !== "RS256") return { ok: false, description: `The client_assertion token has an unsupported algorithm: ${String(header.alg)}.` };
    const { iss, sub, aud, exp, iat, jti } = claims;
    if (typeof iss !== "string" || iss !== sub) return { ok: false, description: "The client_assertion token's iss and sub must both be the client_id." };
    if (clientIdField !== null && clientIdField !== iss) return { ok: false, description: "The client_id does not match the client_assertion's issuer." };
    const registered = this.keys.get(iss);
    if (!registered) return { ok: false, description: "The client_assertion token's issuer is not a known client." };
    const candidates = typeof header.kid === "string" ? registered.filter((k) => k.kid === header.kid) : registered;
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2], "base64url");
    if (!candidates.some((k) => verify("sha256", signed, publicKey(k.publicKeyPem), signature))) {
      return { ok: false, description: "The client_assertion signature is invalid." };
    }
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(tokenUrl)) return { ok: false, description: `The audience of the client_assertion token is invalid; it must be ${tokenUrl}.` };
    const nowSeconds = Math.floor(this.now() / 1000);
    if (typeof exp !== "number" || exp <= nowSeconds) return { ok: false, description: "The client_assertion token is expired." };
    if (typeof iat === "number" && exp - iat > 3600) return { ok: false, description: "The client_assertion token has an expiration too far in the future." };
    if (typeof jti !== "string" || !jti) return { ok: false, description: "The client_assertion token must have a jti." };
    for (const [seen, until] of this.usedJti) if (until <= nowSeconds) this.usedJti.delete(seen);
    if (this.usedJti.has(jti)) return { ok: false, description: "The client_assertion token has already been used (jti reuse)." };
    this.usedJti.set(jti, exp);
    return { ok: true, clientId: iss };
  }
}

const keyCache = new Map<string, KeyObject>();
function publicKey(pem: string): KeyObject {
  let key = keyCache.get(pem);
  if (!key) keyCache.set(pem, (key = createPublicKey(pem)));
  return key;
}
