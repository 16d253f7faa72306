// Jump groups, jump item roles and jump policies: looked up by name to turn the names in the
// mapping files into the ids a group policy's jump groups need. Read-only here.
import type { PraEndpoint } from "./endpoint";

export interface JumpGroup {
  id: number;
  name: string;
  code_name?: string;
  comments?: string | null;
  ecm_group_id?: number;
}

export interface JumpItemRole {
  id: number;
  name: string;
  description?: string;
}

export interface JumpPolicy {
  id: number;
  display_name: string;
  code_name?: string;
  description?: string;
}

export const jumpGroupEndpoint: PraEndpoint<JumpGroup> = {
  typeName: "JumpGroup",
  collection: () => "/jump-group",
  item: (_, id) => `/jump-group/${id}`,
  paged: true,
  filters: ["name", "code_name"],
  createAnswer: "object",
};

export const jumpItemRoleEndpoint: PraEndpoint<JumpItemRole> = {
  typeName: "JumpItemRole",
  collection: () => "/jump-item-role",
  item: (_, id) => `/jump-item-role/${id}`,
  paged: true,
  filters: ["name"],
  createAnswer: "object",
};

// The spec filters jump policies by code_name only: a lookup by display name lists them all.
export const jumpPolicyEndpoint: PraEndpoint<JumpPolicy> = {
  typeName: "JumpPolicy",
  collection: () => "/jump-policy",
  item: (_, id) => `/jump-policy/${id}`,
  paged: true,
  filters: ["code_name"],
  createAnswer: "object",
};
