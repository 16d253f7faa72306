// Users (spec components.schemas.User). The API cannot create non-local users; SCIM users
// appear here once PRA knows them, and are provisioned after membership changes.
import type { PraEndpoint } from "./endpoint";

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

export const userEndpoint: PraEndpoint<User> = {
  typeName: "User",
  collection: () => "/user",
  item: (_, id) => `/user/${id}`,
  paged: true,
  filters: ["security_provider_id", "username", "email_address"],
  createAnswer: "object",
};

/** Recalculates the permissions of the users given by id. */
export const userProvisionPath = "/user/provision";
