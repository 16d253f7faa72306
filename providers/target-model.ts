// The model bound to the target table: load mapping files, say what the directory read needs,
// build the desired state and generate the mapping schema, for every target in the table.
// What the program, the reports and the tests call.
import * as model from "../model";
import type { BuildOptions, CommonDesiredState, DesiredState, MappingModel, MappingProblem, MappingSource } from "../model";
import { memberSourceSizes as sourceSizes } from "../model/build/source-sizes";
import { sourceRequestOf as sourceRequest } from "../model/source-request";
import { mappingSchemaText as schemaText } from "../model/schema/write-mapping-schema";
import { buildMappingSchema } from "../model/schema/mapping-schema";
import type { DirectorySnapshot, SourceRequest } from "../sources/snapshot";
import { targetParts, type TargetDesiredState, type TargetMappings } from "./targets";

export type ReconcilerMappings = MappingModel<TargetMappings>;
export type ReconcilerDesiredState = DesiredState<TargetDesiredState> & CommonDesiredState;

export interface ReconcilerLoadResult {
  value: ReconcilerMappings | null;
  errors: MappingProblem[];
  warnings: MappingProblem[];
}

export function loadMappings(files: string[]): ReconcilerLoadResult {
  return model.loadMappings(files, targetParts) as ReconcilerLoadResult;
}

export function loadMappingsFromText(sources: MappingSource[]): ReconcilerLoadResult {
  return model.loadMappingsFromText(sources, targetParts) as ReconcilerLoadResult;
}

export function sourceRequestOf(mappings: ReconcilerMappings): SourceRequest {
  return sourceRequest(mappings, targetParts);
}

export function buildDesiredState(
  mappings: ReconcilerMappings,
  snapshot: DirectorySnapshot,
  options: BuildOptions = {},
): { state: ReconcilerDesiredState; problems: MappingProblem[] } {
  return model.buildDesiredState(mappings, snapshot, targetParts, options) as unknown as { state: ReconcilerDesiredState; problems: MappingProblem[] };
}

/** Who holds what in every target (for explain): only `users` when given. */
export function accessOf(
  mappings: ReconcilerMappings,
  snapshot: DirectorySnapshot,
  state: ReconcilerDesiredState,
  options: { now?: number; users?: ReadonlySet<string> },
) {
  return model.accessOf(mappings, snapshot, state as unknown as DesiredState, targetParts, options);
}

/** How many users each member source holds now: the removal check compares it with the last run. */
export function memberSourceSizes(mappings: ReconcilerMappings, snapshot: DirectorySnapshot): Record<string, number> {
  return sourceSizes(mappings, snapshot, targetParts);
}

/** Every temporary grant (until) in the mappings, judged at `now`. */
export function temporaryGrantsOf(mappings: ReconcilerMappings, now: number): model.TemporaryGrant[] {
  return model.temporaryGrants(mappings, targetParts, now);
}

export const mappingSchema = () => buildMappingSchema(targetParts);
export const mappingSchemaText = () => schemaText(targetParts);
