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
  /** A bare alias that names an application stands for all of its assignments. */
  memberSource(member: MemberSource): MemberSource;
}

export interface ProtectedAccounts {
  isProtected(userId: string): boolean;
  /** Lower-cased names a target must never touch: the configured values plus the matched users' names. */
  names: string[];
}

export interface BuildContext {
  snapshot: DirectorySnapshot;
  resolver: SourceResolver;
  protectedAccounts: ProtectedAccounts;
  problems: MappingProblem[];
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
  /** Attribute rules whose attributes the directory read must fetch. */
  attributeRules(mappings: Mappings): AttributeRule[];
  build(mappings: Mappings, context: BuildContext): Desired;
}

export type AnyTargetPart = TargetModelPart<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type MappingsOf<P> = P extends TargetModelPart<any, infer M, any> ? M : never; // eslint-disable-line @typescript-eslint/no-explicit-any
export type DesiredOf<P> = P extends TargetModelPart<any, any, infer D> ? D : never; // eslint-disable-line @typescript-eslint/no-explicit-any
