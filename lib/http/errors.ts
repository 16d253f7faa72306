// The one error type of every product client: facts as fields (code, product, method, URL,
// status, parsed body), a message made of a summary, the product's own detail and advice.
// It never holds request headers, and its URL and body are redacted before they are stored.
import { inspect } from "node:util";

export type ApiErrorCode =
  "NOT_FOUND" | "CONFLICT" | "VALIDATION" | "RATE_LIMITED" | "UNAUTHORIZED" | "FORBIDDEN" | "SERVER" | "NETWORK" | "TIMEOUT" | "BAD_RESPONSE";

export interface ApiErrorFacts {
  code: ApiErrorCode;
  product: string;
  method: string;
  /** Redacted URL (no secrets in the query). */
  url: string;
  /** HTTP status; undefined when no response arrived or the request was refused before sending. */
  status?: number;
  /** Parsed response body (JSON, or text), redacted. */
  body?: unknown;
  /** True when the same request may succeed later without any change. */
  retryable: boolean;
  /** The product's own explanation (its `message`, `detail`, `error_description` ...). */
  detail?: string;
  /** SCIM error type (RFC 7644 §3.12), e.g. "uniqueness", "invalidFilter". */
  scimType?: string;
  /** What the server asked us to wait before trying again, when it said so. */
  retryAfterMs?: number;
  /** Overrides the generic advice for the code. */
  advice?: string;
  /** Low-level cause (name and code of a network error); never carries headers. */
  cause?: { name: string; code?: string; message: string };
  /** How many times the request was sent (1 when it was not retried); undefined when nothing was sent. */
  attempts?: number;
  /**
   * Set when the client stopped retrying because the per-request retry budget
   * (RetryPolicy.budgetMs, stack config retryBudgetSeconds) was used up or could not cover the
   * wait the server asked for: the failure was transient, the outage longer than the budget.
   */
  retryBudgetExhausted?: { budgetMs: number; elapsedMs: number; nextWaitMs: number };
}

const SUMMARY: Record<ApiErrorCode, string> = {
  NOT_FOUND: "the object does not exist",
  CONFLICT: "the request conflicts with an existing object",
  VALIDATION: "the request was rejected as invalid",
  RATE_LIMITED: "the product's rate limit was exceeded",
  UNAUTHORIZED: "the credentials were rejected",
  FORBIDDEN: "the account lacks permission for this API",
  SERVER: "the product failed to handle the request",
  NETWORK: "the product could not be reached",
  TIMEOUT: "the product did not answer in time",
  BAD_RESPONSE: "the product's answer could not be understood",
};

const ADVICE: Record<ApiErrorCode, string> = {
  NOT_FOUND: "It may have been deleted outside this program; a refresh will notice.",
  CONFLICT: "An object with the same key probably exists already: adopt it, or remove the duplicate.",
  VALIDATION: "Check the values of the fields named in the detail against the product's documentation.",
  RATE_LIMITED: "Retries did not help: lower the client-side rate limit or run again later.",
  UNAUTHORIZED: "Check the client id and secret (or token) in the stack configuration and that the API account is enabled.",
  FORBIDDEN: "Grant the API account access to this API in the product's API account settings.",
  SERVER: "Try again later; if it persists, check the product's health or contact its support.",
  NETWORK: "Check the URL, DNS, firewall and proxy, and that the server's CA is trusted (config caBundle).",
  TIMEOUT: "The product may be overloaded; try again later or raise the timeout.",
  BAD_RESPONSE: "Check that the URL points at the right product and API version.",
};

export class ApiError extends Error implements ApiErrorFacts {
  readonly code: ApiErrorCode;
  readonly product: string;
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly body?: unknown;
  readonly retryable: boolean;
  readonly detail?: string;
  readonly scimType?: string;
  readonly retryAfterMs?: number;
  readonly advice: string;
  override readonly cause?: { name: string; code?: string; message: string };
  readonly attempts?: number;
  readonly retryBudgetExhausted?: { budgetMs: number; elapsedMs: number; nextWaitMs: number };

  constructor(facts: ApiErrorFacts) {
    const exhausted = facts.retryBudgetExhausted;
    const advice = exhausted
      ? `The product kept failing for longer than the retry budget: ${facts.attempts ?? "several"} attempts over ${seconds(exhausted.elapsedMs)}, the next wait (${seconds(exhausted.nextWaitMs)}) would pass the ${seconds(exhausted.budgetMs)} budget. Run again when the product has recovered, or raise pam-reconciler:retryBudgetSeconds.`
      : (facts.advice ?? ADVICE[facts.code]);
    const status = facts.status !== undefined ? ` (HTTP ${facts.status})` : "";
    const detail = facts.detail ? `: ${facts.detail}` : "";
    super(`${facts.product} ${facts.method} ${facts.url} failed${status}: ${SUMMARY[facts.code]}${detail}. ${advice}`);
    this.name = "ApiError";
    this.code = facts.code;
    this.product = facts.product;
    this.method = facts.method;
    this.url = facts.url;
    this.status = facts.status;
    this.body = facts.body;
    this.retryable = facts.retryable;
    this.detail = facts.detail;
    this.scimType = facts.scimType;
    this.retryAfterMs = facts.retryAfterMs;
    this.advice = advice;
    this.cause = facts.cause;
    this.attempts = facts.attempts;
    this.retryBudgetExhausted = exhausted;
  }

  /** The facts only: what JSON.stringify shows (reports, diagnostics). */
  toJSON(): ApiErrorFacts & { name: string; message: string } {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      product: this.product,
      method: this.method,
      url: this.url,
      status: this.status,
      body: this.body,
      retryable: this.retryable,
      detail: this.detail,
      scimType: this.scimType,
      retryAfterMs: this.retryAfterMs,
      advice: this.advice,
      cause: this.cause,
      attempts: this.attempts,
      retryBudgetExhausted: this.retryBudgetExhausted,
    };
  }

  [inspect.custom](depth: number, options: object): string {
    return `${this.stack ?? this.message}\n${inspect(this.toJSON(), { ...options, depth: Math.max(depth, 4) })}`;
  }
}

/** "1.5 s", "3 min": durations in messages. */
function seconds(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}

export function isApiError(err: unknown, code?: ApiErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

/** The code for an HTTP status the caller did not expect. */
export function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404 || status === 410) return "NOT_FOUND";
  if (status === 409 || status === 412) return "CONFLICT";
  if (status === 408) return "TIMEOUT";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "SERVER";
  if (status >= 400) return "VALIDATION";
  return "BAD_RESPONSE";
}

/**
 * "404 means gone", decided in one place: the operation's result, or undefined when the object
 * does not exist. Every other error propagates unchanged.
 */
export async function whenFound<T>(operation: Promise<T>): Promise<T | undefined> {
  try {
    return await operation;
  } catch (err) {
    if (isApiError(err, "NOT_FOUND")) return undefined;
    throw err;
  }
}

/** Deleting something already gone is success: "deleted" or "gone". */
export async function deleteIdempotently(operation: Promise<unknown>): Promise<"deleted" | "gone"> {
  return (await whenFound(operation.then(() => true))) ? "deleted" : "gone";
}

/** An error raised before any request is sent (bad configuration or input), in the same shape. */
export function clientSideError(product: string, code: ApiErrorCode, what: { method?: string; url?: string; detail: string; advice?: string }): ApiError {
  return new ApiError({
    code,
    product,
    method: what.method ?? "-",
    url: what.url ?? "-",
    retryable: false,
    detail: what.detail,
    advice: what.advice ?? ADVICE[code],
  });
}
