// SCIM 2.0 resources as this client sees them (RFC 7643). Only what the providers read or
// write is typed; anything else a server returns is kept as it came.

export const SCHEMA = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  privxHost: "urn:ietf:params:scim:schemas:ssh:2.0:Host",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
} as const;

export interface ScimMeta {
  resourceType?: string;
  created?: string;
  lastModified?: string;
  location?: string;
  version?: string;
}

export interface ScimResource {
  schemas?: string[];
  /** Assigned by the server; absent on create. */
  id?: string;
  externalId?: string;
  meta?: ScimMeta;
  [attribute: string]: unknown;
}

export interface ScimMultiValue {
  value: string;
  type?: string;
  primary?: boolean;
  display?: string;
}

export interface ScimUser extends ScimResource {
  userName: string;
  displayName?: string;
  name?: { formatted?: string; givenName?: string; familyName?: string };
  emails?: ScimMultiValue[];
  active?: boolean;
  /** PrivX: role-mapping groups as plain strings. */
  groups?: string[] | ScimMultiValue[];
  /** PrivX: the user's mail as a top-level attribute. */
  mail?: string;
}

export interface ScimGroup extends ScimResource {
  displayName: string;
  members?: ScimMultiValue[];
}

export interface ScimPatchOperation {
  op: "add" | "remove" | "replace";
  path?: string;
  value?: unknown;
}

/** One page of a list, as every SCIM server answers it (RFC 7644 §3.4.2). */
export interface ScimListPage {
  totalResults?: number;
  startIndex?: number;
  itemsPerPage?: number;
  resources: ScimResource[];
}
