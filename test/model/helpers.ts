// Shared helpers for the model tests.
import * as fs from "node:fs";
import * as path from "node:path";
import * as assert from "node:assert/strict";
import { loadMappingsFromText, type ReconcilerLoadResult as LoadResult } from "../../providers/target-model";
import type { ReconcilerMappings as MappingModel } from "../../providers/target-model";
import type { MappingProblem } from "../../model/problems";

/** The repository root, found from the compiled test's location (works for dist/ and .build/<dir>/). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pam-reconciler") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("repository root not found");
    dir = parent;
  }
}

/** Removes the common indentation so YAML can be written inline in tests. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

export function load(files: Record<string, string>): LoadResult {
  return loadMappingsFromText(Object.entries(files).map(([file, text]) => ({ file, text })));
}

export function loadValid(files: Record<string, string>): MappingModel {
  const result = load(files);
  assert.deepEqual(result.errors.map(brief), [], "expected no errors");
  assert.ok(result.value);
  return result.value;
}

/** The facts a test asserts on: code and position, never message text. */
export interface Brief {
  code: string;
  file: string;
  line: number;
  column: number;
  field: string;
}

export function brief(p: MappingProblem): Brief {
  return { code: p.code, file: p.file, line: p.line, column: p.column, field: p.field };
}

export function briefs(problems: MappingProblem[]): Brief[] {
  return problems.map(brief);
}
