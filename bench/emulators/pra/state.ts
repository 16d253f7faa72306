// The emulator's in-memory PRA: what the Configuration API and the SCIM API both read and write.
// Tests may read and change it directly to play "an administrator edited it in the console";
// call `touch()` after such a change so the state version moves like an API change would.
//
// Records hold the vendor's wire field names (snake_case) so a GET is a projection of the record
// onto the spec's schema (wire/shape.ts); internal links (members, jump groups, SCIM attributes)
// sit beside the wire fields and never reach the wire.

import type { PraContract } from "./contract";

export type AccessPermStatus = "not_defined" | "defined" | "final";
export type SecurityProviderType = "local" | "ldap" | "radius" | "kerberos" | "saml" | "scim";
export type ScimUserQueryId = "id" | "externalId" | "userName";
export type ScimGroupQueryId = "id" | "externalId" | "displayName";

export interface SecurityProviderRecord {
  id: number;
  type: SecurityProviderType;
  name: string;
  enabled: boolean;
  user_authentication: boolean;
  group_lookup: boolean;
  priority: number;
  default_policy: number;
  /** SCIM providers: which SCIM attribute a member's `distinguished_name` names. */
  scim_user_query_id?: ScimUserQueryId;
  /** SCIM providers: which SCIM attribute a member's `group_name` names. */
  scim_group_query_id?: ScimGroupQueryId;
  unique_id_attribute_name?: string;
  display_name?: string;
  email?: string;
  user_name?: string;
  /** SAML providers: group names that may be members of group policies. */
  available_groups?: string[];
}

/** Every field of the spec's GroupPolicy schema. */
export interface GroupPolicyWire {
  id: number;
  name: string;
  perm_access_allowed: boolean;
  access_perm_status: AccessPermStatus;
  perm_share_other_team: boolean;
  perm_invite_external_user: boolean;
  perm_session_idle_timeout: number;
  perm_extended_availability_mode_allowed: boolean;
  perm_edit_external_key: boolean;
  perm_collaborate: boolean;
  perm_collaborate_control: boolean;
  perm_jump_client: boolean;
  perm_local_jump: boolean;
  perm_remote_jump: boolean;
  perm_remote_vnc: boolean;
  perm_remote_rdp: boolean;
  perm_shell_jump: boolean;
  perm_web_jump: boolean;
  perm_protocol_tunnel: boolean;
  perm_sd_static_port_for_external_tools: boolean;
  default_jump_item_role_id: number;
  private_jump_item_role_id: number;
  inferior_jump_item_role_id: number;
  unassigned_jump_item_role_id: number;
}

/**
 * A group policy member. SCIM members point at the SCIM object itself, so a rename in SCIM
 * carries the membership and the member's `group_name` / `distinguished_name` always shows the
 * object's current value of the provider's query attribute (see DECISIONS in README.md).
 */
export type MemberRecord =
  | { id: number; security_provider_id: number; kind: "user"; userId: number }
  | { id: number; security_provider_id: number; kind: "scim-user"; userId: number }
  | { id: number; security_provider_id: number; kind: "scim-group"; scimGroupId: string }
  | { id: number; security_provider_id: number; kind: "named-group"; group_name: string }
  | { id: number; security_provider_id: number; kind: "dn"; distinguished_name: string };

export interface PolicyJumpGroupRecord {
  jump_group_id: number;
  /** 0 = the user's default role. */
  jump_item_role_id: number;
  /** 0 = set on each jump item. */
  jump_policy_id: number;
}

export interface GroupPolicyRecord {
  wire: GroupPolicyWire;
  members: MemberRecord[];
  jumpGroups: PolicyJumpGroupRecord[];
  /** State version of the last API change to the policy, its members or its jump groups. */
  changedAtVersion: number;
  /** State version when it was last provisioned; null = never. */
  provisionedAtVersion: number | null;
}

export interface JumpGroupWire {
  id: number;
  name: string;
  code_name: string;
  comments: string | null;
  ecm_group_id?: number;
}

export interface JumpItemRoleWire {
  id: number;
  name: string;
  description: string;
  perm_add: boolean;
  perm_assign_jump_group: boolean;
  perm_remove: boolean;
  perm_start: boolean;
  perm_edit_tag: boolean;
  perm_edit_comments: boolean;
  perm_edit_jump_policy: boolean;
  perm_edit_session_policy: boolean;
  perm_edit_identity: boolean;
  perm_edit_behavior: boolean;
  perm_view_jump_item_report: boolean;
}

/** Jump policies carry many scheduling/approval fields the emulator only stores. */
export interface JumpPolicyWire {
  id: number;
  display_name: string;
  code_name?: string;
  [field: string]: unknown;
}

export interface ScimName {
  formatted: string | null;
  givenName: string | null;
  familyName: string | null;
}

export interface ScimEmail {
  value: string;
  type: string | null;
  primary: boolean;
}

