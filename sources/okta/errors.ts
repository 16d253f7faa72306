// Every way reading Okta can fail, as data: the same codes as the Entra source (the program
// treats both alike), the facts of the request and nothing secret.
import type { EntraErrorCode } from "../entra/errors";

export type OktaErrorCode = EntraErrorCode;

export interface OktaErrorFacts {
  method?: string;
  url?: string;
  status?: number;
  /** Okta's errorCode (e.g. E0000007) or the token endpoint's error. */
  oktaCode?: string;
  /** Okta's errorId / X-Okta-Request-Id. */
  requestId?: string;
  details?: Record<string, unknown>;
}

export class OktaError extends Error {
  override readonly name = "OktaError";
  readonly product = "Okta";
  readonly method?: string;
  readonly url?: string;
  readonly status?: number;
  readonly oktaCode?: string;
  readonly requestId?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: OktaErrorCode,
    message: string,
    facts: OktaErrorFacts = {},
  ) {
    super(message);
    Object.assign(this, facts);
  }

  toJSON(): Record<string, unknown> {
    const { name, code, product, message, method, url, status, oktaCode, requestId, details } = this;
    return { name, code, product, message, method, url, status, oktaCode, requestId, details };
  }
}

export function missingOktaSetting(key: string, why = ""): OktaError {
  return new OktaError("VALIDATION", `Missing setting ${key}: set stack config pam-reconciler:${key}${why ? ` (${why})` : ""}.`, { details: { key } });
}

export function invalidOktaSetting(key: string, problem: string): OktaError {
  return new OktaError("VALIDATION", `Invalid setting ${key}: ${problem}.`, { details: { key } });
}

/** Several resolution problems reported at once, so one run names every bad reference. */
export function combineOktaProblems(problems: readonly OktaError[]): OktaError {
  if (problems.length === 1) return problems[0];
  return new OktaError(problems[0].code, `${problems.length} directory references cannot be resolved:\n- ${problems.map((p) => p.message).join("\n- ")}`, {
    details: { problems: problems.map((p) => ({ code: p.code, message: p.message, details: p.details })) },
  });
}
