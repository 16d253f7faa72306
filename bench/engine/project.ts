// The project file (Pulumi.yaml) and where a stack's config file lives.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { EngineError } from "./errors";
import { isPlainObject } from "./properties";

export interface Project {
  dir: string;
  name: string;
  /** The program to run, relative to the project dir ("." when Pulumi.yaml names none). */
  main: string;
  stackConfigDir?: string;
  /** runtime.options.typescript; the Node language host defaults it to true. */
  typescript: boolean;
  /** runtime.options.nodeargs: Node options the language host puts before the program runner. */
  nodeArgs: string[];
  /** Project-level config defaults ("project:key" → raw value). */
  configDefaults: Record<string, unknown>;
}

export function loadProject(dir: string): Project {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new EngineError("NOT_FOUND", `no Pulumi.yaml in ${dir}`, { file: path.join(dir, "Pulumi.yaml") });
  let doc: unknown;
  try {
    doc = YAML.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new EngineError("VALIDATION", `Pulumi.yaml is not valid YAML: ${(e as Error).message}`, { file });
  }
  if (!isPlainObject(doc) || typeof doc.name !== "string" || doc.name === "") {
    throw new EngineError("VALIDATION", "Pulumi.yaml must set a project `name`", { file });
  }
  const runtime = doc.runtime;
  const runtimeName = typeof runtime === "string" ? runtime : isPlainObject(runtime) ? runtime.name : undefined;
  if (runtimeName !== "nodejs") {
    throw new EngineError("VALIDATION", "the offline engine runs only `runtime: nodejs` projects", { file });
  }
  const options = isPlainObject(runtime) && isPlainObject(runtime.options) ? runtime.options : {};
  const name = doc.name;
  return {
    dir,
    name,
    main: typeof doc.main === "string" && doc.main !== "" ? doc.main : ".",
    stackConfigDir: typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : undefined,
    typescript: options.typescript !== false,
    nodeArgs: nodeArgsOf(options.nodeargs, file),
    configDefaults: projectConfigDefaults(name, doc.config),
  };
}

/** The CLI's language host splits nodeargs like a shell; this engine takes space-separated options only. */
function nodeArgsOf(value: unknown, file: string): string[] {
  if (value === undefined) return [];
  if (typeof value !== "string") throw new EngineError("VALIDATION", `${file}: runtime.options.nodeargs must be a string`, { file });
  if (/["'\\]/.test(value))
    throw new EngineError(
      "VALIDATION",
      `${file}: runtime.options.nodeargs: the offline engine takes Node options separated by spaces, without quotes or escapes`,
      { file },
    );
  return value.split(/\s+/).filter(Boolean);
}

function projectConfigDefaults(project: string, config: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isPlainObject(config)) return out;
  for (const [key, spec] of Object.entries(config)) {
    const full = qualifyKey(project, key);
    if (isPlainObject(spec) && ("default" in spec || "value" in spec)) out[full] = spec.value ?? spec.default;
    else if (!isPlainObject(spec) || !("type" in spec)) out[full] = spec;
  }
  return out;
}

/** "key" → "project:key"; keys that already carry a namespace are kept. */
export function qualifyKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function stackConfigFile(project: Project, stack: string, configFile?: string): string {
  if (configFile) return path.resolve(project.dir, configFile);
  return path.join(project.dir, project.stackConfigDir ?? "", `Pulumi.${stack}.yaml`);
}

export function validateStackName(stack: string | undefined): string {
  if (!stack) throw new EngineError("VALIDATION", "no stack selected: pass --stack <name>");
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
    throw new EngineError("VALIDATION", `invalid stack name "${stack}": use letters, digits, '-', '_' or '.'`);
  }
  return stack;
}
