// PrivX's section of the mapping files (`privx:`): its schema, how one file's section is read
// (roles and the host inventory), and how every file's sections merge into PrivX's mappings.
import {
  attributeRule,
  commaFree,
  compareText,
  duplicates,
  GUID,
  leavers,
  maxGrantDays,
  memberSources,
  optionalFlag,
  optionalText,
  problem,
  ProblemCode,
  read,
  text,
  type At,
  type AttributeRule,
  type LeaverPolicy,
  type MemberSource,
  type MergeContext,
  type Path,
  type Schema,
  type SectionReader,
  type SourcePosition,
  type MappingProblem,
} from "../../model/target-kit";
import type { DesiredPrivxHost, PrivxService } from "./desired";
import { hasPrivxBuiltInPrefix, privxBuiltInPrefixPattern, privxServices } from "./facts";
import { isValidHostAddress } from "./host-address";

export interface PrivxRoleMapping {
  name: string;
  members: MemberSource[];
  /** The longest temporary grant a member source may get, in days; null = no limit. */
  maxGrantDays: number | null;
  maxGrantDaysAt: SourcePosition;
  at: SourcePosition;
}

export interface PrivxMappings {
  userName: AttributeRule;
  /** Sent as SCIM externalId; must equal the OIDC `sub` PrivX receives. */
  externalId: AttributeRule;
  leavers: LeaverPolicy;
  /** Sorted by name. */
  roles: PrivxRoleMapping[];
  /** Sorted by externalId. */
  hosts: DesiredPrivxHost[];
  at: SourcePosition;
}

export interface RoleReference {
  role: string;
  at: SourcePosition;
}

export interface HostEntry {
  host: DesiredPrivxHost;
  externalIdAt: SourcePosition;
  commonNameAt: SourcePosition;
  contactAddressAt: SourcePosition;
  roleReferences: RoleReference[];
}

/** One file's `privx:` section. */
export interface PrivxSection {
  roles: PrivxRoleMapping[];
  hosts: HostEntry[];
}

/** PrivX principals are written "account=role1,role2:role3": role names cannot hold those separators. */
const privxRoleNamePattern = "^[^:,=\\s]([^:,=]*[^:,=\\s])?$";
const privxAccountPattern = "^[^:,=\\s]+$";
const systemRolePattern = privxBuiltInPrefixPattern;

const privxRoleName = (description: string): Schema =>
  text(description, {
    pattern: privxRoleNamePattern,
    "x-problem-codes": { pattern: "INVALID_NAME" },
  });

const hostRoleName: Schema = {
  ...privxRoleName("PrivX role name without ':', ',' or '=' (not a system role such as privx-admin)."),
  not: { pattern: systemRolePattern },
  "x-problem-codes": { pattern: "INVALID_NAME", not: "PRIVX_SYSTEM_ROLE" },
  "x-problem-messages": { not: "is a PrivX system role: hosts may not grant system roles (create a dedicated role)" },
};

const port: Schema = { type: "integer", minimum: 1, maximum: 65535, "x-problem-codes": { minimum: "INVALID_PORT", maximum: "INVALID_PORT" } };

const host: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["externalId", "commonName", "contactAddress"],
  properties: {
    externalId: text("Unique, stable id of the host in the PrivX SCIM directory (the key: changing it replaces the host)."),
    commonName: text("Host name shown to users."),
    contactAddress: text("Connection address: DNS name, IPv4 or IPv6 address."),
    description: optionalText("Description visible to PrivX administrators."),
    userMessage: optionalText("Description visible to end users."),
    tags: {
      type: "array",
      description: "Host tags (e.g. env=prod).",
      items: text("A tag (no commas).", { pattern: commaFree, "x-problem-codes": { pattern: "INVALID_VALUE" } }),
    },
    accessGroupId: optionalText("PrivX access group id; omitted or null = the default access group.", {
      pattern: GUID,
      "x-problem-codes": { pattern: "INVALID_VALUE" },
    }),
    sshHostPublicKeys: {
      type: "array",
      description: 'Known SSH host public keys, each "<type> <base64>" (e.g. ssh-ed25519 AAAA...).',
      items: text("An SSH public key.", { pattern: "^[A-Za-z0-9@._-]+ [A-Za-z0-9+/=]+( [^,]*)?$", "x-problem-codes": { pattern: "INVALID_VALUE" } }),
    },
    tofu: optionalFlag("Trust on first use: any user may accept a missing or changed host key once."),
    auditEnabled: optionalFlag("Record sessions to this host."),
    services: {
      description: "Enabled services: a list of {service, port} or a map like {SSH: 22}.",
      oneOf: [
        {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["service", "port"],
            properties: {
              service: { type: "string", enum: [...privxServices], "x-problem-codes": { enum: "UNKNOWN_SERVICE" } },
              port,
            },
          },
        },
        {
          type: "object",
          additionalProperties: false,
          properties: Object.fromEntries(privxServices.map((s) => [s, port])),
          "x-problem-codes": { additionalProperties: "UNKNOWN_SERVICE" },
        },
      ],
    },
    principals: {
      type: "object",
      additionalProperties: false,
      description: "Who may log in: roles with their own directory account, and shared accounts with the roles that may use them.",
      properties: {
        directoryRoles: { type: "array", description: "Roles whose members log in with their own account.", items: hostRoleName },
        sharedAccounts: {
          description: "Shared accounts: a list of {account, roles} or a map like {root: [dba]}.",
          oneOf: [
            {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                required: ["account", "roles"],
                properties: {
                  account: text("Account name on the host, without ':', ',', '=' or spaces.", {
                    pattern: privxAccountPattern,
                    "x-problem-codes": { pattern: "INVALID_NAME" },
                  }),
                  roles: { type: "array", items: hostRoleName },
                },
              },
            },
            {
              type: "object",
              propertyNames: { pattern: privxAccountPattern },
              additionalProperties: { type: "array", items: hostRoleName },
              "x-problem-codes": { propertyNames: "INVALID_NAME" },
            },
          ],
        },
      },
    },
    organization: optionalText("Customer-specific organization."),
    organizationalUnit: optionalText("Customer-specific organizational unit."),
    zone: optionalText("Customer-specific zone."),
    hostType: optionalText("Customer-specific host type."),
    classification: optionalText("Customer-specific classification."),
  },
};

