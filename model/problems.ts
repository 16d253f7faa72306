// Problems found in mapping files (by the loader) or between mappings and the directory (by the
// builder). Problems are data, collected rather than thrown, so one run reports all of them.

export type ProblemSeverity = "error" | "warning";

/** Stable codes: tests and callers branch on these, never on message text. */
export const ProblemCode = {
  // Files and YAML
  NO_MAPPING_FILES: "NO_MAPPING_FILES",
  FILE_UNREADABLE: "FILE_UNREADABLE",
  /** A mapping file that is not UTF-8 (UTF-16, Windows-1252, ...). */
  FILE_ENCODING: "FILE_ENCODING",
  /** A mapping file with nothing in it (a warning: removal safety stops what it would remove). */
  EMPTY_FILE: "EMPTY_FILE",
  YAML_SYNTAX: "YAML_SYNTAX",
  DUPLICATE_KEY: "DUPLICATE_KEY",
  YAML_WARNING: "YAML_WARNING",
  /** Aliases that expand past the limit (a "billion laughs" document). */
  YAML_ALIAS_LIMIT: "YAML_ALIAS_LIMIT",
  // Structure (JSON Schema)
  UNKNOWN_KEY: "UNKNOWN_KEY",
  WRONG_TYPE: "WRONG_TYPE",
  MISSING_FIELD: "MISSING_FIELD",
  INVALID_VALUE: "INVALID_VALUE",
  INVALID_NAME: "INVALID_NAME",
  /** A name with bidi-control or invisible characters, or letters of look-alike scripts mixed. */
  UNSAFE_NAME: "UNSAFE_NAME",
  NAME_TOO_LONG: "NAME_TOO_LONG",
  UNKNOWN_SERVICE: "UNKNOWN_SERVICE",
  INVALID_PORT: "INVALID_PORT",
  UNKNOWN_PERMISSION: "UNKNOWN_PERMISSION",
  // Meaning, within and across files
  DUPLICATE_NAME: "DUPLICATE_NAME",
  DUPLICATE_SETTING: "DUPLICATE_SETTING",
  DUPLICATE_HOST_EXTERNAL_ID: "DUPLICATE_HOST_EXTERNAL_ID",
  UNDEFINED_ALIAS: "UNDEFINED_ALIAS",
  UNDEFINED_APP_ROLE: "UNDEFINED_APP_ROLE",
  INVALID_ADDRESS: "INVALID_ADDRESS",
  PRIVX_SYSTEM_ROLE: "PRIVX_SYSTEM_ROLE",
  UNDEFINED_ROLE: "UNDEFINED_ROLE",
  UNUSED_ALIAS: "UNUSED_ALIAS",
  /** An account listed by name (e.g. under a role lock) that matches no user in the target's scope. */
  UNMATCHED_ACCOUNT: "UNMATCHED_ACCOUNT",
  // Mappings against the directory (builder)
  GROUP_NOT_IN_SNAPSHOT: "GROUP_NOT_IN_SNAPSHOT",
  AMBIGUOUS_GROUP: "AMBIGUOUS_GROUP",
  APPLICATION_NOT_IN_SNAPSHOT: "APPLICATION_NOT_IN_SNAPSHOT",
  /** A direct grant (`members: [{ user }]`) to a person the directory does not have. */
  USER_NOT_IN_DIRECTORY: "USER_NOT_IN_DIRECTORY",
  USERNAME_MISSING: "USERNAME_MISSING",
  /** A protected entry that names no account in the directory. */
  PROTECTED_ACCOUNT_UNKNOWN: "PROTECTED_ACCOUNT_UNKNOWN",
  /** A role-lock entry that names no account in the directory. */
  ROLE_LOCK_UNKNOWN: "ROLE_LOCK_UNKNOWN",
  USERNAME_COLLISION: "USERNAME_COLLISION",
  EXTERNAL_ID_COLLISION: "EXTERNAL_ID_COLLISION",
  SCIM_GROUP_NAME_TOO_LONG: "SCIM_GROUP_NAME_TOO_LONG",
  DUPLICATE_SCIM_GROUP_NAME: "DUPLICATE_SCIM_GROUP_NAME",
  /** A target that requires a role on every account (PAM360) would get a user with none. */
  ROLE_MISSING: "ROLE_MISSING",
  // Temporary grants and guardrails
  GRANT_TOO_LONG: "GRANT_TOO_LONG",
  UNKNOWN_GRANT: "UNKNOWN_GRANT",
  GUARDRAIL_VIOLATION: "GUARDRAIL_VIOLATION",
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

/** A place in a mapping file. line and column are 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
  /** Path of the field inside the file, e.g. `pra.groupPolicies[2].members[0]` ("" = the file). */
  field: string;
}

export interface MappingProblem extends SourcePosition {
  code: ProblemCode;
  severity: ProblemSeverity;
  message: string;
  /** Other places involved (the first definition of a duplicate, the mappings behind a collision). */
  related?: SourcePosition[];
}

export function formatPosition(p: SourcePosition): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  return p.field ? `${where} ${p.field}` : where;
}

/** "file:line:column field: message", plus one "  see file:line:column field" line per related place. */
export function formatProblem(p: MappingProblem): string {
  const head = `${formatPosition(p)}: ${p.message}`;
  if (!p.related?.length) return head;
  return [head, ...p.related.map((r) => `  see ${formatPosition(r)}`)].join("\n");
}

export function problem(
  code: ProblemCode,
  at: SourcePosition,
  message: string,
  options: { severity?: ProblemSeverity; related?: SourcePosition[] } = {},
): MappingProblem {
  const p: MappingProblem = { code, severity: options.severity ?? "error", file: at.file, line: at.line, column: at.column, field: at.field, message };
  if (options.related?.length) p.related = options.related.map((r) => ({ file: r.file, line: r.line, column: r.column, field: r.field }));
  return p;
}

/** Problems in a stable order: file, line, column, code, field. */
export function sortProblems(problems: MappingProblem[]): MappingProblem[] {
  return [...problems].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.code, b.code) ||
      compareText(a.field, b.field) ||
      compareText(a.message, b.message),
  );
}

/** Code-unit order, independent of locale: the order every sorted output in model/ uses. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Items sorted by a text key in code-unit order. Large inputs usually arrive sorted already
 * (users in object-id order), so a linear check first avoids an O(n log n) comparator sort.
 */
export function sortedByKey<T>(items: T[], key: (item: T) => string): T[] {
  let sorted = true;
  for (let i = 1; i < items.length && sorted; i++) sorted = key(items[i - 1]) <= key(items[i]);
  return sorted ? items : items.sort((a, b) => compareText(key(a), key(b)));
}

/** `pra.groupPolicies[2].members[0]` from ["pra", "groupPolicies", 2, "members", 0]. */
export function fieldPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z0-9_$-]+$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
