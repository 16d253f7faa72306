// Writes an import's files into a folder and proves them: they must load with the loader exactly
// as a stack's mappings do. A folder that already holds files is never written over unless asked.
import * as fs from "node:fs";
import * as path from "node:path";
import { formatProblem, type MappingProblem } from "../../model";
import { loadMappings } from "../target-model";
import { importedFiles, type ImportedSections } from "./document";

export class OutputExistsError extends Error {}

export interface WrittenImport {
  files: string[];
  /** Loader warnings (an unused alias, ...); errors throw. */
  warnings: MappingProblem[];
}

export function writeImport(sections: ImportedSections, o: { outDir: string; projectDir: string; force?: boolean }): WrittenImport {
  if (fs.existsSync(o.outDir) && fs.readdirSync(o.outDir).length > 0 && !o.force) {
    throw new OutputExistsError(`${o.outDir} already holds files: choose another --out, or pass --force to write over them`);
  }
  const schema = path
    .relative(o.outDir, path.join(o.projectDir, "model", "mapping.schema.json"))
    .split(path.sep)
    .join("/");
  const texts = importedFiles(sections, schema);
  fs.mkdirSync(o.outDir, { recursive: true });
  const files = Object.entries(texts).map(([name, text]) => {
    const file = path.join(o.outDir, name);
    fs.writeFileSync(file, text);
    return file;
  });
  const loaded = loadMappings(files);
  if (!loaded.value)
    throw new Error(`The imported mappings do not load (a bug in the import):\n${loaded.errors.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  return { files, warnings: loaded.warnings };
}
