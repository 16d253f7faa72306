// What the workflows need to know about a stack before running Pulumi: its mapping files'
// safety settings. Read from the same stack config file Pulumi reads (no secrets needed).
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { clockValue, expandMappingFiles, formatProblem, type TemporaryGrant } from "../model";
import { loadMappings, temporaryGrantsOf, type ReconcilerMappings } from "../providers/target-model";
import { environmentNameOf, type ConfigGetter } from "../lib/provider/provider-config";

export interface StackSafety {
  maxRemovals: number;
  protectedAccounts: string[];
}

/** The plain (non-secret) value of `pam-reconciler:<key>` in the stack's config file. */
export function stackConfigValue(projectDir: string, stack: string, key: string, configFile?: string): string | undefined {
  const value = stackConfigEntry(projectDir, stack, key, configFile);
  return typeof value === "string" ? value : undefined;
}

/** The value of `pam-reconciler:<key>` as the file holds it (`{secure: ...}` for a secret). */
function stackConfigEntry(projectDir: string, stack: string, key: string, configFile?: string): unknown {
  const project = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string; stackConfigDir?: string };
  const file = configFile ? path.resolve(projectDir, configFile) : path.join(projectDir, project.stackConfigDir ?? ".", `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) return undefined;
  const config = (parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {};
  return config[`${project.name}:${key}`] ?? config[key];
}

/**
 * Stack config as the program reads it, outside a Pulumi run: plain values from the stack's
 * config file, then the environment (`PAM_RECONCILER_<KEY>`), then the file's secrets through
 * `secret` (the Pulumi CLI's `config get`), so a secret in the environment costs no process.
 */
export function stackConfigGetter(
  projectDir: string,
  stack: string,
  options: { configFile?: string; env?: NodeJS.ProcessEnv; secret?: (key: string) => string | undefined } = {},
): ConfigGetter {
  const env = options.env ?? process.env;
  return (key) => {
    const entry = stackConfigEntry(projectDir, stack, key, options.configFile);
    if (typeof entry === "string" && entry !== "") return entry;
    if (typeof entry === "number" || typeof entry === "boolean") return String(entry);
    const fromEnv = env[environmentNameOf(key)];
    if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
    return entry !== undefined && entry !== null && options.secret ? options.secret(key) : undefined;
  };
}

/** The `mappings` config value as file specs: comma-separated, default `stacks/<stack>/mappings`. */
export function mappingSpecsOf(setting: string | undefined, stack: string): string[] {
  return (setting ?? `stacks/${stack}/mappings`).split(",").map((s) => s.trim());
}

export function stackSafety(projectDir: string, stack: string, configFile?: string): StackSafety {
  const mappings = stackMappings(projectDir, stack, configFile);
  return { maxRemovals: mappings.safety.maxRemovals, protectedAccounts: mappings.protectedAccounts.map((a) => a.value) };
}

function stackMappings(projectDir: string, stack: string, configFile?: string): ReconcilerMappings {
  // Relative to where this runs when that is inside the project, so file:line reads as the program's.
  const specs = mappingSpecsOf(stackConfigValue(projectDir, stack, "mappings", configFile), stack).map((s) => readablePath(path.resolve(projectDir, s)));
  const expanded = expandMappingFiles(specs);
  const loaded = expanded.errors.length ? undefined : loadMappings(expanded.files);
  const problems = expanded.errors.length ? expanded.errors : (loaded?.errors ?? []);
  if (!loaded?.value) throw new Error(`The mapping files of stack ${stack} have problems:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  return loaded.value;
}

/** A path relative to the working directory when it lies inside it, else absolute. */
export function readablePath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}

/**
 * The stack's temporary grants judged by the program's clock: the `now` setting (stack config,
 * else PAM_RECONCILER_NOW in `env`), else the machine's time.
 */
export function stackTemporaryGrants(
  projectDir: string,
  stack: string,
  options: { configFile?: string; env?: NodeJS.ProcessEnv; machineNow?: () => number } = {},
): { now: number; grants: TemporaryGrant[] } {
  const get = stackConfigGetter(projectDir, stack, { configFile: options.configFile, env: options.env ?? process.env });
  const now = clockValue(get("now"), options.machineNow ?? Date.now);
  return { now, grants: temporaryGrantsOf(stackMappings(projectDir, stack, options.configFile), now) };
}
