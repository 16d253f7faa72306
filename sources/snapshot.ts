// The contract between identity sources (sources/) and the desired-state builder (model/):
// everything the builder needs to know about the directory, read completely or not at all.

/** How a mapping file names an Entra group. */
export type GroupReference = { id: string } | { displayName: string };

/** What the mappings ask a source to read. */
export interface SourceRequest {
  /** Distinct group references used by the mappings. */
  groups: GroupReference[];
  /** Enterprise applications whose assigned users and groups define scope. */
  applications: { appId: string }[];
  /** Extra user attributes the mappings use (e.g. employeeId, onPremisesSamAccountName). */
  userAttributes: string[];
  /**
   * Accounts the mappings name directly (protected entries): each one that no group or
   * application reaches is looked up by object id or userPrincipalName, so a typo is told apart
   * from an account outside the mapped groups.
   */
  accounts?: string[];
  /**
   * People the mappings grant access to directly (`members: [{ user }]`), by object id or
   * userPrincipalName: each is read in full into `users` (one GET /users/{id or UPN} unless a
   * group or application already brought them), and `namedUsers` says which object id each is.
   */
  users?: string[];
}

export interface DirectoryUser {
  /** Entra object id: the stable key every target uses as externalId. */
  id: string;
  userPrincipalName: string;
  mail: string | null;
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  accountEnabled: boolean;
  /** "Member" or "Guest" (an invited external account); absent or null when not read. */
  userType?: string | null;
  /** Values of SourceRequest.userAttributes (null when Graph has none). */
  attributes: Record<string, string | null>;
}

/** Directory objects inside a group that are not users, counted and otherwise ignored. */
export interface IgnoredMembers {
  devices: number;
  servicePrincipals: number;
  contacts: number;
  other: number;
}

export interface ResolvedGroup {
  /** The reference exactly as the mappings gave it. */
  reference: GroupReference;
  id: string;
  displayName: string;
  /** The group's description in Entra ID (null or absent when it has none). */
  description?: string | null;
  /** Transitive user members (nested groups flattened), object ids sorted. */
  userIds: string[];
  ignored: IgnoredMembers;
}

export interface AppRoleAssignment {
  principalId: string;
  principalType: "User" | "Group";
  principalDisplayName: string | null;
  /** The app role's id; 00000000-0000-0000-0000-000000000000 is the default access role. */
  appRoleId: string;
  /** The app role's `value` (what mappings name), or null for the default access role. */
  appRoleValue: string | null;
  /** The users this assignment grants: the user itself, or the group's transitive users (sorted). */
  userIds: string[];
}

export interface ResolvedApplication {
  appId: string;
  servicePrincipalId: string;
  displayName: string;
  assignments: AppRoleAssignment[];
}

export interface DirectorySnapshot {
  /** Every user referenced by any group or application, keyed by object id. */
  users: Record<string, DirectoryUser>;
  groups: ResolvedGroup[];
  applications: ResolvedApplication[];
  /** Requests made to read it, for the benchmark and for logs. */
  stats: { requests: number; ignored: IgnoredMembers };
  /**
   * SourceRequest.accounts that match none of `users`, looked up on their own: the account, or
   * null when the directory has no user with that object id or userPrincipalName. Absent when
   * the request named no accounts.
   */
  otherAccounts?: Record<string, { id: string; userPrincipalName: string } | null>;
  /**
   * SourceRequest.users as requested → the object id of that user (in `users`), or null when the
   * directory has no user with that object id or userPrincipalName. Absent when none were requested.
   */
  namedUsers?: Record<string, string | null>;
}
