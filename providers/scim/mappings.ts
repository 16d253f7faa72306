// A SCIM target's section of the mapping files (`scim:`, `pam360:`, `passwordsafe:`): who is in
// scope, which group gives which role with an explicit precedence, the default role,
// role-locked users, the role attribute, whether mapped groups are pushed too, and the
// product's own settings. Its schema, how one file's section is read, and how every file's
// sections merge.
import {
  attributeRule,
  compareText,
  duplicates,
  leavers,
  maxGrantDays,
  memberSources,
  optionalText,
  ProblemCode,
  read,
  text,
  type AttributeRule,
  type LeaverPolicy,
  type MemberSource,
  type MergeContext,
  type Schema,
  type SectionReader,
  type SourcePosition,
} from "../../model/target-kit";
import { DEFAULT_ROLE_ATTRIBUTE, ROLE_ATTRIBUTE_PATTERN } from "./facts";
import type { ScimProduct } from "./product";

export interface ScimRoleMapping {
  role: string;
  /** Lower wins when a user is in several mapped groups; unique across the mappings. */
  precedence: number;
  /** A member past its `until` no longer gives the role: the next precedence or the default role applies. */
  members: MemberSource[];
  /** The longest temporary grant a member source may get, in days; null = no limit. */
  maxGrantDays: number | null;
  maxGrantDaysAt: SourcePosition;
  at: SourcePosition;
}

export interface ScimRoleLock {
  /** A username, UPN, mail address or Entra object id, matched case-insensitively. */
  value: string;
  at: SourcePosition;
}

export interface ScimMappings {
  userName: AttributeRule;
  leavers: LeaverPolicy;
  /** Member sources whose users are in scope (besides those of the role mappings). */
  members: MemberSource[];
  /** Sorted by precedence. */
  roles: ScimRoleMapping[];
  /** The role of in-scope users in no mapped group; null = no role. */
  defaultRole: string | null;
  roleAttribute: string;
  /** Sorted by value. */
  roleLock: ScimRoleLock[];
  /** A role-lock entry that names no account in the directory is a warning, not an error (default false). */
  allowUnmatchedRoleLocks: boolean;
  /** Push the mapped member sources as SCIM groups with their in-scope transitive members. */
  provisionGroups: boolean;
  /** The product's own settings (ScimModelExtras.settings), as written. */
  settings: Record<string, unknown>;
  at: SourcePosition;
}

/** One file's `scim:` section. */
export interface ScimSection {
  members: MemberSource[];
  roles: ScimRoleMapping[];
  roleLock: ScimRoleLock[];
}

const roleName = (description: string) => text(description);

export function scimSectionSchemaFor(product: Pick<ScimProduct, "description" | "model">): Schema {
  return {
    type: "object",
    additionalProperties: false,
    description: product.description,
    properties: {
      ...(product.model?.settings ?? {}),
      userName: attributeRule("SCIM userName", "userPrincipalName"),
      leavers,
      members: {
        ...memberSources,
        description: "Who is in scope besides the members of the role mappings: group aliases, application aliases, or alias/appRoleValue.",
      },
      roles: {
        type: "array",
        description: "Group → role mappings. A user in several mapped groups gets the role with the lowest precedence.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["role", "precedence", "members"],
          properties: {
            role: roleName("The application's role value."),
            precedence: { type: "integer", minimum: 1, description: "1 wins over 2; unique across the mappings." },
            members: memberSources,
            maxGrantDays,
          },
        },
      },
      defaultRole: optionalText("Role of in-scope users in no mapped group; omitted or null = no role.", { minLength: 1 }),
      roleAttribute: text(
        `Where the role is written: ${DEFAULT_ROLE_ATTRIBUTE} (RFC 7643 §4.1.2, default), a core attribute name such as userType, or <extension schema URN>:<attribute>.`,
        {
          pattern: ROLE_ATTRIBUTE_PATTERN,
          "x-problem-codes": { pattern: "INVALID_VALUE" },
        },
      ),
      roleLock: {
        type: "array",
        description: "Users whose role the application keeps as it holds it: the reconciler never changes it (usernames, UPNs, mail addresses or object ids).",
        items: text("A username, UPN, mail address or Entra object id."),
      },
      allowUnmatchedRoleLocks: {
        type: "boolean",
        description:
          "A roleLock entry that names no account in the directory is only a warning (default false: an error, since a misspelt lock leaves the role it should keep to be overwritten).",
      },
      provisionGroups: { type: "boolean", description: "Also push the mapped groups with their transitive in-scope members (default false)." },
    },
  };
}

