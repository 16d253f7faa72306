// Stack configuration as the program sees it. Secrets are read raw here because the program
// needs the Entra credential to read the directory; none of them is put into a resource.
import * as path from "node:path";
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { environmentNameOf, type ConfigGetter } from "../providers/common/provider-config";

const PROJECT = "pam-reconciler";

export function programConfigGetter(env: NodeJS.ProcessEnv = process.env): ConfigGetter {
  return (key) => {
    const value = pulumi.runtime.getConfig(`${PROJECT}:${key}`);
    if (value !== undefined && value !== "") return value;
    const fromEnv = env[environmentNameOf(key)];
    return fromEnv === "" ? undefined : fromEnv;
  };
}

/** Mapping files: the `mappings` config (comma-separated files or folders), default stacks/<stack>/mappings. */
export function mappingFiles(setting: string | undefined, stack: string, projectDir: string): string[] {
  const entries = (setting ?? `stacks/${stack}/mappings`).split(",").map((s) => s.trim()).filter(Boolean);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.resolve(projectDir, entry);
    if (!fs.existsSync(full)) throw new Error(`mapping path ${entry} (config pam-reconciler:mappings) does not exist`);
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) {
        if (/\.ya?ml$/i.test(name)) files.push(path.join(full, name));
      }
    } else {
      files.push(full);
    }
  }
  if (files.length === 0) throw new Error(`no mapping files (*.yaml) found in ${entries.join(", ")}`);
  return files;
}
