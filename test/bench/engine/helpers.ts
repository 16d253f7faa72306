// A throwaway Pulumi project for engine tests: Pulumi.yaml pointing at the compiled fixture
// program, the stub the provider loads from the project directory, the remote system file, and
// the stack config that describes which resources the program declares.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import YAML from "yaml";
import { newCrypter } from "../../../bench/engine/passphrase";
import { runEngine, type EngineOptions, type EngineResult } from "../../../bench/engine/run";
import type { ResourceState, StackState } from "../../../bench/engine/state";
import { loadRemote, saveRemote, type Remote } from "./fixtures/remote-provider";

export const PROJECT = "engine-test";
export const STACK = "dev";
export const PASSPHRASE = "engine test passphrase";
export const THING = "pulumi-nodejs:dynamic/test:Thing";

export interface ThingSpec {
  name: string;
  props?: Record<string, unknown>;
  secretProps?: string[];
  propsFrom?: Record<string, string>;
  dependsOn?: string[];
  parent?: string;
  protect?: boolean;
  retainOnDelete?: boolean;
  ignoreChanges?: string[];
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs?: string[];
}

// One passphrase salt for every test project of a process: the slow key derivation then
// happens once per test file instead of once per project.
let sharedSalt: string | undefined;
function testSalt(): string {
  sharedSalt ??= newCrypter(PASSPHRASE).saltState;
  return sharedSalt;
}

export class TestProject {
  readonly dir: string;
  readonly stack = STACK;

  /** `parentDir`: where to create the project (default: the OS temp dir). */
  constructor(parentDir: string = tmpdir()) {
    mkdirSync(parentDir, { recursive: true });
    this.dir = mkdtempSync(path.join(parentDir, "engine-test-"));
    // The program entry point re-exports the compiled fixture, as a project's own index.js would.
    writeFileSync(path.join(this.dir, "index.js"), `module.exports = require(${JSON.stringify(path.join(__dirname, "fixtures", "program.js"))});\n`);
    writeFileSync(path.join(this.dir, "package.json"), `${JSON.stringify({ name: PROJECT, private: true, main: "index.js" }, null, 2)}\n`);
    writeFileSync(
      path.join(this.dir, "Pulumi.yaml"),
      YAML.stringify({ name: PROJECT, runtime: { name: "nodejs", options: { typescript: false } }, main: "index.js" }),
    );
    writeFileSync(
      path.join(this.dir, "engine-test-provider.js"),
      `module.exports = require(${JSON.stringify(path.join(__dirname, "fixtures", "remote-provider.js"))});\n`,
    );
    saveRemote({ nextId: 1, objects: {}, log: [] }, this.dir);
    writeFileSync(this.configFile, YAML.stringify({ encryptionsalt: testSalt() }));
    this.configure([]);
  }

  get configFile(): string {
    return path.join(this.dir, `Pulumi.${STACK}.yaml`);
  }

  get stateFile(): string {
    return path.join(this.dir, ".pulumi-offline", `${STACK}.json`);
  }

  /** Rewrites the stack's `things` (and other config), keeping encryptionsalt and secure values. */
  configure(things: ThingSpec[], extra: Record<string, unknown> = {}): void {
    let doc: { encryptionsalt?: string; config?: Record<string, unknown> };
    try {
      doc = YAML.parse(readFileSync(this.configFile, "utf8")) ?? {};
    } catch {
      doc = {};
    }
    const secure = Object.fromEntries(Object.entries(doc.config ?? {}).filter(([, v]) => typeof v === "object" && v !== null && "secure" in v));
    const config: Record<string, unknown> = { ...secure, [`${PROJECT}:things`]: things };
    for (const [k, v] of Object.entries(extra)) config[`${PROJECT}:${k}`] = v;
    writeFileSync(this.configFile, YAML.stringify({ ...(doc.encryptionsalt ? { encryptionsalt: doc.encryptionsalt } : {}), config }));
  }

  remote(): Remote {
    return loadRemote(this.dir);
  }

  editRemote(edit: (remote: Remote) => void): void {
    const remote = this.remote();
    edit(remote);
    saveRemote(remote, this.dir);
  }

  /** The remote object created for the resource `name`. */
  remoteObject(name: string): Record<string, unknown> | undefined {
    return Object.values(this.remote().objects).find((o) => o.name === name);
  }

  stateText(): string {
    return readFileSync(this.stateFile, "utf8");
  }

  state(): StackState {
    return JSON.parse(this.stateText()) as StackState;
  }

  resource(name: string): ResourceState | undefined {
    return this.state().resources.find((r) => r.urn === urn(name));
  }

  run(command: EngineOptions["command"], options: Partial<EngineOptions> = {}): Promise<EngineResult> {
    return runEngine({
      command,
      projectDir: this.dir,
      stack: STACK,
      ...options,
      env: { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE, ...options.env },
    });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function urn(name: string, parents: string[] = []): string {
  const type = [...parents.map(() => THING), THING].join("$");
  return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

/** Fails with the engine's whole output when the run did not end with `code`. */
export function expectExit(result: EngineResult, code: number): void {
  if (result.exitCode !== code) {
    throw new Error(`expected exit code ${code}, got ${result.exitCode}\n${result.output}\n${JSON.stringify(result.errors)}`);
  }
}
