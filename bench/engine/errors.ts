// Errors the offline engine reports: a stable `code` tests and callers can rely on, plus the facts
// (stack, URN, file) that explain it. Messages never carry secret values.

export type EngineErrorCode =
  | "VALIDATION" // bad command line, project file or stack config
  | "NOT_FOUND" // a project, config file or stack output that does not exist
  | "LOCKED" // another live run holds the stack lock
  | "LOCK_STALE" // a lock left behind by a process that no longer runs
  | "PASSPHRASE_REQUIRED" // secrets need PULUMI_CONFIG_PASSPHRASE(_FILE)
  | "BAD_PASSPHRASE" // the passphrase does not open this stack's secrets
  | "STATE" // unreadable or inconsistent state file
  | "PROTECTED" // a protected resource would be deleted or replaced
  | "CHECK_FAILED" // the provider rejected the inputs
  | "PROVIDER" // a provider operation failed
  | "PROGRAM" // the Pulumi program failed
  | "UNEXPECTED_CHANGES" // --expect-no-changes saw changes (exit code 7)
  | "INTERNAL";

export interface EngineErrorFacts {
  urn?: string;
  stack?: string;
  file?: string;
}

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly facts: EngineErrorFacts;

  constructor(code: EngineErrorCode, message: string, facts: EngineErrorFacts = {}) {
    super(message);
    this.name = "EngineError";
    this.code = code;
    this.facts = facts;
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}

/** Any thrown value as an EngineError (unknown failures become INTERNAL). */
export function asEngineError(e: unknown, fallback: EngineErrorCode = "INTERNAL"): EngineError {
  if (isEngineError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new EngineError(fallback, message);
}
