// What a privx:Host must satisfy before it is sent: PrivX's service list and port range, names
// that the packed SCIM strings can carry (see host-format.ts), and no system roles. Each helper
// returns every problem it finds (empty when the input is fine), so one run reports them all.
import { isValidPort, PRIVX_SERVICES, type PrivxHostFields, type PrivxHostService, type PrivxPrincipals } from "./host-format";
import { hostProblem, type HostProblem } from "./host-problems";
import { hasPrivxBuiltInPrefix, isPrivxSystemRole, PRIVX_SYSTEM_ROLES } from "./facts";

export interface HostValidationOptions {
  /** Roles PrivX refuses on SCIM hosts; defaults to PRIVX_SYSTEM_ROLES. */
  systemRoles?: readonly string[];
}

/** Separators a name of each kind may not contain, from the wire format. */
const FORBIDDEN = {
  /** A role appears as a ':' entry and in a ',' list after '='. */
  role: [":", ",", "="],
  /** An account is the part of an entry before the first '='. */
  account: [":", "="],
  /** Tags and host keys are ',' lists. */
  listItem: [","],
} as const;

function nameProblems(name: string, field: string, what: string, forbidden: readonly string[]): HostProblem[] {
  if (name.trim() === "") return [hostProblem("EMPTY_NAME", field, `${what} is empty`, name)];
  const problems: HostProblem[] = [];
  if (name !== name.trim()) {
    problems.push(hostProblem("SURROUNDING_WHITESPACE", field, `${what} "${name}" has leading or trailing blanks`, name));
  }
  const found = forbidden.filter((ch) => name.includes(ch));
  if (found.length) {
    problems.push(
      hostProblem(
        "UNENCODABLE_NAME",
        field,
        `${what} "${name}" contains ${found.map((c) => `'${c}'`).join(", ")}, which PrivX's SCIM format uses as a separator`,
        name,
      ),
    );
  }
  return problems;
}

function roleProblems(role: string, field: string, systemRoles: readonly string[]): HostProblem[] {
  const problems = nameProblems(role, field, "role name", FORBIDDEN.role);
  if (isPrivxSystemRole(role, systemRoles)) {
    problems.push(hostProblem("SYSTEM_ROLE", field, `"${role}" is a PrivX system role, which a SCIM host may not use: create a dedicated role instead`, role));
  } else if (hasPrivxBuiltInPrefix(role)) {
    problems.push(hostProblem("RESERVED_ROLE_PREFIX", field, `"${role}" starts with "privx-", PrivX's prefix for its own roles`, role, "warning"));
  }
  return problems;
}

export function validateServices(services: readonly PrivxHostService[], field = "services"): HostProblem[] {
  const problems: HostProblem[] = [];
  services.forEach(({ service, port }, i) => {
    if (!PRIVX_SERVICES.includes(service)) {
      problems.push(
        hostProblem("UNKNOWN_SERVICE", `${field}[${i}].service`, `service "${String(service)}" is not one of ${PRIVX_SERVICES.join(", ")}`, String(service)),
      );
    }
    if (!isValidPort(port)) {
      problems.push(hostProblem("INVALID_PORT", `${field}[${i}].port`, `port ${String(port)} is not an integer in 1..65535`, String(port)));
    }
  });
  return problems;
}

export function validatePrincipals(principals: PrivxPrincipals, options: HostValidationOptions = {}): HostProblem[] {
  const systemRoles = options.systemRoles ?? PRIVX_SYSTEM_ROLES;
  const problems: HostProblem[] = [];
  principals.directoryRoles.forEach((role, i) => problems.push(...roleProblems(role, `directoryRoles[${i}]`, systemRoles)));
  principals.sharedAccounts.forEach(({ account, roles }, i) => {
    problems.push(...nameProblems(account, `sharedAccounts[${i}].account`, "shared account", FORBIDDEN.account));
    if (roles.length === 0) {
      problems.push(hostProblem("SHARED_ACCOUNT_WITHOUT_ROLES", `sharedAccounts[${i}].roles`, `shared account "${account}" names no role`, account));
    }
    roles.forEach((role, j) => problems.push(...roleProblems(role, `sharedAccounts[${i}].roles[${j}]`, systemRoles)));
  });
  return problems;
}

export function validateTags(tags: readonly string[], field = "tags"): HostProblem[] {
  return tags.flatMap((tag, i) => nameProblems(tag, `${field}[${i}]`, "tag", FORBIDDEN.listItem));
}

export function validateHostPublicKeys(keys: readonly string[], field = "sshHostPublicKeys"): HostProblem[] {
  return keys.flatMap((key, i) => nameProblems(key, `${field}[${i}]`, "SSH host public key", FORBIDDEN.listItem));
}

const REQUIRED = ["externalId", "commonName", "contactAddress"] as const;

/** Every problem of a host: required fields, services, principals, tags and host keys. */
export function validateHost(host: PrivxHostFields, options: HostValidationOptions = {}): HostProblem[] {
  const missing = REQUIRED.filter((name) => host[name].trim() === "").map((name) => hostProblem("MISSING_REQUIRED", name, `${name} is required`));
  return [
    ...missing,
    ...validateServices(host.services),
    ...validatePrincipals(host, options),
    ...validateTags(host.tags),
    ...validateHostPublicKeys(host.sshHostPublicKeys),
  ];
}

/** True when no problem is an error (warnings allowed). */
export function hasNoErrors(problems: readonly HostProblem[]): boolean {
  return problems.every((p) => p.severity !== "error");
}
