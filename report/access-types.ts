// The data of an access report: what the builder produces and the renderers read.

import type { PropertyChange } from "./values";
import type { TemporaryGrant } from "../model";
import type { AdoptedObject } from "../model/adoption";
import type { TemporaryGrantLine } from "./temporary-grants";

export interface AccessReportOptions {
  /** More deactivated or deleted accounts than this turns on the safety warning. */
  maxRemovals: number;
  /** userNames that must never change; any change to one is called out. */
  protectedUserNames?: string[];
  /** The mappings' temporary grants, judged by the program's clock. */
  temporaryGrants?: TemporaryGrant[];
  /** What the program found the products already hold of what the plan creates (its adoption file). */
  adopted?: AdoptedObject[];
}

export interface Rename {
  from: string;
  to: string;
}

export interface AccountChanges {
  created: { userName: string; active: boolean }[];
  /** Active → inactive, or removed from the program under onRemove "deactivate". */
  deactivated: string[];
  reactivated: string[];
  /** Removed from the program under onRemove "delete": the account is deleted in the product. */
  deleted: string[];
  renamed: Rename[];
  /** Accounts whose roles become locked (newly declared, or the lock set): left as the product holds them. */
  locked: string[];
  /** Accounts the product already holds, taken over: what changes from what it holds now. */
  /** `relinkedFrom`: the externalId another tool had linked the account to, which the run replaces with ours. */
  adopted: { userName: string; changes: PropertyChange[]; relinkedFrom?: string }[];
  /** Other attribute changes (display name, mail, ...), by the account's new userName. */
  updated: { userName: string; changes: PropertyChange[] }[];
}

export interface MembershipChanges {
  added: string[];
  removed: string[];
  /** Same person (same Entra object id) under a new userName: neither a join nor a leave. */
  renamed: Rename[];
}

/** replaced: the object is deleted and created again in the product (it gets a new id). */
export type Lifecycle = "created" | "adopted" | "updated" | "replaced" | "deleted";

export interface ScimGroupChange {
  kind: "scimGroup";
  name: string;
  /** The group's former displayName when it is renamed. */
  previousName?: string;
  lifecycle: Lifecycle;
  members: MembershipChanges;
}

export interface JumpGroupLink {
  jumpItemRole: string;
  jumpPolicy: string;
}

export interface JumpGroupChange {
  jumpGroup: string;
  change: "added" | "removed" | "changed";
  before?: JumpGroupLink;
  after?: JumpGroupLink;
}

export interface GroupPolicyChange {
  kind: "groupPolicy";
  name: string;
  lifecycle: Lifecycle;
  memberGroups: { added: string[]; removed: string[] };
  /** PRA permission fields: for a new policy, every field it sets. */
  permissions: PropertyChange[];
  jumpGroups: JumpGroupChange[];
  other: PropertyChange[];
  /** Members the mappings cannot state (local users, other security providers' members), left as PRA holds them. */
  notManaged?: string[];
}

/** A PrivX role, seen through the `groups` of the users that hold it. */
export interface RoleChange {
  kind: "role";
  name: string;
  members: MembershipChanges;
}

export interface HostChange {
  kind: "host";
  name: string;
  lifecycle: Lifecycle;
  /** For a new host: every attribute it sets; for a changed one: what changes. */
  attributes: PropertyChange[];
}

/** A resource type this report does not know, listed so that nothing goes unseen. */
export interface OtherChange {
  kind: "other";
  type: string;
  name: string;
  lifecycle: Lifecycle;
  attributes: PropertyChange[];
}

export type ObjectChange = ScimGroupChange | GroupPolicyChange | RoleChange | HostChange | OtherChange;

export interface TargetReport {
  /** "PRA", "PrivX", or the module name of another target. */
  target: string;
  accounts: AccountChanges;
  /** Sorted: SCIM groups, group policies, roles, hosts, others; by name within a kind. */
  objects: ObjectChange[];
}

export interface AccessTotals {
  joined: number;
  left: number;
  accountsCreated: number;
  /** Objects the products already hold that the run takes over (counted apart from created ones). */
  adopted: number;
  deactivated: number;
  reactivated: number;
  deleted: number;
  renamed: number;
  /** Accounts deactivated or deleted: what the safety limit counts. */
  removals: number;
  groupPoliciesChanged: number;
  hostsAdded: number;
  hostsChanged: number;
  hostsRemoved: number;
  otherChanges: number;
}

export interface RemovedAccount {
  target: string;
  userName: string;
  how: "deactivated" | "deleted";
}

/** One thing that happens to a person: `what` ("removed from SCIM group") and its `object`. */
export interface PersonChange {
  target: string;
  what: string;
  object?: string;
}

export type AccessWarning =
  | { code: "REMOVALS_OVER_LIMIT"; removals: number; maxRemovals: number; accounts: RemovedAccount[] }
  | { code: "PROTECTED_ACCOUNT_CHANGE"; userName: string; changes: PersonChange[] };

export interface AccessReport {
  stack: string | null;
  totals: AccessTotals;
  targets: TargetReport[];
  warnings: AccessWarning[];
  maxRemovals: number;
  limitExceeded: boolean;
  hasChanges: boolean;
  /** Error diagnostics of the preview: when present the plan, and this report, are incomplete. */
  errors: string[];
  /** The engine's own resource counts, when the digest has them. */
  changeSummary: Record<string, number>;
  /** Every temporary grant with its expiry (empty when the mappings have none). */
  temporaryGrants: TemporaryGrantLine[];
}
