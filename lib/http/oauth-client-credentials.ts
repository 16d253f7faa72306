// OAuth 2 client credentials (RFC 6749 §4.4) as an AuthProvider: one cached token per instance,
// renewed shortly before it expires and exactly once after a 401. Concurrent callers share one
// in-flight mint: PRA keeps at most 30 live tokens per API account and evicts the oldest, so a
// client that mints freely logs out every other client of that account.
import type { AuthProvider } from "./auth";
import { basicAuthorization } from "./auth";
import { createHttpClient, type HttpClient, type HttpClientOptions } from "./client";
import { ApiError } from "./errors";
import { realClock, type Clock } from "./rate-limiter";
import { redactBody } from "./redact";

export interface OAuthClientCredentialsOptions {
  product: string;
  /** Full token endpoint URL, e.g. https://pra.example.com/oauth2/token. */
  tokenUrl: string;
  clientId: string;
  /** Client authentication by secret (HTTP Basic, RFC 6749 §2.3.1); or else `clientAssertion`. */
  clientSecret?: string;
  /**
   * Client authentication by a signed JWT instead of a secret (RFC 7523 `private_key_jwt`): a
   * fresh assertion for each token request, sent as `client_assertion` with `client_id`.
   */
  clientAssertion?: ClientAssertion;
  /** Optional `scope` form field. */
  scope?: string;
  /** Renew this long before expiry (default 60 s, at most a quarter of the lifetime). */
  renewBeforeSeconds?: number;
  /** Transport settings shared with the API client (rate limit bucket, timeouts, logger, pools, clock). */
  http?: Omit<HttpClientOptions, "product" | "baseUrl" | "auth" | "classifyError" | "errorAdvice">;
}

export interface ClientAssertion {
  /** A new signed assertion (its own jti and expiry) for one token request. */
  create(): string;
  /** Values to mask wherever they might appear (the key material). */
  secrets(): string[];
}

interface CachedToken {
  accessToken: string;
  /** Epoch ms after which the token is renewed before use. */
  renewAt: number;
}

interface TokenResponse {
  access_token?: unknown;
  token_type?: unknown;
  expires_in?: unknown;
}

const OAUTH_CLIENT_ERRORS = new Set(["invalid_client", "invalid_grant", "unauthorized_client", "invalid_credentials", "access_denied"]);

export class OAuthClientCredentials implements AuthProvider {
  private readonly http: HttpClient;
  private readonly clock: Clock;
  private readonly basic?: string;
  private readonly assertions: string[] = [];
  private cached?: CachedToken;
  private minting?: Promise<CachedToken>;
  /** Tokens minted by this instance (observability; tests assert on it). */
  mintCount = 0;

  constructor(private readonly options: OAuthClientCredentialsOptions) {
    if (!options.clientId || (!options.clientSecret && !options.clientAssertion)) {
      throw new ApiError({
        code: "UNAUTHORIZED",
        product: options.product,
        method: "POST",
        url: options.tokenUrl,
        retryable: false,
        detail: "client id or client secret is empty",
      });
    }
    this.clock = options.http?.clock ?? realClock;
    this.basic = options.clientSecret ? basicAuthorization(options.clientId, options.clientSecret, { formEncode: true }) : undefined;
    const basic = this.basic;
    this.http = createHttpClient({
      ...options.http,
      product: options.product,
      baseUrl: options.tokenUrl,
      auth: { headers: async (): Promise<Record<string, string>> => (basic ? { authorization: basic } : {}), secrets: () => this.secrets() },
      // A token endpoint answers bad client credentials with 400 or 401 {"error": "invalid_client"}.
      classifyError: (status, body) => {
        const error = body && typeof body === "object" ? (body as { error?: unknown }).error : undefined;
        return (status === 400 || status === 401) && typeof error === "string" && OAUTH_CLIENT_ERRORS.has(error) ? "UNAUTHORIZED" : undefined;
      },
      errorAdvice: {
        UNAUTHORIZED: options.clientAssertion
          ? "The token endpoint refused the client assertion: check the client id, and that the signing key is the one registered with the client."
          : "The token endpoint refused the client id and secret: check them in the stack configuration and that the API account is enabled.",
      },
    });
  }

  async headers(): Promise<Record<string, string>> {
    const token = await this.token();
    return { authorization: `Bearer ${token.accessToken}` };
  }

  async renew(rejected: Record<string, string>): Promise<boolean> {
    const rejectedToken = /^Bearer\s+(.+)$/i.exec(rejected.authorization ?? "")?.[1];
    // Another caller already replaced the rejected token: use the new one without minting.
    if (this.cached && rejectedToken !== undefined && this.cached.accessToken !== rejectedToken) return true;
    if (this.cached && this.cached.accessToken === rejectedToken) this.cached = undefined;
    await this.token();
    return true;
  }

  secrets(): string[] {
    return [
      ...(this.options.clientSecret ? [this.options.clientSecret] : []),
      ...(this.basic ? [this.basic.slice(6)] : []),
      ...(this.options.clientAssertion?.secrets() ?? []),
      ...this.assertions,
      ...(this.cached ? [this.cached.accessToken] : []),
    ];
  }

  /** Forgets the cached token (e.g. after the secret was rotated). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async token(): Promise<CachedToken> {
    if (this.cached && this.clock.now() < this.cached.renewAt) return this.cached;
    this.minting ??= this.mint().finally(() => (this.minting = undefined));
    return this.minting;
  }

  private async mint(): Promise<CachedToken> {
    const form: Record<string, string> = { grant_type: "client_credentials" };
    if (this.options.scope) form.scope = this.options.scope;
    if (this.options.clientAssertion) {
      const assertion = this.options.clientAssertion.create();
      // Only the latest is kept for masking: an assertion is single-use and expires within minutes.
      this.assertions.splice(0, this.assertions.length, assertion);
      Object.assign(form, {
        client_id: this.options.clientId,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      });
    }
    // A duplicate mint after a lost answer costs one extra live token; failing the run costs more.
    const res = await this.http.post<TokenResponse>("", { form, idempotent: true });
    this.mintCount++;
    const body = res.body;
    const tokenType = typeof body?.token_type === "string" ? body.token_type : "Bearer";
    if (!body || typeof body.access_token !== "string" || !body.access_token || tokenType.toLowerCase() !== "bearer") {
      throw new ApiError({
        code: "BAD_RESPONSE",
        product: this.options.product,
        method: "POST",
        url: this.options.tokenUrl,
        status: res.status,
        retryable: false,
        detail: "the token response has no bearer access_token",
        body: redactBody(body, this.secrets()),
      });
    }
    const expiresIn = Number(body.expires_in);
    const lifetimeSeconds = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600;
    const margin = Math.min(this.options.renewBeforeSeconds ?? 60, lifetimeSeconds / 4);
    const token = { accessToken: body.access_token, renewAt: this.clock.now() + (lifetimeSeconds - margin) * 1000 };
    this.cached = token;
    return token;
  }
}
