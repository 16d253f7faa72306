// Regenerates model/mapping.schema.json from the target table. A test fails when the committed
// file and the generated schema differ. Run from the repository root after building:
//   node dist/providers/write-mapping-schema.js [output path]
import * as fs from "node:fs";
import { mappingSchemaText } from "./target-model";

if (require.main === module) {
  const target = process.argv[2] ?? "model/mapping.schema.json";
  fs.writeFileSync(target, mappingSchemaText());
  console.log(`wrote ${target}`);
}
