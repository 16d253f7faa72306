// Security providers (spec components.schemas.SecurityProvider / SCIMSecurityProvider). The
// SCIM provider's id is what group policy members of SCIM users and groups refer to.
import type { PraEndpoint } from "./endpoint";

export type SecurityProviderType = "local" | "ldap" | "radius" | "kerberos" | "saml" | "scim";

export interface SecurityProvider {
  id: number;
  type: SecurityProviderType;
  name: string;
  enabled?: boolean;
  user_authentication?: boolean;
  group_lookup?: boolean;
}

export interface ScimSecurityProvider extends SecurityProvider {
  type: "scim";
  priority?: number;
  default_policy?: number;
  unique_id_attribute_name?: string;
  display_name?: string;
  email?: string;
  user_name?: string;
  /** Which SCIM user attribute PRA matches a member's distinguished_name against. */
  scim_user_query_id?: "id" | "externalId" | "userName";
  /** Which SCIM group attribute PRA matches a member's group_name against. */
  scim_group_query_id?: "id" | "externalId" | "displayName";
}

export const securityProviderEndpoint: PraEndpoint<SecurityProvider> = {
  typeName: "SecurityProvider",
  collection: () => "/security-provider",
  item: (_, id) => `/security-provider/${id}`,
  paged: true,
  filters: [],
  createAnswer: "object",
};
