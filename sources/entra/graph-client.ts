// The one place that talks HTTP to Microsoft Graph: the SDK client with its middleware chain
// (token, 401 -> one re-authentication, RetryHandler for 429/503/504 honouring Retry-After,
// redirects, telemetry, a per-attempt timeout and request count), nextLink paging, and the
// mapping of every failure onto an EntraError.
import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
  type MiddlewareOptions,
} from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import { codeForStatus, EntraError } from "./errors";
import { identityFailure, ownErrorInside } from "./identity-errors";
import { redactSecrets, type Secret } from "./secret";

export interface GraphRetryOptions {
  /** Retries after the first attempt for 429/503/504 (default 3, the SDK's default; at most 10). */
  maxRetries?: number;
  /** Seconds to wait when the answer carries no Retry-After (default 3, the SDK's default). */
  delaySeconds?: number;
}

export interface GraphReaderOptions {
  graphBaseUrl: string;
  credential: TokenCredential;
  /** A fresh credential (empty token cache) for when Graph rejects a token it issued. */
  renewCredential?: () => TokenCredential;
  retry?: GraphRetryOptions;
  /** Per attempt (default 60 s). */
  requestTimeoutMs?: number;
  /** Values that must never appear in an error message. */
  secrets?: readonly (Secret | undefined)[];
}

export interface GraphReader {
  /** GET a path under /v1.0 (e.g. "/groups/x") or an absolute Graph URL such as a nextLink. */
  get<T>(pathOrUrl: string): Promise<T>;
  /** Every page of a collection, following @odata.nextLink verbatim until it is absent. */
  pages<T>(path: string): AsyncGenerator<T[]>;
  /** HTTP requests sent to Graph so far (every attempt, retries included). */
  readonly requests: number;
}

/** Hands the caller the original failure, which the SDK would flatten into a GraphError. */
class CallProbe implements MiddlewareOptions {
  cause: unknown;
}

/** A credential that can be swapped for a fresh one once per rejection of its tokens. */
class RenewableCredential implements TokenCredential {
  generation = 0;
  private current: TokenCredential;
  private inFlight: Promise<AccessToken | null> | undefined;

  constructor(
    initial: TokenCredential,
    private readonly renew?: () => TokenCredential,
  ) {
    this.current = initial;
  }

  get canRenew(): boolean {
    return this.renew !== undefined;
  }

  /**
   * Concurrent callers share one token request: the first reads of a directory start together,
   * and each would otherwise fetch its own token before the credential's cache is filled.
   */
  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    if (!this.inFlight) {
      this.inFlight = this.current.getToken(scopes, options).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  /** Concurrent requests rejected with the same generation's token renew it only once. */
  renewAfterRejection(generation: number): void {
    if (this.renew && generation === this.generation) {
      this.current = this.renew();
      this.generation += 1;
    }
  }
}

abstract class ChainLink implements Middleware {
  protected next!: Middleware;
  setNext(next: Middleware): void {
    this.next = next;
  }
  abstract execute(context: Context): Promise<void>;
}

function dropAuthorizationHeader(context: Context): void {
  const headers = context.options?.headers as unknown;
  if (!headers) return;
  if (headers instanceof Headers) headers.delete("Authorization");
  else if (Array.isArray(headers)) context.options!.headers = headers.filter(([k]) => String(k).toLowerCase() !== "authorization");
  else for (const key of Object.keys(headers)) if (key.toLowerCase() === "authorization") delete (headers as Record<string, string>)[key];
}

/**
 * First in the chain: records the original error for the caller and, when Graph answers 401
 * (a token revoked or expired on the server side before its advertised expiry), gets a token
 * from a fresh credential and tries once more.
 */
class ReauthenticateOnRejectedToken extends ChainLink {
  constructor(private readonly credential: RenewableCredential) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const probe = context.middlewareControl?.getMiddlewareOptions(CallProbe) as CallProbe | undefined;
    try {
      const generation = this.credential.generation;
      await this.next.execute(context);
      if (context.response?.status === 401 && this.credential.canRenew) {
        await context.response.body?.cancel().catch(() => undefined);
        this.credential.renewAfterRejection(generation);
        dropAuthorizationHeader(context);
        context.response = undefined;
        await this.next.execute(context);
      }
    } catch (err) {
      if (probe) probe.cause = err;
      throw err;
    }
  }
}

/** Last before the wire: counts every attempt and bounds its duration. */
class CountAndTimeAttempts extends ChainLink {
  count = 0;
  constructor(private readonly timeoutMs: number) {
    super();
  }