export const privxSectionSchema: Schema = {
  type: "object",
  additionalProperties: false,
  description: "SSH PrivX (SCIM directory).",
  properties: {
    userName: attributeRule("PrivX username", "userPrincipalName"),
    externalId: attributeRule("PrivX externalId, which must equal the OIDC sub PrivX receives", "id (the Entra object id)"),
    leavers,
    roles: {
      type: "array",
      description: "PrivX roles: a user's SCIM `groups` lists the roles whose member sources contain the user.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: { name: privxRoleName("PrivX role name without ':', ',' or '='."), members: memberSources, maxGrantDays },
      },
    },
    hosts: { type: "array", description: "Host inventory pushed through PrivX's SCIM Host resource.", items: host },
  },
};

export function readPrivxSection(section: Record<string, unknown>, reader: SectionReader): PrivxSection {
  reader.setting("userName", section.userName);
  reader.setting("externalId", section.externalId);
  reader.setting("leavers", section.leavers);
  return { roles: readRoles(section.roles, reader.at, reader.problems), hosts: readHosts(section.hosts, reader.at) };
}

export function mergePrivxSections(sections: readonly PrivxSection[], context: MergeContext): PrivxMappings {
  const { errors, warnings } = context;
  const roles = sections.flatMap((s) => s.roles);
  errors.push(
    ...duplicates(
      roles,
      (r) => r.name.toLowerCase(),
      (r) => r.at,
      "PrivX role",
      ProblemCode.DUPLICATE_NAME,
      (r) => r.name,
    ),
  );
  for (const role of roles) {
    if (hasPrivxBuiltInPrefix(role.name)) {
      warnings.push(
        problem(
          ProblemCode.PRIVX_SYSTEM_ROLE,
          role.at,
          `"${role.name}" is a PrivX system role: granting it through directory groups gives PrivX administration rights`,
          { severity: "warning" },
        ),
      );
    }
  }
  const hosts = sections.flatMap((s) => s.hosts);
  errors.push(
    ...duplicates(
      hosts,
      (h) => h.host.externalId,
      (h) => h.externalIdAt,
      "host externalId",
      ProblemCode.DUPLICATE_HOST_EXTERNAL_ID,
    ),
  );
  errors.push(
    ...duplicates(
      hosts,
      (h) => h.host.commonName.toLowerCase(),
      (h) => h.commonNameAt,
      "host commonName",
      ProblemCode.DUPLICATE_NAME,
      (h) => h.host.commonName,
    ),
  );
  for (const h of hosts) {
    if (!isValidHostAddress(h.host.contactAddress)) {
      errors.push(problem(ProblemCode.INVALID_ADDRESS, h.contactAddressAt, `"${h.host.contactAddress}" is not a host name, IPv4 or IPv6 address`));
    }
  }
  if (context.checkReferences) {
    const definedRoles = new Set(roles.map((r) => r.name));
    for (const ref of hosts.flatMap((h) => h.roleReferences)) {
      if (!definedRoles.has(ref.role) && !hasPrivxBuiltInPrefix(ref.role)) {
        warnings.push(
          problem(ProblemCode.UNDEFINED_ROLE, ref.at, `role "${ref.role}" is not defined under privx.roles: no mapped user will hold it`, {
            severity: "warning",
          }),
        );
      }
    }
  }
  return {
    userName: context.rule("userName", "userPrincipalName"),
    externalId: context.rule("externalId", "id"),
    leavers: context.leavers(),
    roles: roles.map((r) => ({ ...r, members: r.members.map(context.memberSource) })).sort((a, b) => compareText(a.name, b.name)),
    hosts: hosts.map((h) => h.host).sort((a, b) => compareText(a.externalId, b.externalId)),
    at: context.at,
  };
}

