// The JSON Schema of ONE mapping file: structure, types, enums, patterns and limits. The loader
// validates every file with it (ajv), and editors validate with the same rules through the
// generated model/mapping.schema.json (`npm run` not needed: see write-mapping-schema.ts).
// Rules that span files (duplicates, references, host addresses) live in the loader.
//
// Everything is inlined (no $ref) so that ajv's schemaPath tells which oneOf branch an error
// belongs to; every oneOf has branches that differ by `type` (or by `required` only).
// `x-problem-codes` maps an ajv keyword to the problem code reported for it.
import { userAttributes } from "../mapping-model";
import { praGroupPolicyFields, praLimits, type PraPermissionField } from "./pra-group-policy-fields";
import { privxServices } from "./privx-facts";

type Schema = Record<string, unknown>;

export const mappingSchemaId = "https://github.com/pam-reconciler/pam-reconciler/model/mapping.schema.json";

const GUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
export const aliasPattern = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";
const appRoleValuePattern = "^[^\\s/]+$";
/** `alias` or `alias/appRoleValue`. */
export const memberSourcePattern = "^[A-Za-z0-9][A-Za-z0-9_.-]*(/[^\\s/]+)?$";
/** PrivX principals are written "account=role1,role2:role3": role names cannot hold those separators. */
const privxRoleNamePattern = "^[^:,=\\s]([^:,=]*[^:,=\\s])?$";
const privxAccountPattern = "^[^:,=\\s]+$";
const commaFree = "^[^,]+$";
const systemRolePattern = "^[Pp][Rr][Ii][Vv][Xx]-";
const attributePattern = `^(${userAttributes.join("|")}|extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+)$`;

const text = (description: string, extra: Schema = {}): Schema => ({ type: "string", minLength: 1, description, ...extra });
const optionalText = (description: string, extra: Schema = {}): Schema => ({ type: ["string", "null"], description, ...extra });
const optionalFlag = (description: string): Schema => ({ type: ["boolean", "null"], description });

const leavers: Schema = {
  type: "string",
  enum: ["deactivate", "delete"],
  description: "What happens in the target to a user who is no longer in any mapped group: deactivate (default) or delete.",
};

const scimGroupName: Schema = text(`Name of the SCIM group PRA sees (group policies list it as a member). At most ${praLimits.scimGroupName} characters.`, {
  maxLength: praLimits.scimGroupName,
  "x-problem-codes": { maxLength: "NAME_TOO_LONG" },
});

const attributeRule = (what: string, defaultAttribute: string): Schema => ({
  description: `${what}: an attribute name, or {attribute, lowercase, stripDomain}. Default ${defaultAttribute}.`,
  oneOf: [
    { type: "string", pattern: attributePattern, description: `User attribute: ${userAttributes.join(", ")} or extension_<appId>_<name>.` },
    {
      type: "object",
      additionalProperties: false,
      required: ["attribute"],
      properties: {
        attribute: { type: "string", pattern: attributePattern, description: `User attribute: ${userAttributes.join(", ")} or extension_<appId>_<name>.` },
        lowercase: { type: "boolean", description: "Lower-case the value (default false)." },
        stripDomain: { type: "boolean", description: 'Drop "@domain" and a leading "DOMAIN\\" (default false).' },
      },
    },
  ],
});

const memberSources: Schema = {
  type: "array",
  description: "Who gets it: group aliases, application aliases (every assignment), or alias/appRoleValue (one app role).",
  items: { type: "string", pattern: memberSourcePattern, description: "A group or application alias, or applicationAlias/appRoleValue.", "x-problem-codes": { pattern: "INVALID_NAME" } },
};

function permissionSchema(field: PraPermissionField): Schema {
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

const privxRoleName = (description: string): Schema =>
  text(description, {
    pattern: privxRoleNamePattern,
    "x-problem-codes": { pattern: "INVALID_NAME" },
  });

const hostRoleName: Schema = {
  ...privxRoleName("PrivX role name without ':', ',' or '=' (not a system role such as privx-admin)."),
  not: { pattern: systemRolePattern },
  "x-problem-codes": { pattern: "INVALID_NAME", not: "PRIVX_SYSTEM_ROLE" },
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
    tags: { type: "array", description: "Host tags (e.g. env=prod).", items: text("A tag (no commas).", { pattern: commaFree, "x-problem-codes": { pattern: "INVALID_VALUE" } }) },
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
                  account: text("Account name on the host, without ':', ',', '=' or spaces.", { pattern: privxAccountPattern, "x-problem-codes": { pattern: "INVALID_NAME" } }),
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

export function buildMappingSchema(): Schema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: mappingSchemaId,
    title: "pam-reconciler mapping file",
    description:
      "Maps Entra ID groups and application roles to BeyondTrust PRA group policies and SSH PrivX roles and hosts. A stack may split its mappings over several files; they are merged.",
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
            id: text("Entra group object id.", { pattern: GUID, "x-problem-codes": { pattern: "INVALID_VALUE" } }),
            displayName: text("Entra group display name (must match exactly one group)."),
            scimGroupName,
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
            appId: text("Application (client) id.", { pattern: GUID, "x-problem-codes": { pattern: "INVALID_VALUE" } }),
            scimGroupName,
            roles: {
              type: "object",
              description: "App role values the mappings may use (when given, others are rejected), with optional SCIM group names.",
              propertyNames: { pattern: appRoleValuePattern },
              "x-problem-codes": { propertyNames: "INVALID_NAME" },
              additionalProperties: {
                type: ["object", "null"],
                additionalProperties: false,
                properties: { scimGroupName },
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
          maxRemovals: { type: "integer", minimum: 0, description: "A run that would deactivate or delete more accounts than this stops before changing anything (default 10)." },
        },
      },
      pra: {
        type: "object",
        additionalProperties: false,
        description: "BeyondTrust Privileged Remote Access.",
        properties: {
          userName: attributeRule("PRA username", "userPrincipalName"),
          leavers,
          groupPolicies: { type: "array", description: "Group policies managed in PRA.", items: groupPolicy },
        },
      },
      privx: {
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
              properties: { name: privxRoleName("PrivX role name without ':', ',' or '='."), members: memberSources },
            },
          },
          hosts: { type: "array", description: "Host inventory pushed through PrivX's SCIM Host resource.", items: host },
        },
      },
    },
  };
}
