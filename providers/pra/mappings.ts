// PRA's section of the mapping files (`pra:`): its schema, how one file's section is read, and
// how every file's sections merge into PRA's mappings.
import type { DesiredJumpGroupLink } from "./desired";
import {
  attributeRule,
  compareText,
  duplicates,
  leavers,
  maxGrantDays,
  memberSources,
  optionalText,
  problem,
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
  unsafeNameReason,
} from "../../model/target-kit";
import { praGroupPolicyFields, praLimits, type PraPermissionField } from "./facts";

export interface PraGroupPolicyMapping {
  name: string;
  /** PRA wire fields (perm_*, access_perm_status, *_jump_item_role_id), keys sorted. */
  permissions: Record<string, string | number | boolean | null>;
  members: MemberSource[];
  /** Sorted by jump group name. */
  jumpGroups: DesiredJumpGroupLink[];
  /** The longest temporary grant a member source may get, in days; null = no limit. */
  maxGrantDays: number | null;
  maxGrantDaysAt: SourcePosition;
  /** Members the mappings cannot state (local users, LDAP or SAML groups, another security provider's): kept unless "remove". */
  unmanagedMembers: UnmanagedMembers;
  at: SourcePosition;
}

/** What a run does to a group policy's members that the mappings cannot state. */
export type UnmanagedMembers = "keep" | "remove";

export interface PraMappings {
  userName: AttributeRule;
  leavers: LeaverPolicy;
  /** Sorted by name. */
  groupPolicies: PraGroupPolicyMapping[];
  at: SourcePosition;
}

/** One file's `pra:` section. */
export interface PraSection {
  groupPolicies: PraGroupPolicyMapping[];
}

/** A permission field as JSON Schema (RS builds its own section with it too). */
export function permissionSchema(field: PraPermissionField): Schema {
  switch (field.type) {
    case "boolean":
      return { type: "boolean", description: field.description };
    case "string":
      return { type: "string", enum: [...field.enum], description: field.description };
    case "integer":
      return {
        type: "integer",
        minimum: field.minimum,
        maximum: field.maximum,
        ...(field.allowed ? { enum: [...field.allowed] } : {}),
        description: field.description,
      };
  }
}

const groupPolicy: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: text("Group policy name in PRA (the key: renaming creates a new policy).", {
      maxLength: praLimits.groupPolicyName,
      "x-problem-codes": { maxLength: "NAME_TOO_LONG" },
    }),
    members: memberSources,
    maxGrantDays,
    unmanagedMembers: {
      type: "string",
      enum: ["keep", "remove"],
      description:
        "Members of the policy in PRA that the mappings cannot state (local users, LDAP or SAML users and groups, another security provider's members): keep (the default) leaves them and lists them as not managed; remove takes them out, counted by the removal safety.",
    },
    permissions: {
      type: "object",
      description: "PRA wire fields of the group policy (GroupPolicy in the PRA Configuration API). Fields left out keep PRA's value.",
      additionalProperties: false,
      properties: Object.fromEntries(Object.entries(praGroupPolicyFields).map(([name, field]) => [name, permissionSchema(field)])),
      "x-problem-codes": { additionalProperties: "UNKNOWN_PERMISSION" },
    },
    jumpGroups: {
      type: "array",
      description: "Jump groups (looked up by name in PRA, not created) the policy grants.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: text("Jump group name in PRA."),
          jumpItemRole: optionalText("Jump item role name; omitted or null = the user's default."),
          jumpPolicy: optionalText("Jump policy name; omitted or null = set per jump item."),
        },
      },
    },
  },
};

export const praSectionSchema: Schema = {
  type: "object",
  additionalProperties: false,
  description: "BeyondTrust Privileged Remote Access.",
  properties: {
    userName: attributeRule("PRA username", "userPrincipalName"),
    leavers,
    groupPolicies: { type: "array", description: "Group policies managed in PRA.", items: groupPolicy },
  },
};

export function readPraSection(section: Record<string, unknown>, reader: SectionReader): PraSection {
  reader.setting("userName", section.userName);
  reader.setting("leavers", section.leavers);
  return { groupPolicies: readGroupPolicies(section.groupPolicies, reader) };
}

