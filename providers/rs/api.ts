// Remote Support's Configuration API wire types where they differ from PRA's: the group policy
// (RS's own permission fields) and a policy's jump group (no jump policy in RS). Everything else
// the RS target uses (members, security providers, jump groups, jump item roles, provisioning,
// the client itself) is PRA's, which RS's spec agrees with: providers/pra/api and client.ts.
import { BOOLEAN, ID, ID_OR_ZERO, TOP_LEVEL, type FieldSpec, type PraEndpoint, type WireFields } from "../pra/api";
import { rsGroupPolicyFields, rsLimits, type RsPermissionField } from "./facts";

export { TOP_LEVEL };

export type RsGroupPolicyFields = { name: string } & Record<string, string | number | boolean>;
export type RsGroupPolicy = RsGroupPolicyFields & { id: number };

function wireFieldOf(field: RsPermissionField): FieldSpec {
  switch (field.type) {
    case "boolean":
      return BOOLEAN;
    case "string":
      return { type: "enum", values: field.enum };
    case "integer":
      return { type: "integer", min: field.minimum, max: field.maximum, ...(field.allowed ? { oneOf: field.allowed } : {}) };
  }
}

export const RS_GROUP_POLICY_FIELDS: WireFields = {
  name: { type: "string", minLength: 1, maxLength: rsLimits.groupPolicyName },
  ...Object.fromEntries(Object.entries(rsGroupPolicyFields).map(([name, field]) => [name, wireFieldOf(field)])),
};

export const RS_GROUP_POLICY_PERMISSION_FIELDS: readonly string[] = Object.keys(rsGroupPolicyFields);

export const rsGroupPolicyEndpoint: PraEndpoint<RsGroupPolicy, RsGroupPolicyFields> = {
  typeName: "GroupPolicy",
  collection: () => "/group-policy",
  item: (_, id) => `/group-policy/${id}`,
  paged: true,
  filters: ["name"],
  fields: RS_GROUP_POLICY_FIELDS,
  requiredOnCreate: ["name"],
  identity: (p) => String(p.name).toLowerCase(),
  createAnswer: "object",
};

/** GroupPolicyJumpGroup in RS: a jump group and the jump item role for it (0 = the user's default). */
export interface RsGroupPolicyJumpGroup {
  jump_group_id: number;
  jump_item_role_id?: number;
}

export const rsGroupPolicyJumpGroupEndpoint: PraEndpoint<RsGroupPolicyJumpGroup, RsGroupPolicyJumpGroup, { policyId: number }, "empty"> = {
  typeName: "GroupPolicyJumpGroup",
  collection: ({ policyId }) => `/group-policy/${policyId}/jump-group`,
  item: ({ policyId }, jumpGroupId) => `/group-policy/${policyId}/jump-group/${jumpGroupId}`,
  paged: false,
  filters: [],
  fields: { jump_group_id: ID, jump_item_role_id: ID_OR_ZERO },
  requiredOnCreate: ["jump_group_id"],
  identity: (link) => String(link.jump_group_id),
  createAnswer: "empty",
};
