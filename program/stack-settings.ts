// What the workflows need to know about a stack before running Pulumi: its mapping files'
// safety settings. Read from the same stack config file Pulumi reads (no secrets needed).
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { expandMappingFiles, formatProblem } from "../model";
import { loadMappings } from "../providers/target-model";

export interface StackSafety {
  maxRemovals: number;
  protectedAccounts: string[];
}

/** The plain (non-secret) value of `pam-reconciler:<key>` in the stack's config file. */
export function stackConfigValue(projectDir: string, stack: string, key: string, configFile?: string): string | undefined {
  const project = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string; stackConfigDir?: string };
  const file = configFile ? path.resolve(projectDir, configFile) : path.join(projectDir, project.stackConfigDir ?? ".", `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) return undefined;
  const config = (parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {};
  const value = config[`${project.name}:${key}`] ?? config[key];
  return typeof value === "string" ? value : undefined;
}

/** The `mappings` config value as file specs: comma-separated, default `stacks/<stack>/mappings`. */
export function mappingSpecsOf(setting: string | undefined, stack: string): string[] {
  return (setting ?? `stacks/${stack}/mappings`).split(",").map((s) => s.trim());
}

export function stackSafety(projectDir: string, stack: string, configFile?: string): StackSafety {
  const specs = mappingSpecsOf(stackConfigValue(projectDir, stack, "mappings", configFile), stack).map((s) => path.resolve(projectDir, s));
  const expanded = expandMappingFiles(specs);
  const loaded = expanded.errors.length ? undefined : loadMappings(expanded.files);
  const problems = expanded.errors.length ? expanded.errors : (loaded?.errors ?? []);
  if (!loaded?.value) throw new Error(`The mapping files of stack ${stack} have problems:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  return { maxRemovals: loaded.value.safety.maxRemovals, protectedAccounts: loaded.value.protectedAccounts.map((a) => a.value) };
}
