// The text of model/mapping.schema.json for a set of target parts. A test fails when the
// committed file and the schema generated from the target table differ; the table's module
// writes the file (see providers/write-mapping-schema.ts).
import { buildMappingSchema } from "./mapping-schema";
import type { AnyTargetPart } from "../target-part";

export function mappingSchemaText(parts: readonly AnyTargetPart[]): string {
  return `${JSON.stringify(buildMappingSchema(parts), null, 2)}\n`;
}
