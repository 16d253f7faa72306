// A stack's config file (Pulumi.<stack>.yaml): reading it into the flat "project:key" → string map
// the program and providers receive, and `config set` writing it back.
import { existsSync, readFileSync } from "node:fs";
import YAML, { type YAMLMap } from "yaml";
import { writeFileAtomic } from "./atomic-file";
import { EngineError } from "./errors";
import type { SecretsManager } from "./passphrase";
import { isPlainObject } from "./properties";
import { qualifyKey, type Project } from "./project";

export interface StackConfigFile {
  file: string;
  exists: boolean;
  encryptionSalt?: string;
  /** Raw YAML values by fully-qualified key. */
  entries: Record<string, unknown>;
}

/** What the program gets in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS and the provider in Configure. */
export interface ResolvedConfig {
  values: Record<string, string>;
  secretKeys: string[];
}

export function readStackConfigFile(project: Project, file: string): StackConfigFile {
  if (!existsSync(file)) return { file, exists: false, entries: {} };
  let doc: unknown;
  try {
    doc = YAML.parse(readFileSync(file, "utf8")) ?? {};
  } catch (e) {
    throw new EngineError("VALIDATION", `stack config is not valid YAML: ${(e as Error).message}`, { file });
  }
  if (!isPlainObject(doc)) throw new EngineError("VALIDATION", "stack config must be a YAML map", { file });
  const entries: Record<string, unknown> = {};
  if (doc.config !== undefined && doc.config !== null) {
    if (!isPlainObject(doc.config)) throw new EngineError("VALIDATION", "`config:` must be a map of keys to values", { file });
    for (const [key, value] of Object.entries(doc.config)) entries[qualifyKey(project.name, key)] = value;
  }
  const salt = doc.encryptionsalt;
  return { file, exists: true, encryptionSalt: typeof salt === "string" ? salt : undefined, entries };
}

function isSecure(v: unknown): v is { secure: string } {
  return isPlainObject(v) && Object.keys(v).length === 1 && typeof v.secure === "string";
}

function containsSecure(v: unknown): boolean {
  if (isSecure(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecure);
  if (isPlainObject(v)) return Object.values(v).some(containsSecure);
  return false;
}

function decryptDeep(v: unknown, decrypt: (ciphertext: string) => string): unknown {
  if (isSecure(v)) return decrypt(v.secure);
  if (Array.isArray(v)) return v.map((x) => decryptDeep(x, decrypt));
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decryptDeep(x, decrypt)]));
  return v;
}

/** Pulumi's config value text: strings as they are, other scalars printed, maps and lists as JSON. */
function configText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** Stack values over project defaults; `secure:` values decrypted with the stack passphrase. */
export function resolveConfig(project: Project, config: StackConfigFile, secrets: SecretsManager): ResolvedConfig {
  const merged: Record<string, unknown> = { ...project.configDefaults, ...config.entries };
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, raw] of Object.entries(merged)) {
    if (raw === null || raw === undefined) continue;
    if (containsSecure(raw)) {
      const crypter = secrets.get(`stack config ${key} is a secret`);
      values[key] = configText(decryptDeep(raw, (c) => crypter.decrypt(c)));
      secretKeys.push(key);
    } else {
      values[key] = configText(raw);
    }
  }
  return { values, secretKeys: secretKeys.sort() };
}

/** `config set [--secret] key value`: writes the fully-qualified key, keeping the rest of the file. */
export function setConfigValue(project: Project, file: string, key: string, value: string, secret: boolean, secrets: SecretsManager): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) throw new EngineError("VALIDATION", `stack config is not valid YAML: ${doc.errors[0].message}`, { file });
  if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  const full = qualifyKey(project.name, key);
  if (secret) {
    const crypter = secrets.get(`config set --secret ${full}`);
    if (!doc.has("encryptionsalt")) {
      // Where the CLI puts it: first in the file.
      (doc.contents as YAMLMap).items.unshift(doc.createPair("encryptionsalt", crypter.saltState));
    } else if (doc.get("encryptionsalt") !== crypter.saltState) {
      doc.set("encryptionsalt", crypter.saltState);
    }
    doc.setIn(["config", full], doc.createNode({ secure: crypter.encrypt(value) }));
  } else {
    doc.setIn(["config", full], value);
  }
  writeFileAtomic(file, doc.toString());
}

/** `config get key`: the value as the program would see it. */
export function getConfigValue(project: Project, resolved: ResolvedConfig, key: string): string | undefined {
  return resolved.values[qualifyKey(project.name, key)];
}
