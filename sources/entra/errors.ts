// Every way reading the directory can fail, as data: a code the program can act on, the facts
// (method, URL, status, Graph's error code and request id) and nothing secret.

export type EntraErrorCode =
  /** A setting is missing or malformed. */
  | "VALIDATION"
  /** No token (bad secret, unknown client, expired assertion) or Graph refused the token. */
  | "UNAUTHORIZED"
  /** Authenticated but not allowed (missing Graph application permission). */
  | "FORBIDDEN"
  /** A referenced group, application or principal does not exist. */
  | "NOT_FOUND"
  /** A display name matches more than one group (or application). */
  | "AMBIGUOUS"
  /** Still throttled after the retries. */
  | "RATE_LIMITED"
  /** Graph kept failing (5xx) or did not answer (network, timeout) after the retries. */
  | "UNAVAILABLE"
  /** Graph answered something that cannot be a complete read (malformed page, foreign nextLink). */
  | "INCOMPLETE"
  /** Any other Graph error (400 for a bad query, ...). */
  | "GRAPH_ERROR";

export interface EntraErrorFacts {
  method?: string;
  url?: string;
  status?: number;
  /** Graph's error.code (e.g. Request_ResourceNotFound) or the identity platform's error. */
  graphCode?: string;
  requestId?: string;
  /** Extra facts: the reference that failed, what a name matched, AADSTS codes, ... */
  details?: Record<string, unknown>;
}

export class EntraError extends Error {
  override readonly name = "EntraError";
  readonly product = "Microsoft Entra ID";
  readonly method?: string;
  readonly url?: string;
  readonly status?: number;
  readonly graphCode?: string;
  readonly requestId?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: EntraErrorCode,
    message: string,
    facts: EntraErrorFacts = {},
  ) {
    super(message);
    Object.assign(this, facts);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      product: this.product,
      message: this.message,
      method: this.method,
      url: this.url,
      status: this.status,
      graphCode: this.graphCode,
      requestId: this.requestId,
      details: this.details,
    };
  }
}

/** The setting named in config terms, so the message says what to set. */
export function missingSetting(key: string, environmentVariables: readonly string[], why = ""): EntraError {
  const env = environmentVariables.length ? ` or environment variable ${environmentVariables.join(" / ")}` : "";
  return new EntraError("VALIDATION", `Missing setting ${key}: set stack config pam-reconciler:${key}${env}${why ? ` (${why})` : ""}.`, {
    details: { key },
  });
}

export function invalidSetting(key: string, problem: string): EntraError {
  return new EntraError("VALIDATION", `Invalid setting ${key}: ${problem}.`, { details: { key } });
}

/** The error code a Graph HTTP status stands for. */
export function codeForStatus(status: number): EntraErrorCode {
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500 || status <= 0) return "UNAVAILABLE";
  return "GRAPH_ERROR";
}
