// GroupPolicy (spec components.schemas.GroupPolicy) and its endpoints.
import { praGroupPolicyFields, praLimits, type PraPermissionField } from "../facts";
import type { PraEndpoint } from "./endpoint";
import { BOOLEAN, type FieldSpec, type WireFields } from "./fields";

export type AccessPermStatus = "not_defined" | "defined" | "final";

/** Writable fields of a group policy, as named in the spec. */
export interface GroupPolicyFields {
  name: string;
  perm_access_allowed?: boolean;
  access_perm_status?: AccessPermStatus;
  perm_share_other_team?: boolean;
  perm_invite_external_user?: boolean;
  perm_session_idle_timeout?: number;
  perm_extended_availability_mode_allowed?: boolean;
  perm_edit_external_key?: boolean;
  perm_collaborate?: boolean;
  perm_collaborate_control?: boolean;
  perm_jump_client?: boolean;
  perm_local_jump?: boolean;
  perm_remote_jump?: boolean;
  perm_remote_vnc?: boolean;
  perm_remote_rdp?: boolean;
  perm_shell_jump?: boolean;
  perm_web_jump?: boolean;
  perm_protocol_tunnel?: boolean;
  perm_sd_static_port_for_external_tools?: boolean;
  default_jump_item_role_id?: number;
  private_jump_item_role_id?: number;
  inferior_jump_item_role_id?: number;
  unassigned_jump_item_role_id?: number;
}

/** A group policy as PRA returns it. */
export interface GroupPolicy extends GroupPolicyFields {
  id: number;
}

/** The wire rules of a permission field, from the one table of PRA's group-policy fields. */
function wireFieldOf(field: PraPermissionField): FieldSpec {
  switch (field.type) {
    case "boolean":
      return BOOLEAN;
    case "string":
      return { type: "enum", values: field.enum };
    case "integer":
      return { type: "integer", min: field.minimum, max: field.maximum, ...(field.allowed ? { oneOf: field.allowed } : {}) };
  }
}

export const GROUP_POLICY_FIELDS: WireFields = {
  name: { type: "string", minLength: 1, maxLength: praLimits.groupPolicyName },
  ...Object.fromEntries(Object.entries(praGroupPolicyFields).map(([name, field]) => [name, wireFieldOf(field)])),
};

/** Names of the permission fields (everything writable but the name), for providers that validate YAML. */
export const GROUP_POLICY_PERMISSION_FIELDS: readonly string[] = Object.keys(GROUP_POLICY_FIELDS).filter((f) => f !== "name");

export const groupPolicyEndpoint: PraEndpoint<GroupPolicy, GroupPolicyFields> = {
  typeName: "GroupPolicy",
  collection: () => "/group-policy",
  item: (_, id) => `/group-policy/${id}`,
  paged: true,
  filters: ["name"],
  fields: GROUP_POLICY_FIELDS,
  requiredOnCreate: ["name"],
  // PRA refuses a second policy of the same name, case-insensitively (spec: name is unique).
  identity: (p) => String(p.name).toLowerCase(),
  createAnswer: "object",
};

/** Recalculates a policy's members' permissions: PRA applies API changes only after it. */
export const groupPolicyProvisionPath = (id: number) => `/group-policy/${id}/provision`;
