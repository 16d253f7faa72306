// The writable fields of a PRA group policy besides `name`, exactly as the vendor's
// Configuration API spec (components.schemas.GroupPolicy, v1.10) declares them. A test compares
// this table with the spec so a field that is renamed or added upstream is noticed.
// Mapping files use these wire names verbatim under `permissions:`.

export type PraPermissionField =
  | { type: "boolean"; description: string }
  | { type: "string"; enum: readonly string[]; description: string }
  | { type: "integer"; minimum: number; maximum: number; description: string; allowed?: readonly number[] };

const MAX_INT32 = 2147483647;

const jumpItemRole = (description: string): PraPermissionField => ({
  type: "integer",
  minimum: 1,
  maximum: MAX_INT32,
  description: `${description} (a jump item role id)`,
});

const flag = (description: string): PraPermissionField => ({ type: "boolean", description });

export const praGroupPolicyFields: Readonly<Record<string, PraPermissionField>> = {
  perm_access_allowed: flag("Allowed to access endpoints."),
  access_perm_status: {
    type: "string",
    enum: ["not_defined", "defined", "final"],
    description:
      "Whether this policy defines user permissions: 'defined', or 'final' (also stops lower-priority policies overriding them). PRA defaults to 'defined' when any permission field is sent.",
  },
  perm_share_other_team: flag("Allowed to share sessions with teams which they do not belong to."),
  perm_invite_external_user: flag("Allowed to invite external Users."),
  perm_session_idle_timeout: {
    type: "integer",
    minimum: -1,
    maximum: 86400,
    // The spec's description lists the values PRA accepts; min/max alone would admit e.g. 5.
    allowed: [-1, 0, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400],
    description: "Seconds of inactivity before the user is removed from a session: -1 = site-wide setting, 0 = no timeout.",
  },
  perm_extended_availability_mode_allowed: flag("Allowed to enable extended availability mode."),
  perm_edit_external_key: flag("Allowed to edit the external key."),
  perm_collaborate: flag("Allowed to show screen to other Users."),
  perm_collaborate_control: flag("Allowed to give control when showing screen to other Users."),
  perm_jump_client: flag("Allowed to use Jump Clients."),
  perm_local_jump: flag("Allowed to use Local Jump (Windows only)."),
  perm_remote_jump: flag("Allowed to use Remote Jump."),
  perm_remote_vnc: flag("Allowed to use Remote VNC."),
  perm_remote_rdp: flag("Allowed to use Remote RDP."),
  perm_shell_jump: flag("Allowed to use Shell Jump."),
  perm_web_jump: flag("Allowed to use Web Jump."),
  perm_protocol_tunnel: flag("Allowed to use Protocol Tunnel Jump."),
  perm_sd_static_port_for_external_tools: flag("Allowed to use static port and username for external tool sessions."),
  default_jump_item_role_id: jumpItemRole("Default Jump Item Role"),
  private_jump_item_role_id: jumpItemRole("Personal Jump Item Role"),
  inferior_jump_item_role_id: jumpItemRole("Teams Jump Item Role"),
  unassigned_jump_item_role_id: jumpItemRole("System Jump Item Role"),
};

/** PRA limits that mapping names must respect. */
export const praLimits = {
  groupPolicyName: 255,
  /** A SCIM group is named in a policy membership as `group_name`, at most 64 characters. */
  scimGroupName: 64,
} as const;
