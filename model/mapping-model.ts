// The validated content of all mapping files, merged: what the loader returns and the builder
// reads. Every item remembers where it was written so later problems can point at it.
import type { GroupReference } from "../sources/snapshot";
import type { LeaverPolicy, SafetySettings } from "./desired";
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
  /** The group's description where a target pushes one (Password Safe); null or absent = Entra's. */
  description?: string | null;
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

/** When a temporary grant ends (`until:` on a member source). */
export interface GrantExpiry {
  /** As written: "2026-12-31" or "2026-12-31T18:00Z". */
  text: string;
  /** The first instant (ms since the epoch, UTC) the grant no longer holds: a date means the end of that day (UTC). */
  end: number;
  at: SourcePosition;
}

/**
 * Who a policy or role is granted to: a group alias, an application's assignments (one role or
 * all), or one person directly (a direct grant, by userPrincipalName or Entra object id);
 * `until` makes the grant temporary.
 */
export type MemberSource =
  | { kind: "group"; alias: string; at: SourcePosition; until?: GrantExpiry | null }
  | { kind: "application"; alias: string; role: string | null; at: SourcePosition; until?: GrantExpiry | null }
  | { kind: "user"; user: string; at: SourcePosition; until?: GrantExpiry | null };

/** A member source as the mappings write it: `vendors`, `app/role`, or the person of a direct grant. */
export function memberSourceName(m: MemberSource): string {
  if (m.kind === "user") return m.user;
  return m.kind === "application" && m.role !== null ? `${m.alias}/${m.role}` : m.alias;
}

/** How a grant's path names its member source: the source's name, or `direct grant in <file>:<line>`. */
export function memberSourcePath(m: MemberSource): string {
  return m.kind === "user" ? `direct grant in ${m.at.file}:${m.at.line}` : memberSourceName(m);
}

export interface ProtectedAccount {
  /** A username, UPN, mail address or Entra object id, matched case-insensitively. */
  value: string;
  at: SourcePosition;
}

/** A grant guardrails name: `<target>:<kind>:<name>`, e.g. "pra:permission:perm_shell_jump". */
export interface GrantReference {
  key: string;
  at: SourcePosition;
}

/** An access rule checked on the desired state before anything is declared. */
export type Guardrail = {
  name: string;
  /** error blocks preview and up; warning is reported only. */
  severity: "error" | "warning";
  at: SourcePosition;
} & (
  | {
      kind: "onlyFrom";
      grant: GrantReference;
      from: string[];
      fromAt: SourcePosition[];
      /** Direct grants (`{user}` members) are allowed too. */ allowDirect: boolean;
    }
  | { kind: "neverTogether"; grants: [GrantReference, GrantReference] }
  | { kind: "noExternal"; grants: GrantReference[] }
  | { kind: "maxMembers"; grant: GrantReference; max: number }
);

/** What every stack's mappings hold, whatever its targets. */
export interface CommonMappings {
  /** The files the model was read from, in the order given. */
  files: string[];
  /** Sorted by alias. */
  groups: GroupAlias[];
  /** Sorted by alias. */
  applications: ApplicationAlias[];
  /** Sorted by value. */
  protectedAccounts: ProtectedAccount[];
  safety: SafetySettings;
  /** In file order. */
  guardrails: Guardrail[];
}

/**
 * The merged mappings: the common sections, and per target its part's mappings, or null when no
 * file has that target's section (the target is then not managed at all).
 */
export type MappingModel<Targets extends object = Record<string, unknown>> = CommonMappings & { readonly [K in keyof Targets]: Targets[K] | null };

/** A target's mappings in a merged model (null when no file has its section). */
export function mappingsOf(model: CommonMappings, name: string): unknown {
  return (model as unknown as Record<string, unknown>)[name] ?? null;
}

export const defaultLeaverPolicy: LeaverPolicy = "deactivate";
export const defaultMaxRemovals = 10;
export const defaultMaxRemovalPercent = 20;
