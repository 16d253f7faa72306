// The small stack commands beside the operations: config set/get, state unprotect, unlock.
import * as path from "node:path";
import { EngineError } from "./errors";
import { acquireLock, breakLock } from "./lock";
import { SecretsManager } from "./passphrase";
import { loadProject, stackConfigFile, validateStackName } from "./project";
import { getConfigValue, readStackConfigFile, resolveConfig, setConfigValue } from "./stack-config";
import { loadState, saveState, stateFile } from "./state";

export interface StackLocation {
  projectDir: string;
  stack: string;
  configFile?: string;
  stateDir?: string;
  env?: NodeJS.ProcessEnv;
}

function locate(o: StackLocation) {
  const env = { ...process.env, ...o.env };
  const project = loadProject(path.resolve(o.projectDir));
  const stack = validateStackName(o.stack);
  const stateDir = path.resolve(project.dir, o.stateDir ?? env.PULUMI_OFFLINE_STATE_DIR ?? ".pulumi-offline");
  return { env, project, stack, stateDir, configPath: stackConfigFile(project, stack, o.configFile) };
}

/** `config set [--secret] key value`: the key is namespaced to the project unless it has a namespace. */
export function configSet(o: StackLocation & { key: string; value: string; secret?: boolean }): void {
  const { env, project, stack, stateDir, configPath } = locate(o);
  const file = readStackConfigFile(project, configPath);
  // A stack that already has secrets in its state keeps one salt for config and state.
  const stateSalt = loadState(stateFile(stateDir, stack), project.name, stack).secretsSalt;
  setConfigValue(project, configPath, o.key, o.value, o.secret === true, new SecretsManager(env, file.encryptionSalt ?? stateSalt));
}

/** `config get key`: the value the program would see (secrets decrypted). */
export function configGet(o: StackLocation & { key: string }): string {
  const { env, project, stack, stateDir, configPath } = locate(o);
  const file = readStackConfigFile(project, configPath);
  const stateSalt = loadState(stateFile(stateDir, stack), project.name, stack).secretsSalt;
  const value = getConfigValue(project, resolveConfig(project, file, new SecretsManager(env, file.encryptionSalt ?? stateSalt)), o.key);
  if (value === undefined) throw new EngineError("NOT_FOUND", `configuration key '${o.key}' not found for stack '${stack}'`, { stack });
  return value;
}

/** `state unprotect <urn>`: clears `protect` in state so the resource can be deleted. */
export function unprotect(o: StackLocation & { urn: string }): void {
  const { project, stack, stateDir } = locate(o);
  const lock = acquireLock(stateDir, stack, "state unprotect", `node dist/bench/engine/cli.js unlock --stack ${stack}`);
  try {
    const file = stateFile(stateDir, stack);
    const state = loadState(file, project.name, stack);
    const matches = state.resources.filter((r) => r.urn === o.urn);
    if (matches.length === 0) throw new EngineError("NOT_FOUND", `no resource ${o.urn} in stack ${stack}`, { urn: o.urn, stack });
    for (const r of matches) delete r.protect;
    // The state is rewritten as read: its encrypted values stay encrypted.
    saveState(file, state, new SecretsManager({}, state.secretsSalt));
  } finally {
    lock.release();
  }
}

/** `unlock`: removes a stale lock; true when there was one. */
export function unlock(o: StackLocation): boolean {
  const { stack, stateDir } = locate(o);
  return breakLock(stateDir, stack);
}
