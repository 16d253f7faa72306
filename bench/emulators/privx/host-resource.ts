// PrivX SCIM Host (custom schema urn:ietf:params:scim:schemas:ssh:2.0:Host, seed 001):
// externalId (unique), commonName and contactAddress required; everything else an optional
// string (lists packed into strings) or boolean. Hosts may not use system roles such as
// privx-admin. This reads the packed strings with its own small parser on purpose, so the
// emulator does not share a bug with the client's formatter.
import { invalidValue } from "./scim-error";
import {
  definedOnly,
  documentedAttributes,
  optionalBoolean,
  optionalString,
  requiredString,
  requireSchema,
  type Attributes,
  type ScimMeta,
} from "./scim-attributes";

export const SCIM_HOST_SCHEMA = "urn:ietf:params:scim:schemas:ssh:2.0:Host";

const TEXT = [
  "description",
  "userMessage",
  "tags",
  "accessGroupId",
  "SSHHostPublicKeys",
  "services",
  "principals",
  "organization",
  "organizationalUnit",
  "zone",
  "hostType",
  "classification",
] as const;
const FLAGS = ["tofu", "auditEnabled"] as const;
const DOCUMENTED = ["externalId", "commonName", "contactAddress", ...TEXT, ...FLAGS] as const;

export interface PrivxScimHostAttributes {
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

export interface PrivxScimHost extends PrivxScimHostAttributes {
  schemas: string[];
  id: string;
  meta: ScimMeta;
}

const SERVICE_ENTRY = /^(SSH|RDP|WEB|VNC)\s*:\s*(\d{1,5})$/i;

function checkServices(services: string): void {
  for (const entry of services
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = SERVICE_ENTRY.exec(entry);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) {
      throw invalidValue(`services entry "${entry}" must be <SSH|RDP|WEB|VNC>:<port 1-65535>`);
    }
  }
}

/** Every role a principals string names, directory-login and shared-account alike. */
function rolesIn(principals: string): string[] {
  const roles: string[] = [];
  for (const entry of principals
    .split(":")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const equals = entry.indexOf("=");
    if (equals < 0) {
      roles.push(entry);
      continue;
    }
    const account = entry.slice(0, equals).trim();
    const shared = entry
      .slice(equals + 1)
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean);
    if (!account || shared.length === 0) throw invalidValue(`principals entry "${entry}" must be <role> or <account>=<role>,<role>`);
    roles.push(...shared);
  }
  return roles;
}

function checkPrincipals(principals: string, systemRoles: readonly string[]): void {
  const system = new Set(systemRoles.map((r) => r.toLowerCase()));
  const refused = rolesIn(principals).filter((role) => system.has(role.toLowerCase()));
  if (refused.length) {
    throw invalidValue(`Host cannot be assigned system roles via SCIM: ${[...new Set(refused)].join(", ")}; create a dedicated role instead`);
  }
}

/** The host attributes of a Create or Replace body; throws ScimRequestError when invalid. */
export function readHost(body: Attributes, systemRoles: readonly string[]): PrivxScimHostAttributes {
  requireSchema(body, SCIM_HOST_SCHEMA);
  const attrs = documentedAttributes(body, DOCUMENTED);
  const host: PrivxScimHostAttributes = {
    externalId: requiredString(attrs, "externalId"),
    commonName: requiredString(attrs, "commonName"),
    contactAddress: requiredString(attrs, "contactAddress"),
  };
  for (const name of TEXT) host[name] = optionalString(attrs, name);
  for (const name of FLAGS) host[name] = optionalBoolean(attrs, name);
  if (host.services) checkServices(host.services);
  if (host.principals) checkPrincipals(host.principals, systemRoles);
  return definedOnly(host);
}
