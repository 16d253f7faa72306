// The Okta Management API over our one HTTP layer (lib/http): auth, retries that honour
// X-Rate-Limit-Reset, pacing when X-Rate-Limit-Remaining reaches 0, paging by the Link
// rel="next" header, and every failure turned into an OktaError.
import { ApiError, createHttpClient, findLink, parseLinkHeader, type Clock, type HttpClient, type QueryValue, type RetryPolicy } from "../../lib/http";
import type { OktaErrorCode } from "./errors";
import { OktaError } from "./errors";
import { oktaAuthProvider } from "./auth";
import type { OktaSettings } from "./settings";

export interface OktaClientOptions {
  /** For tests: virtual time for pacing and backoff. */
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  /** Receives one line per wait before a retry (default: standard error). */
  progress?: (line: string) => void;
}

export interface OktaReader {
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  /** Every page of a list, following `Link: <…>; rel="next"` until there is none. */
  pages<T>(path: string, query?: Record<string, QueryValue>): AsyncGenerator<T[]>;
  /** Requests sent so far (first attempts, retries not counted). */
  readonly requests: number;
}

const CODE: Partial<Record<ApiError["code"], OktaErrorCode>> = {
  NOT_FOUND: "NOT_FOUND",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  RATE_LIMITED: "RATE_LIMITED",
  SERVER: "UNAVAILABLE",
  NETWORK: "UNAVAILABLE",
  TIMEOUT: "UNAVAILABLE",
  BAD_RESPONSE: "INCOMPLETE",
};

export function createOktaReader(settings: OktaSettings, options: OktaClientOptions = {}): OktaReader {
  const transport = { clock: options.clock, retry: options.retry, progress: options.progress };
  const http: HttpClient = createHttpClient({
    ...transport,
    product: "okta",
    baseUrl: settings.orgUrl,
    auth: oktaAuthProvider(settings, transport),
    errorAdvice: {
      UNAUTHORIZED:
        settings.auth === "ssws"
          ? "Okta refused the API token: check oktaApiToken and that its admin is still active."
          : "Okta refused the client assertion or token: check oktaClientId, that the app's public key matches oktaPrivateKey (and oktaKeyId), and that the app uses private_key_jwt.",
      FORBIDDEN: "Grant the app the scopes okta.groups.read, okta.users.read and okta.apps.read (Okta API Scopes tab) and a read-only admin role.",
    },
  });
  let requests = 0;

  const send = async <T>(pathOrUrl: string, query?: Record<string, QueryValue>) => {
    requests += 1;
    try {
      return await http.get<T>(pathOrUrl, { query });
    } catch (err) {
      throw toOktaError(err);
    }
  };

  async function* pages<T>(path: string, query?: Record<string, QueryValue>): AsyncGenerator<T[]> {
    const followed = new Set<string>();
    let next: { url: string; query?: Record<string, QueryValue> } | undefined = { url: path, query };
    while (next) {
      const page = await send<unknown>(next.url, next.query);
      if (!Array.isArray(page.body)) {
        throw new OktaError("INCOMPLETE", `Okta answered GET ${page.url} without a list.`, { method: "GET", url: page.url, status: page.status });
      }
      yield page.body as T[];
      const link = findLink(parseLinkHeader(page.headers.link, page.url), "next");
      if (!link) break;
      // The cursor is Okta's own (an opaque `after`); a loop would never end.
      if (followed.has(link)) throw new OktaError("INCOMPLETE", "Okta returned the same next link twice.", { method: "GET", url: link });
      followed.add(link);
      next = { url: link };
    }
  }

  return {
    get: async <T>(path: string, query?: Record<string, QueryValue>) => (await send<T>(path, query)).body,
    pages,
    get requests() {
      return requests;
    },
  };
}

function toOktaError(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const body = err.body && typeof err.body === "object" ? (err.body as { errorCode?: unknown; errorId?: unknown; error?: unknown }) : {};
  const oktaCode = typeof body.errorCode === "string" ? body.errorCode : typeof body.error === "string" ? body.error : undefined;
  const requestId = typeof body.errorId === "string" ? body.errorId : undefined;
  const code: OktaErrorCode = CODE[err.code] ?? "GRAPH_ERROR";
  // err.message is already redacted by the HTTP layer.
  return new OktaError(code, err.message, { method: err.method, url: err.url, status: err.status, oktaCode, requestId });
}
