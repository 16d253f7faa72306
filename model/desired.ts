// The desired state the builder derives from the mappings and a directory snapshot, and the
// program declares as resources. Plain data, sorted, deterministic: same input, same output.

export type LeaverPolicy = "deactivate" | "delete";

export interface DesiredPraUser {
  /** Entra object id, sent as SCIM externalId: the key a UPN change does not move. */
  externalId: string;
  userName: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  /** false when the Entra account is disabled. */
  active: boolean;
  /** What removal from the program does to this user in PRA. */
  onRemove: LeaverPolicy;
  /**
   * A protected account in a mapped source: declared so that it is never created, changed or
   * removed, even when it was managed before it became protected. Never a group member here.
   */
  protected: boolean;
}

export interface DesiredPraGroup {
  /** Entra group id, sent as SCIM externalId. */
  externalId: string;
  /** The SCIM group's displayName, which PRA group policies name as `group_name` (<= 64). */
  displayName: string;
  /** userNames of the members, sorted: diffs then read "+ alice". */
  members: string[];
}

export interface DesiredJumpGroupLink {
  /** The jump group's name in PRA (looked up, not created). */
  jumpGroup: string;
  /** Jump item role name, or null for the user's default (id 0). */
  jumpItemRole: string | null;
  /** Jump policy name, or null for "set per jump item" (id 0). */
  jumpPolicy: string | null;
}

export interface DesiredPraGroupPolicy {
  name: string;
  /** PRA wire fields of the group policy besides name: perm_*, access_perm_status, ... */
  permissions: Record<string, string | number | boolean | null>;
  /** displayNames of the SCIM groups that are members of the policy, sorted. */
  memberGroups: string[];
  jumpGroups: DesiredJumpGroupLink[];
}

export interface DesiredPrivxUser {
  /** Must equal the OIDC `sub` PrivX sees: value of the configured source attribute. */
  externalId: string;
  userName: string;
  displayName: string;
  mail: string | null;
  /** PrivX role names derived from group membership, sorted. */
  groups: string[];
  /** Entra object id, kept for reports. */
  entraId: string;
  active: boolean;
  onRemove: LeaverPolicy;
  /** A protected account: declared so that it is never created, changed or removed. */
  protected: boolean;
}

export type PrivxService = "SSH" | "RDP" | "VNC" | "WEB";

export interface DesiredPrivxHost {
  externalId: string;
  commonName: string;
  contactAddress: string;
  description: string | null;
  userMessage: string | null;
  tags: string[];
  accessGroupId: string | null;
  sshHostPublicKeys: string[];
  tofu: boolean | null;
  auditEnabled: boolean | null;
  services: { service: PrivxService; port: number }[];
  /** Role names that may log in with their own (directory) account. */
  directoryRoles: string[];
  /** Shared accounts and the roles that may use them ("root=role1,role2"). */
  sharedAccounts: { account: string; roles: string[] }[];
  organization: string | null;
  organizationalUnit: string | null;
  zone: string | null;
  hostType: string | null;
  classification: string | null;
  /** Where it was defined, for error messages and reports. */
  source: { file: string; line: number };
}

export interface SafetySettings {
  /** A run that would remove (deactivate or delete) more accounts than this stops first. */
  maxRemovals: number;
}

export interface DesiredState {
  pra: {
    users: DesiredPraUser[];
    groups: DesiredPraGroup[];
    groupPolicies: DesiredPraGroupPolicy[];
  } | null;
  privx: {
    users: DesiredPrivxUser[];
    hosts: DesiredPrivxHost[];
  } | null;
  /** Protected accounts (lowercase usernames, UPNs, mail addresses and object ids): never created, changed or removed. */
  protectedUserNames: string[];
  safety: SafetySettings;
}