/** What a PRA-style group policy entry holds, in PRA and Remote Support alike; `entry` is the YAML mapping it came from. */
export interface PolicyEntry<Link> extends Omit<PraGroupPolicyMapping, "jumpGroups" | "unmanagedMembers"> {
  jumpGroups: Link[];
  entry: Record<string, unknown>;
}

/**
 * The `<section>.groupPolicies` entries of one file, as PRA's Configuration API shapes them (Remote
 * Support shares it): a safe name, permissions, jump groups linked once each (`link` reads a link's
 * other fields), members and maxGrantDays. Entries without a name are left to the schema's errors.
 */
export function readPolicyEntries<Link extends { jumpGroup: string }>(
  section: string,
  value: unknown,
  { at, problems }: SectionReader,
  link: (jumpGroup: string, fields: Record<string, unknown>) => Link,
): PolicyEntry<Link>[] {
  const out: PolicyEntry<Link>[] = [];
  read.list(value).forEach((entry, i) => {
    const base = [section, "groupPolicies", i];
    if (!read.isDict(entry) || read.text(entry.name) === null) return;
    const unsafe = unsafeNameReason(entry.name as string);
    if (unsafe) {
      problems.push(problem(ProblemCode.UNSAFE_NAME, at([...base, "name"]), `group policy name ${JSON.stringify(entry.name)} ${unsafe}`));
      return;
    }
    const permissions: PolicyEntry<Link>["permissions"] = {};
    if (read.isDict(entry.permissions)) {
      for (const key of Object.keys(entry.permissions).sort(compareText)) {
        const v = entry.permissions[key];
        if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") permissions[key] = v;
      }
    }
    const jumpGroups: Link[] = [];
    read.list(entry.jumpGroups).forEach((j, k) => {
      if (!read.isDict(j) || read.text(j.name) === null) return;
      const name = j.name as string;
      // A policy links a jump group once (the API keys the link by jump group).
      if (jumpGroups.some((existing) => existing.jumpGroup === name)) {
        problems.push(problem(ProblemCode.DUPLICATE_NAME, at([...base, "jumpGroups", k, "name"]), `jump group "${name}" is already linked to this policy`));
        return;
      }
      jumpGroups.push(link(name, j));
    });
    jumpGroups.sort((a, b) => compareText(a.jumpGroup, b.jumpGroup));
    out.push({
      entry,
      name: entry.name as string,
      permissions,
      members: read.readMembers(entry.members, [...base, "members"], at, problems),
      jumpGroups,
      maxGrantDays: typeof entry.maxGrantDays === "number" && Number.isInteger(entry.maxGrantDays) ? entry.maxGrantDays : null,
      maxGrantDaysAt: at(entry.maxGrantDays === undefined ? [...base, "name"] : [...base, "maxGrantDays"]),
      at: at([...base, "name"]),
    });
  });
  return out;
}

function readGroupPolicies(value: unknown, reader: SectionReader): PraGroupPolicyMapping[] {
  const link = (jumpGroup: string, j: Record<string, unknown>): DesiredJumpGroupLink => ({
    jumpGroup,
    jumpItemRole: read.text(j.jumpItemRole),
    jumpPolicy: read.text(j.jumpPolicy),
  });
  return readPolicyEntries("pra", value, reader, link).map(({ entry, ...policy }) => ({
    ...policy,
    unmanagedMembers: entry.unmanagedMembers === "remove" ? "remove" : "keep",
  }));
}

export function mergePraSections(sections: readonly PraSection[], context: MergeContext): PraMappings {
  const policies = sections.flatMap((s) => s.groupPolicies);
  context.errors.push(
    ...duplicates(
      policies,
      (p) => p.name.toLowerCase(),
      (p) => p.at,
      "group policy",
      ProblemCode.DUPLICATE_NAME,
      (p) => p.name,
    ),
  );
  return {
    userName: context.rule("userName", "userPrincipalName"),
    leavers: context.leavers(),
    groupPolicies: policies.map((p) => ({ ...p, members: p.members.map(context.memberSource) })).sort((a, b) => compareText(a.name, b.name)),
    at: context.at,
  };
}