/** The SCIM side of a user created through the SCIM API. */
export interface ScimUserAttributes {
  id: string;
  externalId: string | null;
  userName: string;
  displayName: string | null;
  name: ScimName | null;
  emails: ScimEmail[];
  created: string;
  lastModified: string;
}

/** The permissions and memberships PRA computed the last time the user was provisioned. */
export interface ProvisionedView {
  groupPolicyIds: number[];
  /** Effective User perm_* / *_jump_item_role_id values. */
  perms: Record<string, string | number | boolean>;
  atVersion: number;
}

/**
 * One PRA user, whichever API created it. `scim` is set for users created through SCIM: they
 * live in the SCIM security provider and their username, display name and e-mail follow SCIM.
 */
export interface UserRecord {
  id: number;
  security_provider_id: number;
  username: string;
  public_display_name: string;
  email_address: string | null;
  preferred_email_language: string;
  enabled: boolean;
  created_at: string;
  last_authentication: string | null;
  perm_admin: boolean;
  /** Local users only (the spec returns these fields for local users only). */
  local?: {
    two_factor_required: boolean;
    password_expiration: string | null;
    failed_logins: number;
    password_reset_next_login: boolean;
  };
  scim?: ScimUserAttributes;
  provisioned: ProvisionedView | null;
}

export interface ScimGroupRecord {
  id: string;
  externalId: string | null;
  displayName: string;
  /** SCIM ids of the member users, in the order they were added. */
  memberIds: string[];
  created: string;
  lastModified: string;
}

export type ProvisionLogEntry =
  { kind: "group-policy"; groupPolicyId: number; version: number } | { kind: "users"; userIds: number[]; requestedAll: boolean; version: number };

type IdKind = "user" | "groupPolicy" | "member" | "jumpGroup" | "jumpItemRole" | "jumpPolicy" | "securityProvider";

export class PraState {
  /** The vendor spec this emulated site follows: PRA's, or Remote Support's. */
  constructor(readonly contract: PraContract) {}

  /** Moves on every change made through either API (or `touch()`). */
  version = 0;
  readonly securityProviders = new Map<number, SecurityProviderRecord>();
  readonly users = new Map<number, UserRecord>();
  readonly groupPolicies = new Map<number, GroupPolicyRecord>();
  readonly jumpGroups = new Map<number, JumpGroupWire>();
  readonly jumpItemRoles = new Map<number, JumpItemRoleWire>();
  readonly jumpPolicies = new Map<number, JumpPolicyWire>();
  readonly scimGroups = new Map<string, ScimGroupRecord>();
  readonly provisionLog: ProvisionLogEntry[] = [];
  private readonly lastIds = new Map<IdKind, number>();

  touch(): number {
    this.version += 1;
    return this.version;
  }

  /** A fresh id, above every id already present (records added by hand included). */
  nextId(kind: IdKind): number {
    const existing = this.existingIds(kind);
    const next = Math.max(this.lastIds.get(kind) ?? 0, ...existing) + 1;
    this.lastIds.set(kind, next);
    return next;
  }

  private existingIds(kind: IdKind): number[] {
    switch (kind) {
      case "user":
        return [...this.users.keys()];
      case "groupPolicy":
        return [...this.groupPolicies.keys()];
      case "member":
        return [...this.groupPolicies.values()].flatMap((p) => p.members.map((m) => m.id));
      case "jumpGroup":
        return [...this.jumpGroups.keys()];
      case "jumpItemRole":
        return [...this.jumpItemRoles.keys()];
      case "jumpPolicy":
        return [...this.jumpPolicies.keys()];
      case "securityProvider":
        return [...this.securityProviders.keys()];
    }
  }

  /** The SCIM security provider (PRA allows at most one). */
  scimProvider(): SecurityProviderRecord | undefined {
    return [...this.securityProviders.values()].find((p) => p.type === "scim");
  }

  localProvider(): SecurityProviderRecord | undefined {
    return [...this.securityProviders.values()].find((p) => p.type === "local");
  }

  scimUsers(): UserRecord[] {
    return [...this.users.values()].filter((u) => u.scim !== undefined);
  }

  userByScimId(scimId: string): UserRecord | undefined {
    return this.scimUsers().find((u) => u.scim!.id === scimId);
  }

  /** SCIM id → user, built on demand (records may have been changed by hand). */
  scimUserIndex(): Map<string, UserRecord> {
    return new Map(this.scimUsers().map((u) => [u.scim!.id, u]));
  }

  /** Group policy ids changed through the API since they were last provisioned. */
  unprovisionedGroupPolicyIds(): number[] {
    return [...this.groupPolicies.values()].filter((p) => p.provisionedAtVersion === null || p.provisionedAtVersion < p.changedAtVersion).map((p) => p.wire.id);
  }

  /** Group policies whose name matches (case-insensitively, as PRA's filters do). */
  groupPoliciesNamed(name: string): GroupPolicyRecord[] {
    return [...this.groupPolicies.values()].filter((p) => p.wire.name.toLowerCase() === name.toLowerCase());
  }
}
