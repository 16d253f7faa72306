// The stack's state file: one JSON document per stack, written atomically. Secret values are
// stored the way Pulumi checkpoints store them — {SIG_KEY: SECRET_SIG, ciphertext} with the JSON
// of the value encrypted by the stack's passphrase crypter — and never in plain text.
import { existsSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "./atomic-file";
import { EngineError } from "./errors";
import type { SecretsManager } from "./passphrase";
import { isPlainObject, isSecret, makeSecret, SECRET_SIG, SIG_KEY, type PropertyMap, type PropertyValue } from "./properties";

export const STATE_VERSION = 1;

export interface ResourceState {
  urn: string;
  type: string;
  custom: boolean;
  id?: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  parent?: string;
  provider?: string;
  dependencies: string[];
  propertyDependencies?: Record<string, string[]>;
  protect?: boolean;
  retainOnDelete?: boolean;
  deleteBeforeReplace?: boolean;
  ignoreChanges?: string[];
  additionalSecretOutputs?: string[];
  /** An old copy waiting for deletion (its replacement already exists). */
  delete?: boolean;
  /** The provider created the object but reported that it did not finish initialising. */
  initErrors?: string[];
}

export interface StackState {
  version: number;
  project: string;
  stack: string;
  /** The passphrase salt state used for the secrets below (same format as `encryptionsalt`). */
  secretsSalt?: string;
  resources: ResourceState[];
  /** The stack resource's outputs, repeated for `stack output`. */
  outputs: PropertyMap;
  lastUpdate?: { command: string; result: "succeeded" | "failed"; time: string };
  /** Counts full writes; a run's journal names the serial it was started from. */
  serial?: number;
}

export function emptyState(project: string, stack: string): StackState {
  return { version: STATE_VERSION, project, stack, resources: [], outputs: {} };
}

export function stateFile(stateDir: string, stack: string): string {
  return path.join(stateDir, `${stack}.json`);
}

interface EncryptedSecret {
  [SIG_KEY]: typeof SECRET_SIG;
  ciphertext: string;
}

function isEncryptedSecret(v: unknown): v is EncryptedSecret {
  return isPlainObject(v) && v[SIG_KEY] === SECRET_SIG && typeof v.ciphertext === "string";
}

function mapValues(v: PropertyValue, leaf: (x: PropertyValue) => PropertyValue): PropertyValue {
  const replaced = leaf(v);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(v)) return v.map((x) => mapValues(x, leaf));
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapValues(x, leaf)]));
  return v;
}

function hasEncrypted(v: PropertyValue): boolean {
  if (isEncryptedSecret(v)) return true;
  if (Array.isArray(v)) return v.some(hasEncrypted);
  if (isPlainObject(v)) return Object.values(v).some(hasEncrypted);
  return false;
}

/** An in-memory secret (an already encrypted one, from a state that was not opened, is not). */
function isPlainSecret(v: unknown): boolean {
  return isSecret(v) && !isEncryptedSecret(v);
}

function hasPlainSecret(v: PropertyValue): boolean {
  if (isEncryptedSecret(v)) return false;
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(hasPlainSecret);
  if (isPlainObject(v)) return Object.values(v).some(hasPlainSecret);
  return false;
}

/** Where a run journals its changes before the full write at its end (state-journal.ts). */
export function journalFile(stateFile: string): string {
  return stateFile.replace(/\.json$/, "") + ".journal.jsonl";
}

/** A resource's place in state: its URN, and whether it is the old copy waiting for deletion. */
export function journalKey(r: ResourceState): string {
  return r.delete ? `${r.urn}\u0000delete` : r.urn;
}

/** The journal's first line names the serial of the state file it applies to. */
export type JournalLine = { journal: 1; baseSerial: number; secretsSalt?: string } | { put: ResourceState } | { drop: string };

/**
 * Replays the journal a run left behind onto the state file it was started from. A journal of
 * another serial is stale (a later full write superseded it) and is ignored; a last line cut
 * short by the crash is ignored too.
 */
