// PrivX's SCIM Host resource (urn:ietf:params:scim:schemas:ssh:2.0:Host, seed 001) packs
// structured data into strings: `services` "SSH:22,RDP:3389", `principals`
// "developers:root=adminrole1,adminrole2:directoryrole1" (':' between entries; "name" is a role
// with directory logins, "account=role1,role2" a shared account and the roles that may use it),
// `tags` and `SSHHostPublicKeys` as comma lists. This module converts between those strings and
// the natural structures of privx:Host inputs. Everything here is pure and total: formatting
// never throws, parsing never throws and reports what it could not read as problems.
//
// Canonical form (what formatting emits and parsing returns, so a round trip compares equal):
// lists trimmed, without empties or duplicates, sorted by code unit; services sorted by name
// then port; directory roles before shared accounts; a shared account's roles merged and sorted;
// blank optional text is null.
import type { DesiredPrivxHost, PrivxService } from "./desired";
import { hostProblem, type HostProblem } from "./host-problems";

export const PRIVX_HOST_SCHEMA = "urn:ietf:params:scim:schemas:ssh:2.0:Host";

export const PRIVX_SERVICES: readonly PrivxService[] = ["SSH", "RDP", "VNC", "WEB"];

/** The privx:Host inputs: the desired host without where it was defined. */
export type PrivxHostFields = Omit<DesiredPrivxHost, "source">;
export type PrivxHostService = PrivxHostFields["services"][number];
export type PrivxSharedAccount = PrivxHostFields["sharedAccounts"][number];

export interface PrivxPrincipals {
  directoryRoles: string[];
  sharedAccounts: PrivxSharedAccount[];
}

/** A parse result: what could be read, and what could not. */
export interface Parsed<T> {
  value: T;
  problems: HostProblem[];
}

/** The Host resource on the wire. Optional attributes are omitted rather than null. */
export interface ScimHostResource {
  schemas: string[];
  id?: string;
  externalId: string;
  commonName: string;
  contactAddress: string;
  description?: string;
  userMessage?: string;
  tags?: string;
  accessGroupId?: string;
  SSHHostPublicKeys?: string;
  tofu?: boolean;
  auditEnabled?: boolean;
  services?: string;
  principals?: string;
  organization?: string;
  organizationalUnit?: string;
  zone?: string;
  hostType?: string;
  classification?: string;
}

const ENTRY_SEPARATOR = ":";
const LIST_SEPARATOR = ",";
const ACCOUNT_SEPARATOR = "=";

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique(items: readonly string[]): string[] {
  return [...new Set(items)].sort(byCodeUnit);
}

