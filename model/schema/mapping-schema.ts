// The JSON Schema of ONE mapping file: the common sections (aliases, protected accounts, leaver
// policy, safety) and one section per target, each target's fragment supplied by its part. The
// loader validates every file with it (ajv), and editors validate with the same rules through
// the generated model/mapping.schema.json (see write-mapping-schema.ts). Rules that span files
// (duplicates, references, host addresses) live in the loader and the targets' merge.
import type { AnyTargetPart, Schema } from "../target-part";
import { DIRECTORY_ID, aliasPattern, appRoleValuePattern, leavers, text } from "./schema-parts";

export const mappingSchemaId = "https://github.com/pam-reconciler/pam-reconciler/model/mapping.schema.json";

function scimGroupName(limit: number | undefined): Schema {
  const bounded = limit === undefined ? {} : { maxLength: limit, "x-problem-codes": { maxLength: "NAME_TOO_LONG" } };
  const most = limit === undefined ? "" : ` At most ${limit} characters.`;
  return text(`Name of the SCIM group the targets see (group policies list it as a member).${most}`, bounded);
}

const grantReference: Schema = text(
  "A grant: <target>:<kind>:<name>, e.g. pra:permission:perm_shell_jump, pra:jumpGroup:Linux Servers, pra:groupPolicy:Vendor Access, privx:role:db-admins, privx:host:db-01.",
  {
    pattern: "^[a-z0-9]+:[A-Za-z]+:.+$",
    "x-problem-codes": { pattern: "UNKNOWN_GRANT" },
  },
);

const guardrailsSchema: Schema = {
  type: "array",
  description: "Access rules checked on the desired state before anything is declared: a violation fails preview and up (severity warn: reported only).",
  items: {
    type: "object",
    additionalProperties: false,
    required: ["name"],
    properties: {
      name: text("The rule's name, quoted in every violation."),
      severity: { type: "string", enum: ["error", "warn"], description: "error (default) blocks preview and up; warn reports only." },
      onlyFrom: {
        type: "object",
        additionalProperties: false,
        required: ["grant", "from"],
        description: "The grant may only come from these member sources (group or application aliases).",
        properties: {
          grant: grantReference,
          from: { type: "array", minItems: 1, items: text("A group or application alias, or alias/appRole.") },
          allowDirect: {
            type: "boolean",
            description: "Direct grants to one person (members: {user}) may give it too (default false: a direct grant is not from a listed source).",
          },
        },
      },
      neverTogether: { type: "array", minItems: 2, maxItems: 2, items: grantReference, description: "Separation of duties: no person may hold both grants." },
      noExternal: { type: "array", minItems: 1, items: grantReference, description: "Guests (userType Guest or #EXT# in the UPN) never get these grants." },
      maxMembers: {
        type: "object",
        additionalProperties: false,
        required: ["grant", "max"],
        description: "At most this many people may hold the grant (a group policy or role).",
        properties: { grant: grantReference, max: { type: "integer", minimum: 0 } },
      },
    },
    oneOf: [{ required: ["onlyFrom"] }, { required: ["neverTogether"] }, { required: ["noExternal"] }, { required: ["maxMembers"] }],
  },
};

export function buildMappingSchema(parts: readonly AnyTargetPart[]): Schema {
  const limits = parts.map((p) => p.scimGroupNameLimit).filter((n): n is number => n !== undefined);
  const groupName = scimGroupName(limits.length ? Math.min(...limits) : undefined);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: mappingSchemaId,
    title: "pam-reconciler mapping file",
    description: `Maps Entra ID groups and application roles to the targets' accounts, groups, policies, roles and hosts (sections: ${parts.map((p) => p.name).join(", ")}). A stack may split its mappings over several files; they are merged.`,
    type: "object",
    additionalProperties: false,
    patternProperties: {
      "^x-": { description: "Extension field, ignored: a place to define YAML anchors (&name) that policies reuse with <<: *name." },
    },
    properties: {
      groups: {
        type: "object",
        description: "Aliases for Entra ID groups, by object id or by display name.",
        propertyNames: { pattern: aliasPattern },
        "x-problem-codes": { propertyNames: "INVALID_NAME" },
        additionalProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            id: text("Group id: an Entra group object id (GUID) or an Okta group id (00g…).", {
              pattern: DIRECTORY_ID,
              "x-problem-codes": { pattern: "INVALID_VALUE" },
            }),
            displayName: text("Group display name in Entra, or group name in Okta (must match exactly one group)."),
            scimGroupName: groupName,
            description: text(
              "The group's description where a target pushes one (Password Safe requires it); default: the Entra group's description, else its name.",
              { minLength: 1 },
            ),
          },
          oneOf: [{ required: ["id"] }, { required: ["displayName"] }],
        },
      },
      applications: {
        type: "object",
        description: "Aliases for enterprise applications; their app role assignments can be member sources.",
        propertyNames: { pattern: aliasPattern },
        "x-problem-codes": { propertyNames: "INVALID_NAME" },
        additionalProperties: {
          type: "object",
          additionalProperties: false,
          required: ["appId"],
          properties: {
            appId: text("Application (client) id in Entra, or app id (0oa…) in Okta.", {
              pattern: DIRECTORY_ID,
              "x-problem-codes": { pattern: "INVALID_VALUE" },
            }),
            scimGroupName: groupName,
            roles: {
              type: "object",
              description: "App role values the mappings may use (when given, others are rejected), with optional SCIM group names.",
              propertyNames: { pattern: appRoleValuePattern },
              "x-problem-codes": { propertyNames: "INVALID_NAME" },
              additionalProperties: {
                type: ["object", "null"],
                additionalProperties: false,
                properties: { scimGroupName: groupName },
              },
            },
          },
        },
      },
      protected: {
        type: "array",
        description: "Accounts never created, changed or removed: usernames, UPNs, mail addresses or Entra object ids.",
        items: text("An account."),
      },
      leavers,
      safety: {
        type: "object",
        additionalProperties: false,
        properties: {
          maxRemovals: {
            type: "integer",
            minimum: 0,
            // A limit past any estate (1e300 reads as a whole number) would switch the safety off unseen.
            maximum: 1000000,
            description:
              "A run that would remove more access than this stops before changing anything (default 10, at most 1,000,000). A removal is an account deactivated or deleted, or a person (or a host's principal role) losing a group policy, role or host, counted across targets.",
          },
          maxRemovalPercent: {
            type: "integer",
            minimum: 0,
            maximum: 100,
            description:
              "A run that would remove more than this percentage of what one target manages (accounts and grants) stops before changing anything (default 20).",
          },
        },
      },
      guardrails: guardrailsSchema,
      ...Object.fromEntries(parts.map((p) => [p.name, p.schema])),
    },
  };
}
