// Remote Support's section of the mapping files (`rs:`): its schema, how one file's section is
// read, and how every file's sections merge into RS's mappings.
import {
  compareText,
  duplicates,
  maxGrantDays,
  memberSources,
  optionalText,
  problem,
  ProblemCode,
  read,
  text,
  type MemberSource,
  type MergeContext,
  type Schema,
  type SectionReader,
  type SourcePosition,
} from "../../model/target-kit";
import { permissionSchema, readPolicyEntries } from "../pra/mappings";
import type { DesiredRsJumpGroupLink } from "./desired";
import { rsGroupPolicyFields, rsLimits } from "./facts";

/** What a member group is called in the SAML assertion: Entra's group claim sends the object id unless set to send names. */
export type SamlGroupName = "objectId" | "displayName";

export interface RsGroupPolicyMapping {
  name: string;
  permissions: Record<string, string | number | boolean | null>;
  members: MemberSource[];
  /** Sorted by jump group name. */
  jumpGroups: DesiredRsJumpGroupLink[];
  maxGrantDays: number | null;
  maxGrantDaysAt: SourcePosition;
  at: SourcePosition;
}

export interface RsMappings {
  /** The SAML security provider's name in RS; null only when no policy is mapped. */
  securityProvider: string | null;
  samlGroupName: SamlGroupName;
  /** Sorted by name. */
  groupPolicies: RsGroupPolicyMapping[];
  at: SourcePosition;
}

export interface RsSection {
  groupPolicies: RsGroupPolicyMapping[];
}

const groupPolicy: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: text("Group policy name in Remote Support (the key: renaming creates a new policy).", {
      maxLength: rsLimits.groupPolicyName,
      "x-problem-codes": { maxLength: "NAME_TOO_LONG" },
    }),
    members: {
      ...memberSources,
      description:
        "Directory groups whose SAML group becomes a member of the policy (Remote Support has no SCIM: applications and direct grants cannot be members).",
    },
    maxGrantDays,
    permissions: {
      type: "object",
      description: "Remote Support wire fields of the group policy (GroupPolicy in RS's Configuration API). Fields left out keep RS's value.",
      additionalProperties: false,
      properties: Object.fromEntries(Object.entries(rsGroupPolicyFields).map(([name, field]) => [name, permissionSchema(field)])),
      "x-problem-codes": { additionalProperties: "UNKNOWN_PERMISSION" },
    },
    jumpGroups: {
      type: "array",
      description: "Jump groups (looked up by name in Remote Support, not created) the policy grants.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: text("Jump group name in Remote Support."),
          jumpItemRole: optionalText("Jump item role name; omitted or null = the user's default."),
        },
      },
    },
  },
};

export const rsSectionSchema: Schema = {
  type: "object",
  additionalProperties: false,
  description: "BeyondTrust Remote Support: group policies whose members are SAML groups (users are created by RS at their first SAML login).",
  properties: {
    securityProvider: text("Name of the SAML security provider in Remote Support that the member groups come from (written once across files)."),
    samlGroupName: {
      type: "string",
      enum: ["objectId", "displayName"],
      description:
        "What the SAML assertion calls a group: objectId (Entra's group claim default) or displayName (when the claim is set to send names). Default objectId.",
    },
    groupPolicies: { type: "array", description: "Group policies managed in Remote Support.", items: groupPolicy },
  },
};

export function readRsSection(section: Record<string, unknown>, reader: SectionReader): RsSection {
  reader.setting("securityProvider", section.securityProvider);
  reader.setting("samlGroupName", section.samlGroupName);
  return { groupPolicies: readGroupPolicies(section.groupPolicies, reader) };
}

function readGroupPolicies(value: unknown, reader: SectionReader): RsGroupPolicyMapping[] {
  const link = (jumpGroup: string, j: Record<string, unknown>): DesiredRsJumpGroupLink => ({ jumpGroup, jumpItemRole: read.text(j.jumpItemRole) });
  return readPolicyEntries("rs", value, reader, link).map(({ entry: _entry, ...policy }) => {
    for (const member of policy.members) {
      if (member.kind === "group") continue;
      reader.problems.push(
        problem(
          ProblemCode.INVALID_VALUE,
          member.at,
          `Remote Support group policy members are SAML groups: ${member.kind === "user" ? "a direct grant ({user})" : "an application"} cannot be one; name a directory group`,
        ),
      );
    }
    return { ...policy, members: policy.members.filter((m) => m.kind === "group") };
  });
}

export function mergeRsSections(sections: readonly RsSection[], context: MergeContext): RsMappings {
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
  const provider = context.setting("securityProvider");
  if (policies.length > 0 && typeof provider?.value !== "string") {
    context.errors.push(
      problem(
        ProblemCode.MISSING_FIELD,
        context.at,
        "rs.securityProvider is required: the name of the SAML security provider in Remote Support the member groups come from",
      ),
    );
  }
  const claim = context.setting("samlGroupName")?.value;
  return {
    securityProvider: typeof provider?.value === "string" ? provider.value : null,
    samlGroupName: claim === "displayName" ? "displayName" : "objectId",
    groupPolicies: policies.map((p) => ({ ...p, members: p.members.map(context.memberSource) })).sort((a, b) => compareText(a.name, b.name)),
    at: context.at,
  };
}
