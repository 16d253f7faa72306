// The discovery endpoints (RFC 7644 §4, RFC 7643 §5-7): /ServiceProviderConfig says what this
// server supports (PATCH, filter and the page cap follow the emulator's knobs), /ResourceTypes
// and /Schemas describe Users and Groups.
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type ScimVocabularyExtras } from "./attributes";
import type { ScimAuthKind } from "./auth";

export interface Capabilities {
  patch: boolean;
  filter: boolean;
  maxCount: number;
  auth: readonly ScimAuthKind[];
}

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

const AUTH_SCHEMES: Record<ScimAuthKind, { type: string; name: string; description: string }> = {
  bearer: { type: "oauthbearertoken", name: "Bearer token", description: "A long-lived bearer token" },
  oauth2: { type: "oauth2", name: "OAuth 2.0 client credentials", description: "Tokens from the token endpoint" },
  basic: { type: "httpbasic", name: "HTTP Basic", description: "User name and password" },
};

export function serviceProviderConfig(base: string, c: Capabilities): Record<string, unknown> {
  return {
    schemas: [SPC_SCHEMA],
    patch: { supported: c.patch },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: c.filter, maxResults: c.maxCount },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: c.auth.map((k) => AUTH_SCHEMES[k]),
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

/** A profile's extensions and extra attributes (PAM360's domain extension, Password Safe's group description) are described too. */
export function resourceTypes(base: string, extras: ScimVocabularyExtras = {}): Record<string, unknown> {
  const extensions = [ENTERPRISE_USER_SCHEMA, ...Object.keys(extras.extensions ?? {})].map((schema) => ({ schema, required: false }));
  const types = [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "User",
      name: "User",
      endpoint: "/Users",
      schema: USER_SCHEMA,
      schemaExtensions: extensions,
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      schema: GROUP_SCHEMA,
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` },
    },
  ];
  return { schemas: [LIST], totalResults: types.length, startIndex: 1, itemsPerPage: types.length, Resources: types };
}

const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

export function schemas(base: string, extras: ScimVocabularyExtras = {}, roleValues?: readonly string[]): Record<string, unknown> {
  const roleValue = roleValues ? attr("value", "string", { canonicalValues: [...roleValues] }) : attr("value", "string");
  const user = {
    schemas: [SCHEMA_SCHEMA],
    id: USER_SCHEMA,
    name: "User",
    attributes: [
      attr("userName", "string", { required: true, uniqueness: "server" }),
      attr("name", "complex", { subAttributes: [attr("givenName", "string"), attr("familyName", "string"), attr("formatted", "string")] }),
      attr("displayName", "string"),
      attr("active", "boolean"),
      attr("emails", "complex", { multiValued: true, subAttributes: [attr("value", "string"), attr("type", "string"), attr("primary", "boolean")] }),
      attr("roles", "complex", {
        multiValued: true,
        subAttributes: [roleValue, attr("display", "string"), attr("type", "string"), attr("primary", "boolean")],
      }),
      attr("userType", "string"),
      ...(extras.User ?? []).map((name) => attr(name, "string")),
    ],
    meta: { resourceType: "Schema", location: `${base}/Schemas/${USER_SCHEMA}` },
  };
  const group = {
    schemas: [SCHEMA_SCHEMA],
    id: GROUP_SCHEMA,
    name: "Group",
    attributes: [
      attr("displayName", "string", { required: true }),
      attr("members", "complex", { multiValued: true, subAttributes: [attr("value", "string", { mutability: "immutable" }), attr("display", "string")] }),
      ...(extras.Group ?? []).map((name) => attr(name, "string")),
    ],
    meta: { resourceType: "Schema", location: `${base}/Schemas/${GROUP_SCHEMA}` },
  };
  const extensions = Object.entries(extras.extensions ?? {}).map(([id, names]) => ({
    schemas: [SCHEMA_SCHEMA],
    id,
    name: id.split(":").at(-3) ?? id,
    attributes: names.map((name) => attr(name, "string")),
    meta: { resourceType: "Schema", location: `${base}/Schemas/${id}` },
  }));
  const all = [user, group, ...extensions];
  return { schemas: [LIST], totalResults: all.length, startIndex: 1, itemsPerPage: all.length, Resources: all };
}
