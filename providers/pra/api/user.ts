// Users (spec components.schemas.User). The API cannot create non-local users; SCIM users
// appear here once PRA knows them, and are provisioned after membership changes.

export interface User {
  id: number;
  security_provider_id: number;
  username: string;
  public_display_name: string;
  email_address?: string;
  enabled?: boolean;
  last_authentication?: string;
  created_at?: string;
}

export interface UserFilter {
  security_provider_id?: number;
  username?: string;
  email_address?: string;
}

export const userEndpoint = {
  typeName: "User",
  collection: "/user",
  item: (id: number) => `/user/${id}`,
  provision: "/user/provision",
  paged: true,
  filters: ["security_provider_id", "username", "email_address"],
} as const;
