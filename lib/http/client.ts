// The one HTTP layer every product client is built on: base URL, auth headers, client-side rate
// limit, retries with backoff that honour Retry-After and X-RateLimit-*, one re-authentication
// after a 401, JSON/form bodies, and every failure turned into a redacted ApiError.
import type { Dispatcher } from "undici";
import type { AuthProvider } from "./auth";
import { ApiError, codeForStatus, type ApiErrorCode } from "./errors";
import { sharedPools, type PoolRegistry } from "./pools";
import { realClock, TokenBucket, type Clock, type RateLimit } from "./rate-limiter";
import { redactBody, redactUrl, scrubText } from "./redact";
import { DEFAULT_RETRY_POLICY, IDEMPOTENT_METHODS, parseRateLimitHeaders, retryDelay, type RateLimitStatus, type RetryPolicy } from "./retry";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number | boolean)[];
/** Receives one debug line per attempt; lines never hold bodies or credentials. */
export type HttpLogger = (line: string) => void;

export interface HttpClientOptions {
  /** Product name used in errors and logs ("pra", "privx-scim", ...). */
  product: string;
  /** Every relative path is appended to this; absolute URLs must share its origin. */
  baseUrl: string;
  auth?: AuthProvider;
  /** A limit for this client alone, or a bucket shared with other clients of the same account. */
  rateLimit?: RateLimit | TokenBucket;
  retry?: Partial<RetryPolicy>;
  /** Send `Connection: close` (PRA asks clients to close the connection after each call). */
  connectionClose?: boolean;
  /** Time allowed for one attempt, from sending to the whole body (default 30 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Default Accept header (default application/json). */
  accept?: string;
  logger?: HttpLogger;
  /**
   * Receives one line each time the client waits before retrying ("… answered 503; retrying in
   * 2 s …"), so a long wait is visible. Default: standard error, which a provider process
   * shares with the engine's log. Lines never hold bodies or credentials.
   */
  progress?: HttpLogger;
  /** Product-specific advice replacing the generic advice for some codes. */
  errorAdvice?: Partial<Record<ApiErrorCode, string>>;
  /** Product-specific code for an error status; undefined keeps the generic mapping. */
  classifyError?: (status: number, body: unknown) => ApiErrorCode | undefined;
  /** For tests: virtual time for backoff and rate limiting. */
  clock?: Clock;
  random?: () => number;
  pools?: PoolRegistry;
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Serialized as JSON with `contentType` (default application/json). */
  json?: unknown;
  /** Serialized as application/x-www-form-urlencoded. */
  form?: Record<string, string> | URLSearchParams;
  contentType?: string;
  headers?: Record<string, string>;
  /** Statuses that count as success (default: any 2xx). */
  expect?: readonly number[];
  /** Overrides the method's idempotency (e.g. a POST that is safe to repeat). */
  idempotent?: boolean;
  /**
   * Makes a create safe to retry. After an attempt that may have reached the server but whose
   * answer was lost (connection reset, timeout, 502/503/504), the client waits its backoff, then
   * asks this whether the object exists now. A value is returned as the request's answer (body,
   * status 200): the object is adopted instead of created twice. Undefined sends the request
   * again. Without it such a request is not retried (429 excepted: it was not processed).
   */
  findExisting?: () => Promise<unknown>;
}

export interface HttpResponse<T> {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON; undefined for an empty body. */
  body: T;
  /** The URL requested (not redacted: callers may follow it). */
  url: string;
}

