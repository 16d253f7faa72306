// The writable fields of a Remote Support group policy besides `name`, exactly as RS's
// Configuration API spec (../shared/apis/rs-configuration.openapi.yaml, components.schemas.
// GroupPolicy, v1.10) declares them; a test compares this table with the spec. Mapping files use
// these wire names verbatim under `permissions:`. PRA's table (providers/pra/facts.ts) differs:
// RS has representative permissions (`rep_perm_status`, support, routing, support buttons …)
// where PRA has `access_perm_status`, web jump and protocol tunnels.
import type { PraPermissionField } from "../pra/facts";

export type RsPermissionField = PraPermissionField;

const MAX_INT32 = 2147483647;
/** The values the spec's descriptions list for the session and console idle timeouts. */
const IDLE_TIMEOUTS = [-1, 0, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400];

const flag = (description: string): RsPermissionField => ({ type: "boolean", description });
const jumpItemRole = (description: string): RsPermissionField => ({
  type: "integer",
  minimum: 1,
  maximum: MAX_INT32,
  description: `${description} (a jump item role id)`,
});

export const rsGroupPolicyFields: Readonly<Record<string, RsPermissionField>> = {
  perm_support_allowed: { type: "string", enum: ["not_allowed", "full_support"], description: "Allowed to provide remote support." },
  rep_perm_status: {
    type: "string",
    enum: ["not_defined", "defined", "final"],
    description:
      "Whether this policy defines representative permissions: 'defined', or 'final' (also stops lower-priority policies overriding them). RS defaults to 'defined' when any permission field is sent.",
  },
  perm_generate_session_key: flag("Allowed to generate session keys in the Representative Console."),
  perm_send_ios_profiles: flag("Allowed to generate access keys for sending iOS profiles."),
  perm_accept_team_sessions: flag("Allowed to manually accept sessions from a team queue."),
  perm_transfer_other_team: flag("Allowed to transfer sessions to teams they do not belong to."),
  perm_share_other_team: flag("Allowed to share sessions with teams they do not belong to."),
  perm_invite_external_rep: flag("Allowed to invite external support representatives."),
  perm_session_idle_timeout: {
    type: "integer",
    minimum: -1,
    maximum: 86400,
    allowed: IDLE_TIMEOUTS,
    description: "Seconds of inactivity before the representative is removed from a session: -1 = site-wide setting, 0 = no timeout.",
  },
  perm_next_session_button: flag("Allowed to use Get Next Session."),
  perm_extended_availability_mode_allowed: flag("Allowed to enable extended availability mode."),
  perm_edit_external_key: flag("Allowed to edit the external key."),
  perm_disable_auto_assignment: flag("Allowed to opt out of session assignments."),
  perm_routing_idle_timeout: {
    type: "integer",
    minimum: 0,
    maximum: 3600,
    allowed: [0, 180, 300, 600, 900, 1200, 1800, 2700, 3600],
    description: "Do not assign sessions to a representative idle this many seconds: 0 = no timeout.",
  },
  auto_assignment_max_sessions: {
    type: "integer",
    minimum: 1,
    maximum: 10,
    description: "Do not assign sessions to a representative in more sessions than this.",
  },
  perm_collaborate: flag("Allowed to show screen to other representatives."),
  perm_collaborate_control: flag("Allowed to give control when showing screen to other representatives."),
  perm_support_button_personal_deploy: flag("Allowed to deploy and manage Support Buttons in a personal queue."),
  perm_support_button_team_manage: flag("Allowed to manage Team Support Buttons."),
  perm_support_button_change_public_sites: flag("Allowed to change the Public Portal of Support Buttons."),
  perm_support_button_team_deploy: flag("Allowed to deploy Team Support Buttons."),
  perm_jump_client: flag("Allowed to use Jump Clients."),
  perm_local_jump: flag("Allowed to use Local Jump (Windows only)."),
  perm_remote_jump: flag("Allowed to use Remote Jump."),
  perm_remote_vnc: flag("Allowed to use Remote VNC."),
  perm_remote_rdp: flag("Allowed to use Remote RDP."),
  perm_shell_jump: flag("Allowed to use Shell Jump."),
  perm_local_vnc: flag("Allowed to use Local VNC."),
  perm_local_rdp: flag("Allowed to use Local RDP."),
  perm_vpro: flag("Allowed to use Intel vPro."),
  default_jump_item_role_id: jumpItemRole("Default Jump Item Role"),
  private_jump_item_role_id: jumpItemRole("Personal Jump Item Role"),
  inferior_jump_item_role_id: jumpItemRole("Teams Jump Item Role"),
  unassigned_jump_item_role_id: jumpItemRole("System Jump Item Role"),
  perm_console_idle_timeout: {
    type: "integer",
    minimum: -1,
    maximum: 86400,
    allowed: IDLE_TIMEOUTS,
    description: "Representative Console idle timeout in seconds: -1 = site-wide setting, 0 = no timeout.",
  },
};

/** The field that says whether a policy's permissions are final (lower policies cannot override them). */
export const RS_STATUS_FIELD = "rep_perm_status";

/** RS limits that mapping names must respect. */
export const rsLimits = {
  groupPolicyName: 255,
  /** A member's `group_name` (the SAML group) is at most 64 characters. */
  samlGroupName: 64,
} as const;
