// Remote Support's part of the desired state: group policies whose members are SAML groups.
// No users: RS creates a representative at their first SAML login. Plain data, sorted.

export interface DesiredRsJumpGroupLink {
  /** The jump group's name in RS (looked up, not created). */
  jumpGroup: string;
  /** Jump item role name, or null for the user's default (id 0). */
  jumpItemRole: string | null;
}

export interface DesiredRsGroupPolicy {
  name: string;
  /** RS wire fields of the group policy besides name: perm_*, rep_perm_status, ... */
  permissions: Record<string, string | number | boolean | null>;
  /** SAML group names (as Entra's group claim sends them), sorted. */
  memberGroups: string[];
  jumpGroups: DesiredRsJumpGroupLink[];
  /** Entra object ids of the enabled, unprotected people the member groups hold, sorted (not written: the removal safety's record). */
  reaches: string[];
}

export interface DesiredRs {
  /** The SAML security provider's name in RS. */
  securityProvider: string;
  groupPolicies: DesiredRsGroupPolicy[];
  /** Object id → userPrincipalName of everyone some policy reaches (enabled, not protected). */
  people: Record<string, string>;
}
