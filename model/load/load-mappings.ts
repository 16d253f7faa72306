// Entry point of the loader: mapping files in, one validated model (or none) and every problem out.
import * as fs from "node:fs";
import { decodeMappingFile } from "./file-encoding";
import * as path from "node:path";
import type { MappingModel } from "../mapping-model";
import { compareText, problem, ProblemCode, sortProblems, type MappingProblem } from "../problems";
import { mergeFragments } from "./merge";
import { readFile, type FileFragment } from "./read-file";
import type { AnyTargetPart } from "../target-part";
import { validateStructure } from "./validate-structure";
import { parseYamlFile } from "./yaml-file";

export interface LoadResult {
  /** The merged model; null when there is any error. */
  value: MappingModel | null;
  errors: MappingProblem[];
  warnings: MappingProblem[];
}

export interface MappingSource {
  file: string;
  text: string;
}

/**
 * Loads mapping files. Each entry is a file, a directory (its *.yaml and *.yml files), or a path
 * whose last segment holds `*` wildcards (stacks/demo/mappings/*.yaml).
 */
export function loadMappings(files: string[], parts: readonly AnyTargetPart[]): LoadResult {
  const { files: found, errors } = expandMappingFiles(files);
  const sources: MappingSource[] = [];
  for (const file of found) {
    try {
      const decoded = decodeMappingFile(fs.readFileSync(file));
      if ("text" in decoded) sources.push({ file, text: decoded.text });
      else errors.push(problem(ProblemCode.FILE_ENCODING, { file, line: decoded.line, column: decoded.column, field: "" }, decoded.problem));
    } catch (err) {
      errors.push(
        problem(
          ProblemCode.FILE_UNREADABLE,
          { file, line: 1, column: 1, field: "" },
          `cannot read the file (${(err as NodeJS.ErrnoException).code ?? "error"})`,
        ),
      );
    }
  }
  const result = sources.length ? loadMappingsFromText(sources, parts) : { value: null, errors: [], warnings: [] };
  const allErrors = sortProblems([...errors, ...result.errors]);
  return { value: allErrors.length ? null : result.value, errors: allErrors, warnings: result.warnings };
}

export function loadMappingsFromText(sources: MappingSource[], parts: readonly AnyTargetPart[]): LoadResult {
  const errors: MappingProblem[] = [];
  const warnings: MappingProblem[] = [];
  const fragments: FileFragment[] = [];
  let allParsed = true;
  for (const source of sources) {
    const parsed = parseYamlFile(source.file, source.text);
    errors.push(...parsed.errors);
    warnings.push(...parsed.warnings);
    if (parsed.errors.length) {
      allParsed = false;
      continue;
    }
    // An emptied file is valid YAML, but whatever it mapped is gone: say which file, so a run that removal safety stops names it.
    if (
      parsed.yaml.value === null ||
      parsed.yaml.value === undefined ||
      (typeof parsed.yaml.value === "object" && Object.keys(parsed.yaml.value).length === 0)
    ) {
      warnings.push(
        problem(
          ProblemCode.EMPTY_FILE,
          { file: source.file, line: 1, column: 1, field: "" },
          `the mapping file ${source.file} holds no mappings (it is empty or only comments): everything it mapped is to be removed`,
          { severity: "warning" },
        ),
      );
    }
    errors.push(...validateStructure(parsed.yaml, parts));
    fragments.push(readFile(parsed.yaml, parts));
  }
  const merged = mergeFragments(
    sources.map((s) => s.file),
    fragments,
    allParsed,
    parts,
  );
  errors.push(...merged.errors);
  warnings.push(...merged.warnings);
  return { value: errors.length ? null : merged.model, errors: sortProblems(errors), warnings: sortProblems(warnings) };
}

/** Files named by `specs` (files, directories, basename wildcards), sorted within each spec, without repeats. */
export function expandMappingFiles(specs: string[]): { files: string[]; errors: MappingProblem[] } {
  const files: string[] = [];
  const errors: MappingProblem[] = [];
  const nowhere = (spec: string) => ({ file: spec, line: 1, column: 1, field: "" });
  for (const spec of specs.map((s) => s.trim()).filter(Boolean)) {
    const matches = matchSpec(spec);
    if (matches === null) errors.push(problem(ProblemCode.FILE_UNREADABLE, nowhere(spec), "no such file or directory"));
    else if (matches.length === 0) errors.push(problem(ProblemCode.NO_MAPPING_FILES, nowhere(spec), "matches no mapping file"));
    for (const m of matches ?? []) if (!files.includes(m)) files.push(m);
  }
  if (specs.every((s) => !s.trim())) errors.push(problem(ProblemCode.NO_MAPPING_FILES, nowhere("(mappings)"), "no mapping file given"));
  return { files, errors };
}

function matchSpec(spec: string): string[] | null {
  const base = path.basename(spec);
  if (base.includes("*")) {
    const dir = path.dirname(spec);
    const pattern = new RegExp(`^${base.split("*").map(escapeRegExp).join("[^/]*")}$`);
    return listDir(dir, (name) => pattern.test(name));
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(spec);
  } catch {
    return null;
  }
  return stat.isDirectory() ? listDir(spec, (name) => /\.ya?ml$/i.test(name)) : [spec];
}

function listDir(dir: string, accept: (name: string) => boolean): string[] | null {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  return names
    .filter(accept)
    .sort(compareText)
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
