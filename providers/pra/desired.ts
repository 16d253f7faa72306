// PRA's part of the desired state: SCIM users, SCIM groups and group policies, as the builder
// derives them and the program declares them. Plain data, sorted, deterministic.
import type { LeaverPolicy } from "../../model";

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
  /** Set only when the mappings say so: members the mappings cannot state are then removed (else kept). */
  unmanagedMembers?: "remove";
}

export interface DesiredPra {
  users: DesiredPraUser[];
  groups: DesiredPraGroup[];
  groupPolicies: DesiredPraGroupPolicy[];
}
