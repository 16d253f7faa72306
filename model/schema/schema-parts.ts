// Building blocks of the mapping-file JSON Schema that the common sections and every target's
// section share. Everything is inlined (no $ref) so that ajv's schemaPath tells which oneOf
// branch an error belongs to; every oneOf has branches that differ by `type` (or by `required`
// only). `x-problem-codes` maps an ajv keyword to the problem code reported for it.
import { userAttributes } from "../mapping-model";
import { untilPattern } from "../access/expiry";
import type { Schema } from "../target-part";

export const GUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
/** A directory object id: an Entra object id (GUID) or an Okta id (20 letters and digits, e.g. 00g1a2b3c4d5e6f7g8h9). */
export const DIRECTORY_ID = "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9A-Za-z]{20})$";
export const aliasPattern = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";
export const appRoleValuePattern = "^[^\\s/]+$";
/** `alias` or `alias/appRoleValue`. */
export const memberSourcePattern = "^[A-Za-z0-9][A-Za-z0-9_.-]*(/[^\\s/]+)?$";
export const commaFree = "^[^,]+$";
const attributePattern = `^(${userAttributes.join("|")}|extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+)$`;

export const text = (description: string, extra: Schema = {}): Schema => ({ type: "string", minLength: 1, description, ...extra });
export const optionalText = (description: string, extra: Schema = {}): Schema => ({ type: ["string", "null"], description, ...extra });
export const optionalFlag = (description: string): Schema => ({ type: ["boolean", "null"], description });

export const leavers: Schema = {
  type: "string",
  enum: ["deactivate", "delete"],
  description: "What happens in the target to a user who is no longer in any mapped group: deactivate (default) or delete.",
};

export const attributeRule = (what: string, defaultAttribute: string): Schema => ({
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

const memberSourceName: Schema = {
  type: "string",
  pattern: memberSourcePattern,
  description: "A group or application alias, or applicationAlias/appRoleValue.",
  "x-problem-codes": { pattern: "INVALID_NAME" },
};

const until: Schema = {
  type: "string",
  pattern: untilPattern,
  description: "2026-12-31 (through the end of that day, UTC) or 2026-12-31T18:00Z (until exactly then).",
  "x-problem-codes": { pattern: "INVALID_VALUE" },
};

/** A person named directly: a userPrincipalName (name@domain) or an Entra object id. */
export const directUserPattern = "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[^\\s@]+@[^\\s@]+)$";

export const memberSources: Schema = {
  type: "array",
  description:
    "Who gets it: group aliases, application aliases (every assignment), or alias/appRoleValue (one app role); {source, until} for a temporary grant; {user, until} grants one person directly.",
  items: {
    oneOf: [
      memberSourceName,
      {
        type: "object",
        additionalProperties: false,
        description:
          "{source, until}: a member source until a date; {user, until}: one person (userPrincipalName or Entra object id) directly, until is optional.",
        properties: {
          source: memberSourceName,
          user: {
            type: "string",
            pattern: directUserPattern,
            description: "A direct grant to one person: their userPrincipalName or Entra object id (they must exist in the directory).",
            "x-problem-codes": { pattern: "INVALID_VALUE" },
          },
          until,
        },
        oneOf: [{ required: ["source"] }, { required: ["user"] }],
      },
    ],
  },
};

export const maxGrantDays: Schema = {
  type: "integer",
  minimum: 1,
  description: "The longest temporary grant (until) a member source may get, in days from now; longer ones fail validation.",
};
