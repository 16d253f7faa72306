// What differs between products that all say "SCIM 2.0", as one explicit table. A client is
// given a dialect; nothing else in the client knows which product it talks to.
import { SCHEMA, type ScimResource } from "./types";

export type ScimDialectName = "pra" | "privx" | "generic" | "pam360" | "passwordsafe";

export interface ScimResourceType {
  /** Where the collection lives, relative to the SCIM base URL ("/Users"), or an absolute URL on the same origin. */
  endpoint: string;
  /** Core schema URN sent in `schemas` when the caller gave none. */
  schema: string;
  /**
   * The attribute that names a resource uniquely when it has no externalId (User: userName,
   * Group: displayName): how a create whose answer was lost finds what it made.
   */
  naturalKey?: string;
  /** false: this type is never patched even when the dialect patches others (updates are PUTs). */
  patch?: boolean;
}

export interface ScimDialect {
  name: ScimDialectName;
  /** Content-Type of request bodies. */
  contentType: string;
  /** Resource types the product serves, by SCIM name ("User", "Group", "Host"). */
  resourceTypes: Readonly<Record<string, ScimResourceType>>;
  paging: {
    /** The page-size query parameter: RFC 7644 `count`, or `itemsPerPage` (Password Safe). */
    sizeParameter: "count" | "itemsPerPage";
    defaultPageSize: number;
  };
  /** PATCH (RFC 7644 §3.5.2) is used only when true; otherwise updates are whole-resource PUTs. */
  supportsPatch: boolean;
  /** `filter=attr eq "value"` is sent only when true; otherwise lookups list and compare. */
  supportsFilter: boolean;
  /**
   * The only query parameters the product documents, when it refuses others (PAM360 fails a
   * request with an unsupported parameter): the client refuses to send any other, before sending.
   * Undefined: RFC 7644's.
   */
  queryParameters?: readonly string[];
  /** Shapes a resource for the wire (after the client dropped read-only `meta` and set `schemas`). */
  toWire(resourceType: string, resource: ScimResource): ScimResource;
  /** Normalises what the server returned. */
  fromWire(resourceType: string, resource: ScimResource): ScimResource;
}

/** Some servers send booleans as "True"/"False" strings (Entra's SCIM quirks, seen in the wild). */
function booleanActive(resource: ScimResource): ScimResource {
  const active = resource.active;
  if (typeof active === "string" && /^(true|false)$/i.test(active)) return { ...resource, active: active.toLowerCase() === "true" };
  return resource;
}

const identity = (_type: string, resource: ScimResource): ScimResource => resource;

/** PRA's seed connector sends name.formatted alongside the parts; PRA shows it. */
function praUserToWire(type: string, resource: ScimResource): ScimResource {
  if (type !== "User") return resource;
  const name = resource.name as { formatted?: string; givenName?: string; familyName?: string } | undefined;
  if (!name || name.formatted !== undefined) return resource;
  const formatted = [name.givenName, name.familyName].filter((p) => typeof p === "string" && p).join(" ");
  return formatted ? { ...resource, name: { ...name, formatted } } : resource;
}

/** PrivX maps roles from `groups` as plain strings; some servers answer `[{value}]`. */
function privxFromWire(type: string, resource: ScimResource): ScimResource {
  if (type !== "User") return resource;
  const withActive = booleanActive(resource);
  const groups = withActive.groups;
  if (Array.isArray(groups) && groups.some((g) => g && typeof g === "object")) {
    return { ...withActive, groups: groups.map((g) => (g && typeof g === "object" ? String((g as { value?: string | number }).value ?? "") : String(g))) };
  }
  return withActive;
}

/** PAM360 syncs flat groups only (nested groups break its sync): a member that is a group is never sent. */
function flatGroupToWire(type: string, resource: ScimResource): ScimResource {
  if (type !== "Group" || !Array.isArray(resource.members)) return resource;
  return { ...resource, members: (resource.members as { type?: unknown }[]).filter((m) => typeof m?.type !== "string" || m.type.toLowerCase() !== "group") };
}