function replayJournal(stateFile: string, state: StackState): StackState {
  const file = journalFile(stateFile);
  if (!existsSync(file)) return state;
  const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
  const parsed: JournalLine[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      parsed.push(JSON.parse(line) as JournalLine);
    } catch {
      if (i === lines.length - 1) break;
      return state;
    }
  }
  const head = parsed[0];
  if (!head || !("journal" in head) || head.baseSerial !== (state.serial ?? 0)) return state;
  const resources = new Map(state.resources.map((r) => [journalKey(r), r]));
  let secretsSalt = state.secretsSalt;
  for (const line of parsed) {
    if ("journal" in line) secretsSalt ??= line.secretsSalt;
    else if ("put" in line) resources.set(journalKey(line.put), line.put);
    else resources.delete(line.drop);
  }
  const all = [...resources.values()];
  const stack = all.find((r) => r.type === "pulumi:pulumi:Stack" && !r.delete);
  return { ...state, secretsSalt, resources: all, outputs: stack?.outputs ?? state.outputs };
}

export function loadState(file: string, project: string, stack: string): StackState {
  if (!existsSync(file)) return replayJournal(file, emptyState(project, stack));
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new EngineError("STATE", `state file is not valid JSON: ${(e as Error).message}`, { file, stack });
  }
  if (!isPlainObject(parsed) || parsed.version !== STATE_VERSION || !Array.isArray(parsed.resources)) {
    throw new EngineError("STATE", `state file has an unknown format (expected version ${STATE_VERSION})`, { file, stack });
  }
  const state = parsed as unknown as StackState;
  state.outputs ??= {};
  return replayJournal(file, state);
}

/** Whether the loaded state holds encrypted values (decryptState then needs the passphrase). */
export function stateHasSecrets(state: StackState): boolean {
  return hasEncrypted(state.resources) || hasEncrypted(state.outputs);
}

/** Encrypted secrets → in-memory secrets. */
export function decryptState(state: StackState, secrets: SecretsManager): StackState {
  if (!stateHasSecrets(state)) return state;
  const crypter = secrets.get("the state holds secret values");
  const open = (v: PropertyValue) => mapValues(v, (x) => (isEncryptedSecret(x) ? makeSecret(JSON.parse(crypter.decrypt(x.ciphertext))) : undefined));
  return {
    ...state,
    resources: state.resources.map((r) => ({ ...r, inputs: open(r.inputs) as PropertyMap, outputs: open(r.outputs) as PropertyMap })),
    outputs: open(state.outputs) as PropertyMap,
  };
}

/** In-memory secrets → encrypted; plain text never reaches the file. */
export function encryptState(state: StackState, secrets: SecretsManager): StackState {
  const needs = hasPlainSecret(state.resources) || hasPlainSecret(state.outputs);
  if (!needs) return { ...state, secretsSalt: secrets.saltState ?? state.secretsSalt };
  const crypter = secrets.get("the state must store secret values");
  const seal = (v: PropertyValue) =>
    mapValues(v, (x) =>
      isEncryptedSecret(x)
        ? x
        : isPlainSecret(x)
          ? { [SIG_KEY]: SECRET_SIG, ciphertext: crypter.encrypt(JSON.stringify((x as { value: unknown }).value ?? null)) }
          : undefined,
    );
  return {
    ...state,
    secretsSalt: crypter.saltState,
    resources: state.resources.map((r) => ({ ...r, inputs: seal(r.inputs) as PropertyMap, outputs: seal(r.outputs) as PropertyMap })),
    outputs: seal(state.outputs) as PropertyMap,
  };
}

/**
 * A full, atomic write: it supersedes (and removes) any journal of the run. Returns the serial
 * written. Minified JSON, as the CLI's file backend writes its checkpoints (pulumi/pulumi#22245,
 * "diy: Minify json state files"): indentation added 40 % to a stack of batches.
 */
export function saveState(file: string, state: StackState, secrets: SecretsManager): number {
  const serial = (state.serial ?? 0) + 1;
  const sealed = { ...encryptState(state, secrets), serial };
  writeFileAtomic(file, `${JSON.stringify(sealed)}\n`, 0o600);
  rmSync(journalFile(file), { force: true });
  return serial;
}
