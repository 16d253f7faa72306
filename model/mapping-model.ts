// The validated content of all mapping files, merged: what the loader returns and the builder
// reads. Every item remembers where it was written so later problems can point at it.
import type { GroupReference } from "../sources/snapshot";
import type { DesiredJumpGroupLink, DesiredPrivxHost, LeaverPolicy, SafetySettings } from "./desired";
import type { SourcePosition } from "./problems";

/** User attributes a mapping may read. `id` is the Entra object id. */
export const userAttributes = [
  "id",
  "userPrincipalName",
  "mail",
  "employeeId",
  "onPremisesSamAccountName",
  "onPremisesUserPrincipalName",
  "onPremisesImmutableId",
  "mailNickname",
] as const;
export type KnownUserAttribute = (typeof userAttributes)[number];
/** A known attribute, or a directory extension `extension_<appId without dashes>_<name>`. */
export type UserAttribute = KnownUserAttribute | `extension_${string}`;

/** How a target value (a username, PrivX's externalId) is derived from a directory user. */
export interface AttributeRule {
  attribute: UserAttribute;
  /** Lower-case the value. */
  lowercase: boolean;
  /** Drop "@domain" (and a leading "DOMAIN\"). */
  stripDomain: boolean;
  /** Where the rule was written; the target section when it is the default. */
  at: SourcePosition;
}

export interface GroupAlias {
  alias: string;
  reference: GroupReference;
  /** The PRA SCIM group's displayName; null = the Entra display name. */
  scimGroupName: string | null;
  at: SourcePosition;
}

export interface ApplicationAlias {
  alias: string;
  appId: string;
  /** SCIM group name when the whole application is a member source; null = its display name. */
  scimGroupName: string | null;
  /** Declared app role values with optional SCIM group names; null = roles not declared (any value accepted). */
  roles: Record<string, { scimGroupName: string | null; at: SourcePosition }> | null;
  at: SourcePosition;
}

/** Who a policy or role is granted to: a group alias, or an application's assignments (one role or all). */
export type MemberSource =
  | { kind: "group"; alias: string; at: SourcePosition }
  | { kind: "application"; alias: string; role: string | null; at: SourcePosition };

export interface PraGroupPolicyMapping {
  name: string;
  /** PRA wire fields (perm_*, access_perm_status, *_jump_item_role_id), keys sorted. */
  permissions: Record<string, string | number | boolean | null>;
  members: MemberSource[];
  /** Sorted by jump group name. */
  jumpGroups: DesiredJumpGroupLink[];
  at: SourcePosition;
}

export interface PrivxRoleMapping {
  name: string;
  members: MemberSource[];
  at: SourcePosition;
}

export interface ProtectedAccount {
  /** A username, UPN, mail address or Entra object id, matched case-insensitively. */
  value: string;
  at: SourcePosition;
}

export interface PraMappings {
  userName: AttributeRule;
  leavers: LeaverPolicy;
  /** Sorted by name. */
  groupPolicies: PraGroupPolicyMapping[];
  at: SourcePosition;
}

export interface PrivxMappings {
  userName: AttributeRule;
  /** Sent as SCIM externalId; must equal the OIDC `sub` PrivX receives. */
  externalId: AttributeRule;
  leavers: LeaverPolicy;
  /** Sorted by name. */
  roles: PrivxRoleMapping[];
  /** Sorted by externalId. */
  hosts: DesiredPrivxHost[];
  at: SourcePosition;
}

export interface MappingModel {
  /** The files the model was read from, in the order given. */
  files: string[];
  /** Sorted by alias. */
  groups: GroupAlias[];
  /** Sorted by alias. */
  applications: ApplicationAlias[];
  /** Sorted by value. */
  protectedAccounts: ProtectedAccount[];
  safety: SafetySettings;
  /** null when no file has a `pra:` section: PRA is then not managed at all. */
  pra: PraMappings | null;
  /** null when no file has a `privx:` section. */
  privx: PrivxMappings | null;
}

export const defaultLeaverPolicy: LeaverPolicy = "deactivate";
export const defaultMaxRemovals = 10;
