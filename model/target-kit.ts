// What a target's model part builds with: the readers, schema blocks, duplicate checks and
// identity rules every target shares. Targets import these from here, not from model's inner files.
export type { AnyTargetPart, At, BuildContext, DesiredOf, MappingsOf, MergeContext, Schema, SectionReader, TargetModelPart } from "./target-part";
export type { AttributeRule, MemberSource } from "./mapping-model";
export type { LeaverPolicy } from "./desired";
export { compareText, problem, ProblemCode, sortedByKey, type MappingProblem, type SourcePosition } from "./problems";
export { GUID, attributeRule, commaFree, leavers, memberSources, optionalFlag, optionalText, text } from "./schema/schema-parts";
export * as read from "./load/read-values";
export { byPosition, duplicates } from "./load/duplicates";
export { assignIdentities } from "./build/identities";
export { usersIn } from "./build/users";
export type { ResolvedSource } from "./build/resolve-sources";
export type { Path } from "./load/yaml-file";