function readRoles(value: unknown, at: At, problems: MappingProblem[]): PrivxRoleMapping[] {
  const out: PrivxRoleMapping[] = [];
  read.list(value).forEach((entry, i) => {
    const base = ["privx", "roles", i];
    if (!read.isDict(entry) || read.text(entry.name) === null) return;
    out.push({
      name: entry.name as string,
      members: read.readMembers(entry.members, [...base, "members"], at, problems),
      maxGrantDays: typeof entry.maxGrantDays === "number" && Number.isInteger(entry.maxGrantDays) ? entry.maxGrantDays : null,
      maxGrantDaysAt: at(entry.maxGrantDays === undefined ? [...base, "name"] : [...base, "maxGrantDays"]),
      at: at([...base, "name"]),
    });
  });
  return out;
}

function readHosts(value: unknown, at: At): HostEntry[] {
  const out: HostEntry[] = [];
  read.list(value).forEach((entry, i) => {
    const base = ["privx", "hosts", i];
    if (!read.isDict(entry)) return;
    const externalId = read.text(entry.externalId);
    const commonName = read.text(entry.commonName);
    const contactAddress = read.text(entry.contactAddress);
    if (externalId === null || commonName === null || contactAddress === null) return;
    const roleReferences: RoleReference[] = [];
    const principals = read.isDict(entry.principals) ? entry.principals : {};
    const directoryRoles = read.strings(principals.directoryRoles);
    read.list(principals.directoryRoles).forEach((role, j) => {
      if (typeof role === "string") roleReferences.push({ role, at: at([...base, "principals", "directoryRoles", j]) });
    });
    const sharedAccounts = readSharedAccounts(principals.sharedAccounts, [...base, "principals", "sharedAccounts"], at, roleReferences);
    const entryAt = at(base);
    out.push({
      host: {
        externalId,
        commonName,
        contactAddress,
        description: read.optionalText(entry.description),
        userMessage: read.optionalText(entry.userMessage),
        tags: read.sortedUnique(read.strings(entry.tags)),
        accessGroupId: read.text(entry.accessGroupId),
        sshHostPublicKeys: read.sortedUnique(read.strings(entry.sshHostPublicKeys)),
        tofu: read.optionalFlag(entry.tofu),
        auditEnabled: read.optionalFlag(entry.auditEnabled),
        services: readServices(entry.services),
        directoryRoles: read.sortedUnique(directoryRoles),
        sharedAccounts,
        organization: read.optionalText(entry.organization),
        organizationalUnit: read.optionalText(entry.organizationalUnit),
        zone: read.optionalText(entry.zone),
        hostType: read.optionalText(entry.hostType),
        classification: read.optionalText(entry.classification),
        source: { file: entryAt.file, line: entryAt.line },
      },
      externalIdAt: at([...base, "externalId"]),
      commonNameAt: at([...base, "commonName"]),
      contactAddressAt: at([...base, "contactAddress"]),
      roleReferences,
    });
  });
  return out;
}

const isService = (v: unknown): v is PrivxService => typeof v === "string" && (privxServices as readonly string[]).includes(v);
const isPort = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 65535;

function readServices(value: unknown): DesiredPrivxHost["services"] {
  const pairs: [unknown, unknown][] = Array.isArray(value)
    ? value.filter(read.isDict).map((s) => [s.service, s.port])
    : read.isDict(value)
      ? Object.entries(value)
      : [];
  const services = pairs.filter((p): p is [PrivxService, number] => isService(p[0]) && isPort(p[1])).map(([service, port]) => ({ service, port }));
  const unique = new Map(services.map((s) => [`${s.service}:${s.port}`, s]));
  return [...unique.values()].sort((a, b) => compareText(a.service, b.service) || a.port - b.port);
}

function readSharedAccounts(value: unknown, base: Path, at: At, references: RoleReference[]): DesiredPrivxHost["sharedAccounts"] {
  const entries: { account: unknown; roles: unknown; rolesPath: Path }[] = Array.isArray(value)
    ? value.map((s, i) =>
        read.isDict(s) ? { account: s.account, roles: s.roles, rolesPath: [...base, i, "roles"] } : { account: null, roles: null, rolesPath: [] },
      )
    : read.isDict(value)
      ? Object.entries(value).map(([account, roles]) => ({ account, roles, rolesPath: [...base, account] }))
      : [];
  const byAccount = new Map<string, string[]>();
  for (const { account, roles, rolesPath } of entries) {
    if (typeof account !== "string" || account.length === 0) continue;
    read.list(roles).forEach((role, j) => {
      if (typeof role === "string") references.push({ role, at: at([...rolesPath, j]) });
    });
    byAccount.set(account, [...(byAccount.get(account) ?? []), ...read.strings(roles)]);
  }
  return [...byAccount.entries()].map(([account, roles]) => ({ account, roles: read.sortedUnique(roles) })).sort((a, b) => compareText(a.account, b.account));
}
