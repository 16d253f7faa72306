// The generic SCIM target's part of the desired state: one user per in-scope Entra user, with
// the role its group mappings give it, and optionally one group per mapped member source.
// Plain data, sorted, deterministic.
import type { LeaverPolicy } from "../../model";

export interface DesiredScimUser {
  /** Entra object id, sent as SCIM externalId: the key a UPN change does not move. */
  externalId: string;
  userName: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  /** false when the Entra account is disabled: the user is kept, marked inactive. */
  active: boolean;
  /**
   * The role from the mapping with the best precedence, else the default role; [] for none. When
   * roleLocked it is sent only to create the user (a product that requires a role on create),
   * and never compared or written after.
   */
  roles: string[];
  /** Role lock: the application's role is kept as it holds it, and never written. */
  roleLocked: boolean;
  /** Where the role lives: `roles` (RFC 7643 §4.1.2), a named attribute or `<URN>:<attribute>`. */
  roleAttribute: string;
  onRemove: LeaverPolicy;
  /** A protected account: declared so that it is never created, changed or removed. */
  protected: boolean;
  /**
   * Fixed attributes by path (`<extension schema URN>:<attribute>`), written and compared like the
   * core ones: PAM360's domain extension. Absent for products that need none.
   */
  attributes?: Record<string, string | number>;
}

export interface DesiredScimGroup {
  /** Entra group id (or appId, appId/role), sent as SCIM externalId. */
  externalId: string;
  displayName: string;
  /** The group's description, for products that require one (Password Safe); absent otherwise. */
  description?: string;
  /** userNames of the in-scope, unprotected transitive members, sorted. */
  members: string[];
}

export interface DesiredScim {
  users: DesiredScimUser[];
  /** Empty unless `provisionGroups` is on. */
  groups: DesiredScimGroup[];
}
