// The generic SCIM target as a product: any RFC 7643/7644 server, what it supports read from its
// /ServiceProviderConfig, authenticated by bearer token, OAuth2 client credentials or Basic.
import type { ScimProduct } from "./product";
import { genericScimSettings } from "./settings";

export const scimProduct: ScimProduct = {
  name: "scim",
  title: "SCIM",
  dialect: "generic",
  discover: { patch: true, filter: true },
  settings: genericScimSettings,
  description: "Any SCIM 2.0 application (RFC 7643/7644): users with roles from group mappings, optionally groups.",
};
