// What a target contributes to the model: its section of the mapping files (schema, reader,
// merge) and its part of the desired state. The model's loader and builder loop over the parts
// they are given and name no product; each target's folder under providers/ supplies its part.
import type { DirectorySnapshot } from "../sources/snapshot";
import type { AttributeRule, MemberSource } from "./mapping-model";
import type { LeaverPolicy } from "./desired";
import type { SourceResolver } from "./build/resolve-sources";
import type { MappingProblem, SourcePosition } from "./problems";
import type { Path } from "./load/yaml-file";

export type Schema = Record<string, unknown>;
export type At = (path: Path, target?: "value" | "key") => SourcePosition;

/** Reading one file's section `<target>:` (its structure has been validated already). */
export interface SectionReader {
  at: At;
  /** Records a setting written once across all files, e.g. `userName` → "pra.userName". */
  setting(key: string, value: unknown): void;
  /** Problems found within this file alone. */
  problems: MappingProblem[];
}

/** What merging every file's section may use. */
export interface MergeContext {
  /** Where the first file opens this target's section. */
  at: SourcePosition;
  errors: MappingProblem[];
  warnings: MappingProblem[];
  /** false when some file could not be parsed: references are then not checked. */
  checkReferences: boolean;
  /** The attribute rule written as `<target>.<key>`, else `{attribute: fallback}` at the section. */
  rule(key: string, fallback: AttributeRule["attribute"]): AttributeRule;
  /** `<target>.leavers`, else the top-level `leavers`, else the default. */
  leavers(): LeaverPolicy;
  /** A setting recorded by `SectionReader.setting` as `<target>.<key>` (written once across files), with where. */
  setting(key: string): { value: unknown; at: SourcePosition } | undefined;
  /** A bare alias that names an application stands for all of its assignments. */
  memberSource: (member: MemberSource) => MemberSource;
}

export interface ProtectedAccounts {
  isProtected: (userId: string) => boolean;
  /** Lower-cased names a target must never touch: the configured values plus the matched users' names. */
  names: string[];
}

export interface BuildContext {
  snapshot: DirectorySnapshot;
  resolver: SourceResolver;
  protectedAccounts: ProtectedAccounts;
  problems: MappingProblem[];
  /** false for a member source whose `until` has passed: it grants nothing any more. */
  isCurrent: (member: MemberSource) => boolean;
}

/** A policy or role in a target's mappings: what it grants and to whom. */
export interface GrantRule {
  /** "group policy", "role", ... */
  kind: string;
  name: string;
  /** The grant key guardrails name: `<target>:<kind>:<name>`. */
  key: string;
  members: MemberSource[];
  /** The longest temporary grant (`until`) a member may get, in days; null = no limit. */
  maxGrantDays: number | null;
  /** Where `maxGrantDays` is written (the rule when absent). */
  maxGrantDaysAt: SourcePosition;
  at: SourcePosition;
  /** Where the product holds what this rule grants: the drift report matches expired grants to planned removals by it. */
  heldIn?: GrantHolder;
}

/**
 * The resource (and field) that carries a rule's grant in the product, by exact identity:
 * either one resource (its URN name, e.g. a group policy's name) whose `field` lists the member
 * sources' groups (`memberResource` objects, matched by externalId), or every account whose
 * `field` holds `value` (a role).
 */
export type GrantHolder =
  | {
      resource: string;
      name: string;
      field: string;
      memberResource: string;
      /** externalId prefix of a direct grant's per-person group. */ directPrefix: string;
    }
  | { resource: string; field: string; value: string };

/** One thing a person holds in a target, and the mapping that grants it. */
export interface Grant {
  userId: string;
  /** `<target>:<kind>:<name>`: what guardrails name, e.g. "pra:permission:perm_shell_jump". */
  key: string;
  /** "group policy", "SCIM group", "permission", "jump group", "role", "host principal". */
  kind: string;
  name: string;
  /** The policy or role (or host) in the mappings that grants it. */
  rule: { kind: string; name: string; at: SourcePosition };
  /** The member source that brings the person in. */
  member: MemberSource;
  /** A setting's value (permissions): several rules may set one, see `final`. */
  value?: string | number | boolean | null;
  /** The rule marks its settings final: lower-priority rules cannot override them. */
  final?: boolean;
  /** More about it: "jump item role Administrator", "shared account root". */
  detail?: string;
  /** Past its `until`: left out of the desired state. */
  expired: boolean;
}

/** A person's account in one target. */
export interface TargetAccount {
  /** The account's name in the target (username), or null when it gets none. */
  name: string | null;
  state: "active" | "disabled" | "protected" | "left out";
  /** Why it is disabled, protected or left out. */
  reason: string | null;
}

export interface GrantContext {
  snapshot: DirectorySnapshot;
  resolver: SourceResolver;
  protectedAccounts: ProtectedAccounts;
  isCurrent: (member: MemberSource) => boolean;
  /** Only these users (object ids); null = everyone. */
  users: ReadonlySet<string> | null;
}

export interface TargetGrants {
  grants: Grant[];
  /** Accounts of the users asked about that some member source of the target holds. */
  accounts: Map<string, TargetAccount>;
}

export interface TargetModelPart<Section = unknown, Mappings = unknown, Desired = unknown> {
  /** The section key in mapping files and the target's name: "pra", "privx". */
  readonly name: string;
  /** JSON Schema of the section. */
  readonly schema: Schema;
  /** The longest SCIM group name (an alias's `scimGroupName`) the target accepts, if it has such a limit. */
  readonly scimGroupNameLimit?: number;
  readSection(section: Record<string, unknown>, reader: SectionReader): Section;
  merge(sections: readonly Section[], context: MergeContext): Mappings;
  /** Every member source the mappings use: checked against the aliases and read from the directory. */
  memberSources(mappings: Mappings): MemberSource[];
  /** Field paths in the section of the names it introduces (roles, domains, jump groups), `[*]` any index: checked for look-alike scripts like every policy name (see unsafe-text.ts). */
  readonly nameFields?: readonly string[];
  /** Accounts the mappings name outside member sources (role locks): looked up in the directory so that a misspelt name is told from a person outside the mapped groups. */
  namedAccounts?(mappings: Mappings): string[];
  /** Attribute rules whose attributes the directory read must fetch. */
  attributeRules(mappings: Mappings): AttributeRule[];
  build(mappings: Mappings, context: BuildContext): Desired;
  /** The grant kinds guardrails may name (`<target>:<kind>:<name>`). */
  readonly grantKinds?: readonly string[];
  /**
   * Every name each grant kind can have under these mappings, held by anyone or not, by kind: a
   * guardrail naming another grants-nothing name checks nothing, so it is an error. Kinds left
   * out are not checked.
   */
  grantNames?(mappings: Mappings): Partial<Record<string, readonly string[]>>;
  /** The policies and roles, with their member sources: expiry limits, reports. */
  grantRules?(mappings: Mappings): GrantRule[];
  /** Who holds what through these mappings, and each person's account: explain and guardrails. */
  grantsOf?(mappings: Mappings, desired: Desired, context: GrantContext): TargetGrants;
}

export type AnyTargetPart = TargetModelPart<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type MappingsOf<P> = P extends TargetModelPart<any, infer M, any> ? M : never; // eslint-disable-line @typescript-eslint/no-explicit-any
export type DesiredOf<P> = P extends TargetModelPart<any, any, infer D> ? D : never; // eslint-disable-line @typescript-eslint/no-explicit-any
