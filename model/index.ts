// The model's public surface: load mapping files, ask the source for what they need, build the
// desired state. Everything else in model/ is an implementation detail.
export type * from "./desired";
export type * from "./mapping-model";
export { defaultLeaverPolicy, defaultMaxRemovalPercent, defaultMaxRemovals, memberSourceName, memberSourcePath, userAttributes } from "./mapping-model";
export { formatProblem, formatPosition, problem, ProblemCode, sortProblems } from "./problems";
export type { MappingProblem, ProblemSeverity, SourcePosition } from "./problems";
export { loadMappings, loadMappingsFromText, expandMappingFiles } from "./load/load-mappings";
export type { LoadResult, MappingSource } from "./load/load-mappings";
export { sourceRequestOf } from "./source-request";
export { buildDesiredState } from "./build/build-desired-state";
export type { BuildOptions, BuildResult } from "./build/build-desired-state";
export { accessOf } from "./access/access";
export { isGuest } from "./access/guests";
export { temporaryGrants, type TemporaryGrant } from "./access/temporary-grants";
export { clockValue, daysUntil, endsWithin, EXPIRY_WARNING_DAYS, isCurrentAt, untilEnd } from "./access/expiry";
export { buildMappingSchema } from "./schema/mapping-schema";
export type { AnyTargetPart, Grant, GrantRule, TargetGrants, TargetAccount, TargetModelPart } from "./target-part";