export const scimDialects: Readonly<Record<ScimDialectName, ScimDialect>> = Object.freeze({
  // PRA (api-facts "PRA — SCIM API"): Users and Groups at <host>/api/scim/v2, long-lived bearer
  // token. PATCH, filter and paging are unverified and Entra's own provisioning fails against
  // PRA, so the safe subset (list, get, POST, PUT, DELETE) is the default.
  pra: {
    name: "pra",
    contentType: "application/scim+json",
    resourceTypes: {
      User: { endpoint: "/Users", schema: SCHEMA.user, naturalKey: "userName" },
      Group: { endpoint: "/Groups", schema: SCHEMA.group, naturalKey: "displayName" },
    },
    paging: { sizeParameter: "count", defaultPageSize: 100 },
    supportsPatch: false,
    supportsFilter: false,
    toWire: praUserToWire,
    fromWire: (_type, resource) => booleanActive(resource),
  },
  // PrivX (seed 001): Users and a custom Host type; Create, Read, Replace, Delete; `eq` filter
  // only; no PATCH, Bulk or Group. Paths are shown in the PrivX UI, hence configurable.
  privx: {
    name: "privx",
    contentType: "application/scim+json",
    resourceTypes: {
      User: { endpoint: "/Users", schema: SCHEMA.user, naturalKey: "userName" },
      Host: { endpoint: "/Hosts", schema: SCHEMA.privxHost },
    },
    paging: { sizeParameter: "count", defaultPageSize: 100 },
    supportsPatch: false,
    supportsFilter: true,
    toWire: identity,
    fromWire: privxFromWire,
  },
  // ManageEngine PAM360 (api-facts "PAM360 — SCIM", seed 002): Users with PATCH, Groups CRUD
  // (replaced whole), flat groups only, and requests with an undocumented parameter fail: only
  // startIndex and count are ever sent (no filter: lookups list and compare).
  pam360: {
    name: "pam360",
    contentType: "application/scim+json",
    resourceTypes: {
      User: { endpoint: "/Users", schema: SCHEMA.user, naturalKey: "userName" },
      Group: { endpoint: "/Groups", schema: SCHEMA.group, naturalKey: "displayName", patch: false },
    },
    paging: { sizeParameter: "count", defaultPageSize: 100 },
    supportsPatch: true,
    supportsFilter: false,
    queryParameters: ["startIndex", "count"],
    toWire: flatGroupToWire,
    fromWire: (_type, resource) => booleanActive(resource),
  },
  // BeyondTrust Password Safe (api-facts "Password Safe — SCIM", seed 003): pages with startIndex
  // and itemsPerPage (not count), users disabled and group members changed by PATCH, no filter.
  passwordsafe: {
    name: "passwordsafe",
    contentType: "application/scim+json",
    resourceTypes: {
      User: { endpoint: "/Users", schema: SCHEMA.user, naturalKey: "userName" },
      Group: { endpoint: "/Groups", schema: SCHEMA.group, naturalKey: "displayName" },
    },
    paging: { sizeParameter: "itemsPerPage", defaultPageSize: 100 },
    supportsPatch: true,
    supportsFilter: false,
    queryParameters: ["startIndex", "itemsPerPage"],
    toWire: identity,
    fromWire: (_type, resource) => booleanActive(resource),
  },
  // RFC 7644 as written.
  generic: {
    name: "generic",
    contentType: "application/scim+json",
    resourceTypes: {
      User: { endpoint: "/Users", schema: SCHEMA.user, naturalKey: "userName" },
      Group: { endpoint: "/Groups", schema: SCHEMA.group, naturalKey: "displayName" },
    },
    paging: { sizeParameter: "count", defaultPageSize: 100 },
    supportsPatch: true,
    supportsFilter: true,
    toWire: identity,
    fromWire: (_type, resource) => booleanActive(resource),
  },
});

export interface ScimDialectOverrides {
  supportsPatch?: boolean;
  supportsFilter?: boolean;
  /** Endpoint per resource type, e.g. PrivX's `{ User: "/Users", Host: "/Hosts" }` from config. */
  endpoints?: Partial<Record<string, string>>;
  pageSize?: number;
  sizeParameter?: "count" | "itemsPerPage";
}

/** A dialect from the table with the unverified points set by configuration. */
export function configureDialect(name: ScimDialectName, overrides: ScimDialectOverrides = {}): ScimDialect {
  const base = scimDialects[name];
  const resourceTypes: Record<string, ScimResourceType> = {};
  for (const [type, def] of Object.entries(base.resourceTypes)) {
    const endpoint = overrides.endpoints?.[type];
    resourceTypes[type] = endpoint ? { ...def, endpoint: endpoint.startsWith("/") || /^https?:/i.test(endpoint) ? endpoint : `/${endpoint}` } : def;
  }
  for (const type of Object.keys(overrides.endpoints ?? {})) {
    if (!(type in base.resourceTypes)) throw new TypeError(`SCIM dialect ${name} has no resource type ${type}`);
  }
  return {
    ...base,
    resourceTypes,
    supportsPatch: overrides.supportsPatch ?? base.supportsPatch,
    supportsFilter: overrides.supportsFilter ?? base.supportsFilter,
    paging: {
      sizeParameter: overrides.sizeParameter ?? base.paging.sizeParameter,
      defaultPageSize: overrides.pageSize ?? base.paging.defaultPageSize,
    },
  };
}