export interface HttpClient {
  readonly product: string;
  readonly baseUrl: string;
  request<T = unknown>(method: HttpMethod, pathOrUrl: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  get<T = unknown>(pathOrUrl: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  post<T = unknown>(pathOrUrl: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  put<T = unknown>(pathOrUrl: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  patch<T = unknown>(pathOrUrl: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  delete<T = unknown>(pathOrUrl: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  /** The absolute URL for a path and query, as `request` would send it. */
  resolve(pathOrUrl: string, query?: Record<string, QueryValue>): URL;
  /** The last X-RateLimit-* figures the product sent, if any. */
  rateLimitStatus(): RateLimitStatus | undefined;
}

const TLS_TRUST_ERRORS = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_UNTRUSTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);
const TIMEOUT_ERRORS = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);
const PERMANENT_NETWORK_ERRORS = new Set(["ENOTFOUND", "UND_ERR_INVALID_ARG", "ERR_INVALID_URL"]);

function normaliseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function appendQuery(url: URL, query: Record<string, QueryValue> | undefined): void {
  if (!query) return;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(name, String(v));
    else url.searchParams.set(name, String(value));
  }
}

/** The product's own words from an error body, in the shapes our products use. */
export function errorDetailOf(body: unknown): { detail?: string; scimType?: string } {
  if (typeof body === "string") return { detail: body.trim().slice(0, 300) || undefined };
  if (!body || typeof body !== "object" || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  let detail = text(b.detail) ?? text(b.message) ?? text(b.error_description) ?? text(b.error_message) ?? text(b.error) ?? text(b.error_code);
  // PRA 422: {"message", "errors": {field: [messages]}}
  if (b.errors && typeof b.errors === "object" && !Array.isArray(b.errors)) {
    const fields = Object.entries(b.errors as Record<string, unknown>).map(
      ([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join("; ") : String(messages)}`,
    );
    if (fields.length) detail = `${detail ? `${detail} ` : ""}(${fields.join(", ")})`;
  }
  return { detail, scimType: text(b.scimType) };
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** "250 ms", "2 s", "3 min": waits in progress lines. */
function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new ApiError({ code: "VALIDATION", product: options.product, method: "-", url: "-", retryable: false, detail: `base URL is not a valid URL` });
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new ApiError({
      code: "VALIDATION",
      product: options.product,
      method: "-",
      url: redactUrl(base.toString()),
      retryable: false,
      detail: "base URL must be http(s)",
    });
  }
  const baseUrl = base.toString().replace(/\/+$/, "");
  const origin = base.origin;
  const product = options.product;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const limiter = options.rateLimit instanceof TokenBucket ? options.rateLimit : new TokenBucket(options.rateLimit ?? { perSecond: Infinity }, clock);
  const pools = options.pools ?? sharedPools;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const log = options.logger;
  const progress: HttpLogger = options.progress ?? ((line) => process.stderr.write(`${line}\n`));
  let lastRateLimit: RateLimitStatus | undefined;

  const secrets = (): string[] => options.auth?.secrets() ?? [];

  function resolve(pathOrUrl: string, query?: Record<string, QueryValue>): URL {
    let url: URL;
    if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl)) {
      url = new URL(pathOrUrl);
      // Credentials go only to the configured origin, whatever a Link header says.
      if (url.origin !== origin) {
        throw new ApiError({
          code: "BAD_RESPONSE",
          product,
          method: "-",
          url: redactUrl(url.toString()),
          retryable: false,
          detail: `refusing to follow a URL outside ${origin}`,
        });
      }
    } else {
      url = new URL(baseUrl + (pathOrUrl.startsWith("/") || pathOrUrl === "" ? pathOrUrl : `/${pathOrUrl}`));
    }
    appendQuery(url, query);
    return url;
  }

  function fail(facts: Omit<ConstructorParameters<typeof ApiError>[0], "product">): ApiError {
    const s = secrets();
    return new ApiError({
      ...facts,
      product,
      url: redactUrl(facts.url, s),
      body: facts.body === undefined ? undefined : redactBody(facts.body, s),
      detail: facts.detail === undefined ? undefined : scrubText(facts.detail, s),
      advice: facts.advice ?? options.errorAdvice?.[facts.code],
    });
  }

  function observeRateLimit(headers: Record<string, string>, status: number): void {
    const now = clock.now();
    const rate = parseRateLimitHeaders(headers, now);
    if (!rate) return;
    lastRateLimit = rate;
    // An exhausted window: hold later requests until it resets, unless that is unreasonably far.
    if (status < 400 && rate.remaining === 0 && rate.resetAt !== undefined && rate.resetAt - now <= policy.maxRetryAfterMs) {
      limiter.pauseUntil(rate.resetAt);
    }
  }

  async function request<T>(method: HttpMethod, pathOrUrl: string, opts: RequestOptions = {}): Promise<HttpResponse<T>> {
    const url = resolve(pathOrUrl, opts.query);
    const shownUrl = () => redactUrl(url.toString(), secrets());
    const idempotent = opts.idempotent ?? IDEMPOTENT_METHODS.has(method);
    let body: string | undefined;
    const fixedHeaders: Record<string, string> = {
      accept: options.accept ?? "application/json",
      "user-agent": options.userAgent ?? "pam-reconciler",
    };
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      fixedHeaders["content-type"] = opts.contentType ?? "application/json";
    } else if (opts.form !== undefined) {
      body = new URLSearchParams(opts.form as Record<string, string>).toString();
      fixedHeaders["content-type"] = "application/x-www-form-urlencoded";
    }
    if (options.connectionClose) fixedHeaders.connection = "close";
    for (const [name, value] of Object.entries(opts.headers ?? {})) fixedHeaders[name.toLowerCase()] = value;

    let retries = 0;
    let renewed = false;
    const began = clock.now();
    const elapsed = () => Math.max(0, clock.now() - began);
    let exhausted: { budgetMs: number; elapsedMs: number; nextWaitMs: number } | undefined;
    /** Waits before the next attempt if the budget allows it; false (and `exhausted` set) when it does not. */
    async function waitToRetry(what: string, delayMs: number): Promise<boolean> {
      const used = elapsed();
      if (retries >= policy.maxRetries) return false;
      if (used + delayMs > policy.budgetMs) {
        exhausted = { budgetMs: policy.budgetMs, elapsedMs: used, nextWaitMs: delayMs };
        return false;
      }
      retries++;
      const line = `${product} ${method} ${shownUrl()} ${what}; retrying in ${formatMs(delayMs)} (attempt ${retries + 1}, ${formatMs(used)} of the ${formatMs(policy.budgetMs)} retry budget used)`;
      log?.(line);
      progress(line);
      await clock.sleep(delayMs);
      return true;
    }
    /** For a create whose answer may be lost: the object it made, if it exists now. */
    async function alreadyDone(): Promise<HttpResponse<T> | undefined> {
      const found = await opts.findExisting!();
      if (found === undefined) return undefined;
      log?.(`${product} ${method} ${shownUrl()}: the object exists after a lost answer; adopting it instead of sending again`);
      return { status: 200, headers: {}, body: found as T, url: url.toString() };
    }
    for (;;) {
      // Credentials first: a token mint takes its own slot from a shared bucket, and callers
      // that queued behind it must not all fire at once when it arrives.
      const authHeaders = options.auth ? await options.auth.headers() : {};
      await limiter.take();
      const started = clock.now();
      let response: Dispatcher.ResponseData;
      let text: string;
      try {
        response = await pools.forOrigin(origin).request({
          method,
          path: url.pathname + url.search,
          headers: { ...fixedHeaders, ...authHeaders },
          body,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          reset: options.connectionClose === true,
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.body.text();
      } catch (err) {
        const e = err as { name?: string; code?: unknown; message?: string; cause?: { code?: string } };
        // An AbortSignal timeout is a DOMException whose numeric `code` says nothing: use its name.
        const lowCode = typeof e.code === "string" ? e.code : e.cause?.code;
        const isTimeout = e.name === "TimeoutError" || (lowCode !== undefined && TIMEOUT_ERRORS.has(lowCode));
        const tlsTrust = lowCode !== undefined && TLS_TRUST_ERRORS.has(lowCode);
        const retryable = !tlsTrust && !(lowCode !== undefined && PERMANENT_NETWORK_ERRORS.has(lowCode));
        const cause = { name: e.name ?? "Error", code: lowCode, message: scrubText(String(e.message ?? err), secrets()) };
        const canRepeat = idempotent || opts.findExisting !== undefined;
        if (retryable && canRepeat && (await waitToRetry(`-> ${lowCode ?? e.name}`, retryDelay(policy, retries, {}, clock.now(), random).delayMs))) {
          if (!idempotent) {
            const done = await alreadyDone();
            if (done) return done;
          }
          continue;
        }
        log?.(`${product} ${method} ${shownUrl()} -> ${lowCode ?? e.name}; giving up`);
        throw fail({
          code: isTimeout ? "TIMEOUT" : "NETWORK",
          method,
          url: url.toString(),
          retryable,
          cause,
          detail: cause.message,
          attempts: retries + 1,
          retryBudgetExhausted: exhausted,
          advice: tlsTrust ? "The server's certificate is not trusted: add its CA to the bundle named by config caBundle." : undefined,
        });
      }

      const status = response.statusCode;
      const headers = normaliseHeaders(response.headers);
      observeRateLimit(headers, status);
      const parsed = parseBody(text);
      const success = opts.expect ? opts.expect.includes(status) : status >= 200 && status < 300;
      log?.(`${product} ${method} ${shownUrl()} -> ${status} (${Math.max(0, clock.now() - started)} ms${retries ? `, retry ${retries}` : ""})`);

      if (success) {
        if (!parsed.ok) {
          throw fail({
            code: "BAD_RESPONSE",
            method,
            url: url.toString(),
            status,
            retryable: false,
            body: text.slice(0, 2000),
            detail: "the body is not valid JSON",
          });
        }
        return { status, headers, body: parsed.value as T, url: url.toString() };
      }

      if (status === 401 && options.auth?.renew && !renewed) {
        renewed = true;
        if (await options.auth.renew(authHeaders)) {
          log?.(`${product} ${method} ${shownUrl()} -> 401; credentials renewed, sending once more`);
          continue;
        }
      }

      const errorBody = parsed.ok ? parsed.value : text.slice(0, 2000);
      const code = options.classifyError?.(status, errorBody) ?? codeForStatus(status);
      const retryableStatus = policy.retryStatuses.includes(status);
      // 429: the server did not process the request, so any method may be sent again.
      const notProcessed = status === 429;
      if (retryableStatus && (idempotent || notProcessed || opts.findExisting !== undefined)) {
        const { delayMs } = retryDelay(policy, retries, headers, clock.now(), random);
        if (await waitToRetry(`answered ${status}`, delayMs)) {
          if (!idempotent && !notProcessed) {
            const done = await alreadyDone();
            if (done) return done;
          }
          continue;
        }
      }
      const { detail, scimType } = errorDetailOf(errorBody);
      const asked = retryDelay(policy, retries, headers, clock.now(), () => 0);
      throw fail({
        code,
        method,
        url: url.toString(),
        status,
        body: errorBody,
        retryable: retryableStatus,
        detail,
        scimType,
        retryAfterMs: asked.serverAsked ? asked.delayMs : undefined,
        attempts: retries + 1,
        retryBudgetExhausted: exhausted,
      });
    }
  }

  return {
    product,
    baseUrl,
    request,
    get: <T>(p: string, o?: RequestOptions) => request<T>("GET", p, o),
    post: <T>(p: string, o?: RequestOptions) => request<T>("POST", p, o),
    put: <T>(p: string, o?: RequestOptions) => request<T>("PUT", p, o),
    patch: <T>(p: string, o?: RequestOptions) => request<T>("PATCH", p, o),
    delete: <T>(p: string, o?: RequestOptions) => request<T>("DELETE", p, o),
    resolve,
    rateLimitStatus: () => lastRateLimit,
  };
}
