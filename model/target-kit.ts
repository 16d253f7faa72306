// What a target's model part builds with: the readers, schema blocks, duplicate checks and
// identity rules every target shares. Targets import these from here, not from model's inner files.
export type {
  GrantContext,
  GrantHolder,
  AnyTargetPart,
  At,
  BuildContext,
  DesiredOf,
  Grant,
  GrantRule,
  MappingsOf,
  MergeContext,
  Schema,
  SectionReader,
  TargetGrants,
  TargetAccount,
  TargetModelPart,
} from "./target-part";
export type { AttributeRule, MemberSource } from "./mapping-model";
export { memberSourceName, memberSourcePath } from "./mapping-model";
export type { LeaverPolicy } from "./desired";
export { compareText, problem, ProblemCode, sortedByKey, type MappingProblem, type SourcePosition } from "./problems";
export { GUID, attributeRule, commaFree, leavers, maxGrantDays, memberSources, optionalFlag, optionalText, text } from "./schema/schema-parts";
export * as read from "./load/read-values";
export { normalizedName, unsafeNameReason } from "./load/unsafe-text";
export { byPosition, duplicates } from "./load/duplicates";
export { assignIdentities } from "./build/identities";
export { attributeValue } from "./build/attribute-rule";
export { accountOf } from "./access/accounts";
export { eachHolder } from "./access/holders";
export { usersIn } from "./build/users";
export type { ResolvedSource } from "./build/resolve-sources";
export type { Path } from "./load/yaml-file";
export { nearestHint, nearestNames } from "./nearest-names";