const SETTINGS = ["userName", "leavers", "defaultRole", "roleAttribute", "provisionGroups", "allowUnmatchedRoleLocks"];

/** Reads one file's section of the product named `name`, recording its settings and the product's own. */
export function scimSectionReader(name: string, extraSettings: readonly string[] = []) {
  return (section: Record<string, unknown>, reader: SectionReader): ScimSection => readScimSection(name, [...SETTINGS, ...extraSettings], section, reader);
}

function readScimSection(name: string, settings: readonly string[], section: Record<string, unknown>, reader: SectionReader): ScimSection {
  const { at, problems } = reader;
  for (const key of settings) reader.setting(key, section[key]);
  const roles: ScimRoleMapping[] = [];
  read.list(section.roles).forEach((entry, i) => {
    const base = [name, "roles", i];
    if (!read.isDict(entry) || read.text(entry.role) === null || typeof entry.precedence !== "number" || !Number.isInteger(entry.precedence)) return;
    const days = typeof entry.maxGrantDays === "number" && Number.isInteger(entry.maxGrantDays) ? entry.maxGrantDays : null;
    roles.push({
      role: entry.role as string,
      precedence: entry.precedence,
      members: read.readMembers(entry.members, [...base, "members"], at, problems),
      maxGrantDays: days,
      maxGrantDaysAt: at(entry.maxGrantDays === undefined ? [...base, "precedence"] : [...base, "maxGrantDays"]),
      at: at([...base, "precedence"]),
    });
  });
  const roleLock: ScimRoleLock[] = [];
  read.list(section.roleLock).forEach((value, i) => {
    if (typeof value === "string" && value.length > 0) roleLock.push({ value, at: at([name, "roleLock", i]) });
  });
  return { members: read.readMembers(section.members, [name, "members"], at, problems), roles, roleLock };
}

export function scimSectionMerger(extraSettings: readonly string[] = []) {
  return (sections: readonly ScimSection[], context: MergeContext): ScimMappings => mergeScimSections(sections, context, extraSettings);
}

function mergeScimSections(sections: readonly ScimSection[], context: MergeContext, extraSettings: readonly string[]): ScimMappings {
  const roles = sections.flatMap((s) => s.roles);
  context.errors.push(
    ...duplicates(
      roles,
      (r) => String(r.precedence),
      (r) => r.at,
      "role mapping precedence",
      ProblemCode.DUPLICATE_SETTING,
      (r) => `${r.precedence} (${r.role})`,
    ),
  );
  const roleLock = sections.flatMap((s) => s.roleLock);
  context.errors.push(
    ...duplicates(
      roleLock,
      (l) => l.value.toLowerCase(),
      (l) => l.at,
      "role-locked user",
      ProblemCode.DUPLICATE_NAME,
      (l) => l.value,
    ),
  );
  const defaultRole = context.setting("defaultRole");
  const members = sections.flatMap((s) => s.members).map(context.memberSource);
  const roleAttribute = context.setting("roleAttribute")?.value;
  const provisionGroups = context.setting("provisionGroups")?.value;
  const allowUnmatchedRoleLocks = context.setting("allowUnmatchedRoleLocks")?.value;
  return {
    userName: context.rule("userName", "userPrincipalName"),
    leavers: context.leavers(),
    members,
    roles: roles.map((r) => ({ ...r, members: r.members.map(context.memberSource) })).sort((a, b) => a.precedence - b.precedence),
    defaultRole: typeof defaultRole?.value === "string" ? defaultRole.value : null,
    roleAttribute: typeof roleAttribute === "string" ? roleAttribute : DEFAULT_ROLE_ATTRIBUTE,
    roleLock: roleLock.sort((a, b) => compareText(a.value.toLowerCase(), b.value.toLowerCase())),
    provisionGroups: provisionGroups === true,
    allowUnmatchedRoleLocks: allowUnmatchedRoleLocks === true,
    settings: Object.fromEntries(
      extraSettings.flatMap((key) => {
        const v = context.setting(key);
        return v === undefined ? [] : [[key, v.value]];
      }),
    ),
    at: context.at,
  };
}