function splitTrimmed(text: string, separator: string): string[] {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

// ---- comma lists (tags, SSHHostPublicKeys) -------------------------------------------------

/** Trimmed, non-empty, unique, sorted. */
export function canonicalList(items: readonly string[]): string[] {
  return sortedUnique(items.map((item) => item.trim()).filter((item) => item !== ""));
}

export function formatCommaList(items: readonly string[]): string {
  return canonicalList(items).join(LIST_SEPARATOR);
}

export function parseCommaList(text: string | null | undefined): string[] {
  return canonicalList(splitTrimmed(text ?? "", LIST_SEPARATOR));
}

// ---- services -------------------------------------------------------------------------------

export function canonicalServices(services: readonly PrivxHostService[]): PrivxHostService[] {
  const seen = new Map<string, PrivxHostService>();
  for (const s of services) seen.set(`${s.service}:${s.port}`, { service: s.service, port: s.port });
  return [...seen.values()].sort((a, b) => byCodeUnit(a.service, b.service) || a.port - b.port);
}

export function formatServices(services: readonly PrivxHostService[]): string {
  return canonicalServices(services)
    .map((s) => `${s.service}${ENTRY_SEPARATOR}${s.port}`)
    .join(LIST_SEPARATOR);
}

function asService(name: string): PrivxService | undefined {
  const upper = name.toUpperCase();
  return PRIVX_SERVICES.find((s) => s === upper);
}

/** "SSH:22, rdp:3389" → [{RDP,3389},{SSH,22}]; unreadable entries are dropped and reported. */
export function parseServices(text: string | null | undefined, field = "services"): Parsed<PrivxHostService[]> {
  const services: PrivxHostService[] = [];
  const problems: HostProblem[] = [];
  for (const entry of splitTrimmed(text ?? "", LIST_SEPARATOR)) {
    const match = /^([^:\s]+)\s*:\s*([^:\s]+)$/.exec(entry);
    if (!match) {
      problems.push(hostProblem("MALFORMED_ENTRY", field, `service entry "${entry}" is not <service>:<port>`, entry));
      continue;
    }
    const service = asService(match[1]);
    if (!service) {
      problems.push(hostProblem("UNKNOWN_SERVICE", field, `service "${match[1]}" is not one of ${PRIVX_SERVICES.join(", ")}`, entry));
      continue;
    }
    const port = /^\d+$/.test(match[2]) ? Number(match[2]) : NaN;
    if (!isValidPort(port)) {
      problems.push(hostProblem("INVALID_PORT", field, `port "${match[2]}" is not an integer in 1..65535`, entry));
      continue;
    }
    services.push({ service, port });
  }
  return { value: canonicalServices(services), problems };
}

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

// ---- principals -----------------------------------------------------------------------------

export function canonicalPrincipals(principals: PrivxPrincipals): PrivxPrincipals {
  const rolesByAccount = new Map<string, string[]>();
  for (const { account, roles } of principals.sharedAccounts) {
    const key = account.trim();
    rolesByAccount.set(key, [...(rolesByAccount.get(key) ?? []), ...roles]);
  }
  return {
    directoryRoles: canonicalList(principals.directoryRoles),
    sharedAccounts: [...rolesByAccount.entries()].sort(([a], [b]) => byCodeUnit(a, b)).map(([account, roles]) => ({ account, roles: canonicalList(roles) })),
  };
}

/**
 * "dev:ops:root=admins,dbas". A shared account without roles has no encoding and is left out
 * (validation reports it before anything is sent).
 */
export function formatPrincipals(principals: PrivxPrincipals): string {
  const canonical = canonicalPrincipals(principals);
  const shared = canonical.sharedAccounts.filter((a) => a.roles.length > 0).map((a) => `${a.account}${ACCOUNT_SEPARATOR}${a.roles.join(LIST_SEPARATOR)}`);
  return [...canonical.directoryRoles, ...shared].join(ENTRY_SEPARATOR);
}

export function parsePrincipals(text: string | null | undefined, field = "principals"): Parsed<PrivxPrincipals> {
  const directoryRoles: string[] = [];
  const sharedAccounts: PrivxSharedAccount[] = [];
  const problems: HostProblem[] = [];
  for (const entry of splitTrimmed(text ?? "", ENTRY_SEPARATOR)) {
    const equals = entry.indexOf(ACCOUNT_SEPARATOR);
    if (equals < 0) {
      if (entry.includes(LIST_SEPARATOR)) {
        problems.push(hostProblem("MALFORMED_ENTRY", field, `principal "${entry}" holds ',' but no account: a role list needs "account=role1,role2"`, entry));
        continue;
      }
      directoryRoles.push(entry);
      continue;
    }
    const account = entry.slice(0, equals).trim();
    const rolesText = entry.slice(equals + 1);
    if (account === "" || rolesText.includes(ACCOUNT_SEPARATOR)) {
      problems.push(hostProblem("MALFORMED_ENTRY", field, `principal "${entry}" is not "account=role1,role2"`, entry));
      continue;
    }
    const roles = splitTrimmed(rolesText, LIST_SEPARATOR);
    if (roles.length === 0) {
      problems.push(hostProblem("SHARED_ACCOUNT_WITHOUT_ROLES", field, `shared account "${account}" names no role`, entry));
      continue;
    }
    sharedAccounts.push({ account, roles });
  }
  return { value: canonicalPrincipals({ directoryRoles, sharedAccounts }), problems };
}

// ---- the whole host -------------------------------------------------------------------------

const OPTIONAL_TEXT = [
  "description",
  "userMessage",
  "accessGroupId",
  "organization",
  "organizationalUnit",
  "zone",
  "hostType",
  "classification",
] as const satisfies readonly (keyof PrivxHostFields & keyof ScimHostResource)[];

const OPTIONAL_FLAGS = ["tofu", "auditEnabled"] as const satisfies readonly (keyof PrivxHostFields & keyof ScimHostResource)[];

function blankToNull(text: string | null): string | null {
  return text === null || text.trim() === "" ? null : text;
}

/** The same host in canonical form: what a round trip through PrivX gives back. */
export function canonicalHost(host: PrivxHostFields): PrivxHostFields {
  const principals = canonicalPrincipals(host);
  const out: PrivxHostFields = {
    externalId: host.externalId,
    commonName: host.commonName,
    contactAddress: host.contactAddress,
    description: blankToNull(host.description),
    userMessage: blankToNull(host.userMessage),
    tags: canonicalList(host.tags),
    accessGroupId: blankToNull(host.accessGroupId),
    sshHostPublicKeys: canonicalList(host.sshHostPublicKeys),
    tofu: host.tofu,
    auditEnabled: host.auditEnabled,
    services: canonicalServices(host.services),
    directoryRoles: principals.directoryRoles,
    sharedAccounts: principals.sharedAccounts.filter((a) => a.roles.length > 0),
    organization: blankToNull(host.organization),
    organizationalUnit: blankToNull(host.organizationalUnit),
    zone: blankToNull(host.zone),
    hostType: blankToNull(host.hostType),
    classification: blankToNull(host.classification),
  };
  return out;
}

/** The SCIM body for Create and Replace; null and empty values are omitted. */
export function hostToScim(host: PrivxHostFields): ScimHostResource {
  const h = canonicalHost(host);
  const resource: ScimHostResource = {
    schemas: [PRIVX_HOST_SCHEMA],
    externalId: h.externalId,
    commonName: h.commonName,
    contactAddress: h.contactAddress,
  };
  for (const name of OPTIONAL_TEXT) {
    const value = h[name];
    if (value !== null) resource[name] = value;
  }
  for (const name of OPTIONAL_FLAGS) {
    const value = h[name];
    if (value !== null) resource[name] = value;
  }
  if (h.tags.length) resource.tags = formatCommaList(h.tags);
  if (h.sshHostPublicKeys.length) resource.SSHHostPublicKeys = formatCommaList(h.sshHostPublicKeys);
  if (h.services.length) resource.services = formatServices(h.services);
  const principals = formatPrincipals(h);
  if (principals) resource.principals = principals;
  return resource;
}

/** Reads wire attributes by name, case-insensitively (RFC 7643 §2.1), reporting wrong types. */
class AttributeReader {
  private readonly byLowerName = new Map<string, [string, unknown]>();
  readonly problems: HostProblem[] = [];

  constructor(resource: Record<string, unknown>) {
    for (const [name, value] of Object.entries(resource)) this.byLowerName.set(name.toLowerCase(), [name, value]);
  }

  private raw(name: string): unknown {
    return this.byLowerName.get(name.toLowerCase())?.[1];
  }

  private wrongType(name: string, expected: string, value: unknown): void {
    this.problems.push(hostProblem("INVALID_TYPE", name, `${name} should be ${expected}, got ${describe(value)}`));
  }

  required(name: string): string {
    const value = this.raw(name);
    if (typeof value === "string" && value.trim() !== "") return value;
    if (value !== undefined && value !== null && typeof value !== "string") this.wrongType(name, "a string", value);
    this.problems.push(hostProblem("MISSING_REQUIRED", name, `${name} is required`));
    return typeof value === "string" ? value : "";
  }

  text(name: string): string | null {
    const value = this.raw(name);
    if (value === undefined || value === null) return null;
    if (typeof value === "string") return blankToNull(value);
    this.wrongType(name, "a string", value);
    return null;
  }

  flag(name: string): boolean | null {
    const value = this.raw(name);
    if (value === undefined || value === null) return null;
    if (typeof value === "boolean") return value;
    if (typeof value === "string") {
      const word = value.trim().toLowerCase();
      if (word === "") return null;
      if (word === "true" || word === "false") return word === "true";
    }
    this.wrongType(name, "a boolean", value);
    return null;
  }

  /** A comma list; a JSON array of strings is accepted too. */
  list(name: string): string | null {
    const value = this.raw(name);
    if (value === undefined || value === null) return null;
    if (typeof value === "string") return value;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(LIST_SEPARATOR);
    this.wrongType(name, "a comma-separated string", value);
    return null;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value;
}

/** Host fields from a Host resource as PrivX returns it; tolerant, canonical, problems reported. */
export function hostFromScim(resource: unknown): Parsed<PrivxHostFields> {
  const isObject = typeof resource === "object" && resource !== null && !Array.isArray(resource);
  const read = new AttributeReader(isObject ? (resource as Record<string, unknown>) : {});
  if (!isObject) read.problems.push(hostProblem("INVALID_TYPE", "", `a Host resource should be an object, got ${describe(resource)}`));
  const services = parseServices(read.list("services"));
  const principals = parsePrincipals(read.list("principals"));
  const host: PrivxHostFields = {
    externalId: read.required("externalId"),
    commonName: read.required("commonName"),
    contactAddress: read.required("contactAddress"),
    description: read.text("description"),
    userMessage: read.text("userMessage"),
    tags: parseCommaList(read.list("tags")),
    accessGroupId: read.text("accessGroupId"),
    sshHostPublicKeys: parseCommaList(read.list("SSHHostPublicKeys")),
    tofu: read.flag("tofu"),
    auditEnabled: read.flag("auditEnabled"),
    services: services.value,
    directoryRoles: principals.value.directoryRoles,
    sharedAccounts: principals.value.sharedAccounts,
    organization: read.text("organization"),
    organizationalUnit: read.text("organizationalUnit"),
    zone: read.text("zone"),
    hostType: read.text("hostType"),
    classification: read.text("classification"),
  };
  return { value: host, problems: [...read.problems, ...services.problems, ...principals.problems] };
}
