// How the Okta source authenticates: an OAuth 2.0 service app with private_key_jwt (the
// default: no shared secret, a short-lived RS256 client assertion per token request), or an
// SSWS API token when the stack says so explicitly.
import { createPrivateKey, randomUUID, sign, type KeyObject } from "node:crypto";
import { OAuthClientCredentials, type AuthProvider, type ClientAssertion, type HttpClientOptions } from "../../lib/http";
import { OktaError } from "./errors";
import { OKTA_SCOPES, type OktaSettings } from "./settings";

/** Lifetime of one client assertion: Okta accepts at most an hour; a token request needs seconds. */
const ASSERTION_LIFETIME_SECONDS = 300;

export function oktaTokenUrl(orgUrl: string): string {
  return `${orgUrl}/oauth2/v1/token`;
}

/** RS256 client assertions for `private_key_jwt` (iss = sub = client id, aud = the token URL). */
export function rs256ClientAssertion(o: { clientId: string; tokenUrl: string; privateKeyPem: string; keyId?: string; now?: () => number }): ClientAssertion {
  let key: KeyObject;
  try {
    key = createPrivateKey(o.privateKeyPem);
  } catch {
    // The parser's message may quote the key material: say what is wrong, nothing more.
    throw new OktaError("VALIDATION", "The Okta private key cannot be read as a PEM private key (oktaPrivateKey / oktaPrivateKeyFile).", {
      details: { key: "oktaPrivateKey" },
    });
  }
  if (key.asymmetricKeyType !== "rsa")
    throw new OktaError("VALIDATION", "The Okta private key must be an RSA key (Okta signs client assertions with RS256 here).", {
      details: { key: "oktaPrivateKey" },
    });
  const now = o.now ?? Date.now;
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return {
    create: () => {
      const iat = Math.floor(now() / 1000);
      const header = { alg: "RS256", typ: "JWT", ...(o.keyId ? { kid: o.keyId } : {}) };
      const claims = { iss: o.clientId, sub: o.clientId, aud: o.tokenUrl, iat, exp: iat + ASSERTION_LIFETIME_SECONDS, jti: randomUUID() };
      const signingInput = `${b64(header)}.${b64(claims)}`;
      return `${signingInput}.${sign("sha256", Buffer.from(signingInput), key).toString("base64url")}`;
    },
    secrets: () => [o.privateKeyPem],
  };
}

/** `Authorization: SSWS <token>`: Okta's legacy API token, tied to the admin who made it. */
export function sswsAuth(token: string): AuthProvider {
  return { headers: async () => ({ authorization: `SSWS ${token}` }), secrets: () => [token] };
}

export function oktaAuthProvider(
  settings: OktaSettings,
  http: Omit<HttpClientOptions, "product" | "baseUrl" | "auth" | "classifyError" | "errorAdvice"> = {},
): AuthProvider {
  if (settings.auth === "ssws") return sswsAuth(settings.apiToken!.reveal());
  const tokenUrl = oktaTokenUrl(settings.orgUrl);
  return new OAuthClientCredentials({
    product: "okta-token",
    tokenUrl,
    clientId: settings.clientId!,
    clientAssertion: rs256ClientAssertion({
      clientId: settings.clientId!,
      tokenUrl,
      privateKeyPem: settings.privateKey!.reveal(),
      keyId: settings.keyId,
      now: http.clock ? () => http.clock!.now() : undefined,
    }),
    scope: OKTA_SCOPES.join(" "),
    http,
  });
}
