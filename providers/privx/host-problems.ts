// Problems found in a PrivX host, as data: the model reports them with file and line, the
// provider turns read-side ones into diagnostics. Tests assert on `code`, never on `message`.

export type HostProblemCode =
  /** externalId, commonName or contactAddress is missing or blank. */
  | "MISSING_REQUIRED"
  /** A service other than SSH, RDP, VNC or WEB. */
  | "UNKNOWN_SERVICE"
  /** A port that is not an integer in 1..65535. */
  | "INVALID_PORT"
  /** A name holding a character the wire format uses as a separator (',' ':' '='). */
  | "UNENCODABLE_NAME"
  /** An empty or blank name, tag or key. */
  | "EMPTY_NAME"
  /** Leading or trailing blanks: trimmed on the way back, so it would never compare equal. */
  | "SURROUNDING_WHITESPACE"
  /** A PrivX system role (privx-admin, ...): PrivX refuses it on SCIM hosts. */
  | "SYSTEM_ROLE"
  /** A `privx-` role that is not a known system role (warning). */
  | "RESERVED_ROLE_PREFIX"
  /** A shared account ("root=") that names no role. */
  | "SHARED_ACCOUNT_WITHOUT_ROLES"
  /** Wire text that does not follow the format (read side); the entry is dropped. */
  | "MALFORMED_ENTRY"
  /** A wire attribute of the wrong JSON type (read side); the attribute is ignored. */
  | "INVALID_TYPE";

export type HostProblemSeverity = "error" | "warning";

export interface HostProblem {
  code: HostProblemCode;
  severity: HostProblemSeverity;
  /** Where: a path into the host fields ("services[1].port", "sharedAccounts[0].roles[2]") or a wire attribute name. */
  field: string;
  /** The offending value, when there is one worth showing. */
  value?: string;
  message: string;
}

export function hostProblem(code: HostProblemCode, field: string, message: string, value?: string, severity: HostProblemSeverity = "error"): HostProblem {
  return value === undefined ? { code, severity, field, message } : { code, severity, field, value, message };
}
