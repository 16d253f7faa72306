// Regenerates model/mapping.schema.json from mapping-schema.ts. A test fails when the committed
// file and the generated schema differ. Run from the repository root after building:
//   node .build/<dir>/model/schema/write-mapping-schema.js [output path]
import * as fs from "node:fs";
import { buildMappingSchema } from "./mapping-schema";

export function mappingSchemaText(): string {
  return `${JSON.stringify(buildMappingSchema(), null, 2)}\n`;
}

if (require.main === module) {
  const target = process.argv[2] ?? "model/mapping.schema.json";
  fs.writeFileSync(target, mappingSchemaText());
  console.log(`wrote ${target}`);
}
