// One SCIM 2.0 client with per-product dialects.
export { createScimClient } from "./client";
export type { ScimClient, ScimClientOptions, ScimListOptions, ScimResourceClient } from "./client";
export { scimDialects, configureDialect } from "./dialects";
export type { ScimDialect, ScimDialectName, ScimDialectOverrides, ScimResourceType } from "./dialects";
export { eqFilter, matchesEq, valuesAt, isValidAttributePath } from "./filter";
export { parseListResponse } from "./list-response";
export { SCHEMA } from "./types";
export type { ScimGroup, ScimListPage, ScimMeta, ScimMultiValue, ScimPatchOperation, ScimResource, ScimUser } from "./types";
export { scimAuth } from "./auth";
export type { ScimAuthSettings } from "./auth";
export { discoverCapabilities, overridesFrom } from "./capabilities";
export type { ScimCapabilities } from "./capabilities";
export { parseAttributePath, readAttribute, writeAttribute, patchPathOf } from "./attribute-path";
export type { AttributePath } from "./attribute-path";
export { canonicalValuesIn, offeredValues } from "./role-values";