  async execute(context: Context): Promise<void> {
    this.count += 1;
    if (context.options) (context.options as { signal?: AbortSignal }).signal = AbortSignal.timeout(this.timeoutMs);
    await this.next.execute(context);
  }
}

export function graphScope(graphBaseUrl: string): string {
  return `${new URL(graphBaseUrl).origin}/.default`;
}

export function createGraphReader(options: GraphReaderOptions): GraphReader {
  const base = new URL(options.graphBaseUrl);
  const credential = new RenewableCredential(options.credential, options.renewCredential);
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [graphScope(options.graphBaseUrl)] });
  const attempts = new CountAndTimeAttempts(options.requestTimeoutMs ?? 60_000);
  const retry = new RetryHandlerOptions(options.retry?.delaySeconds ?? 3, options.retry?.maxRetries ?? 3);
  const middleware: Middleware[] = [
    new ReauthenticateOnRejectedToken(credential),
    new AuthenticationHandler(authProvider),
    new RetryHandler(retry),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    attempts,
    new HTTPMessageHandler(),
  ];
  const client = Client.initWithMiddleware({
    baseUrl: `${base.origin}${base.pathname.replace(/\/$/, "")}/`,
    middleware,
    // The SDK compares host names without the port.
    customHosts: new Set([base.hostname]),
  });
  const absolute = (pathOrUrl: string) => (/^https:\/\//i.test(pathOrUrl) ? pathOrUrl : `${base.origin}${base.pathname.replace(/\/$/, "")}/v1.0${pathOrUrl}`);

  const get = async <T>(pathOrUrl: string): Promise<T> => {
    const probe = new CallProbe();
    try {
      return (await client.api(pathOrUrl).middlewareOptions([probe]).get()) as T;
    } catch (err) {
      throw toEntraError(err, probe.cause, absolute(pathOrUrl), options.secrets ?? []);
    }
  };

  async function* pages<T>(path: string): AsyncGenerator<T[]> {
    const followed = new Set<string>();
    let next: string | undefined = path;
    while (next !== undefined) {
      const page: { value?: unknown; "@odata.nextLink"?: unknown } = await get(next);
      if (!Array.isArray(page?.value)) {
        throw new EntraError("INCOMPLETE", `Graph answered GET ${absolute(next)} without a value array.`, { method: "GET", url: absolute(next) });
      }
      yield page.value as T[];
      const link = page["@odata.nextLink"];
      if (link === undefined || link === null) break;
      if (typeof link !== "string" || !sameOrigin(link, base)) {
        // Following it would send our token to another host.
        throw new EntraError("INCOMPLETE", `Graph returned a nextLink outside ${base.origin}; refusing to follow it.`, { method: "GET", url: absolute(next) });
      }
      if (followed.has(link)) throw new EntraError("INCOMPLETE", "Graph returned the same nextLink twice.", { method: "GET", url: link });
      followed.add(link);
      next = link;
    }
  }

  return {
    get,
    pages,
    get requests() {
      return attempts.count;
    },
  };
}

function sameOrigin(link: string, base: URL): boolean {
  try {
    return new URL(link).origin === base.origin;
  } catch {
    return false;
  }
}

export function toEntraError(err: unknown, cause: unknown, url: string, secrets: readonly (Secret | undefined)[]): EntraError {
  const redact = (text: string) => redactSecrets(text, secrets);
  const original = cause ?? err;
  const own = ownErrorInside(original);
  if (own) return own;
  const identity = identityFailure(original);
  if (identity) {
    return new EntraError("UNAUTHORIZED", redact(`Could not get a token for Microsoft Graph (${identity.credentialError}): ${identity.description}`), {
      status: identity.status,
      graphCode: identity.error,
      details: { credentialError: identity.credentialError, aadErrorCodes: identity.aadErrorCodes, correlationId: identity.correlationId },
    });
  }
  if (err instanceof GraphError && err.statusCode > 0) {
    const code = codeForStatus(err.statusCode);
    return new EntraError(code, redact(`Graph GET ${url} answered ${err.statusCode} ${err.code ?? ""}: ${err.message}`.replace(/ +:/, ":")), {
      method: "GET",
      url,
      status: err.statusCode,
      graphCode: err.code ?? undefined,
      requestId: err.requestId ?? undefined,
    });
  }
  const failure = original as Error;
  const reason =
    failure?.name === "TimeoutError" || failure?.name === "AbortError"
      ? "timed out"
      : `failed (${failure?.name ?? "error"}: ${failure?.message ?? String(failure)})`;
  return new EntraError("UNAVAILABLE", redact(`Graph GET ${url} ${reason}`), { method: "GET", url });
}
