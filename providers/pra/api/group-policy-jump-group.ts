// GroupPolicyJumpGroup (spec components.schemas.GroupPolicyJumpGroup): a jump group added to a
// policy with the jump item role and jump policy that apply to it (0 = the defaults).
import type { PraEndpoint } from "./endpoint";
import { ID, ID_OR_ZERO, type WireFields } from "./fields";

export interface GroupPolicyJumpGroup {
  jump_group_id: number;
  /** 0 means "User's Default". */
  jump_item_role_id?: number;
  /** 0 means "Set on Jump Items". */
  jump_policy_id?: number;
}

export const GROUP_POLICY_JUMP_GROUP_FIELDS: WireFields = {
  jump_group_id: ID,
  jump_item_role_id: ID_OR_ZERO,
  jump_policy_id: ID_OR_ZERO,
};

export const groupPolicyJumpGroupEndpoint: PraEndpoint<GroupPolicyJumpGroup, GroupPolicyJumpGroup, { policyId: number }, "empty"> = {
  typeName: "GroupPolicyJumpGroup",
  collection: ({ policyId }) => `/group-policy/${policyId}/jump-group`,
  // A link is addressed by its jump group's id.
  item: ({ policyId }, jumpGroupId) => `/group-policy/${policyId}/jump-group/${jumpGroupId}`,
  // The spec documents no per_page/current_page here, and PRA answers 401 to unknown query
  // parameters: none are sent, but a Link header is still followed if one comes back.
  paged: false,
  filters: [],
  fields: GROUP_POLICY_JUMP_GROUP_FIELDS,
  requiredOnCreate: ["jump_group_id"],
  // A policy links a jump group once.
  identity: (link) => String(link.jump_group_id),
  createAnswer: "empty",
};
