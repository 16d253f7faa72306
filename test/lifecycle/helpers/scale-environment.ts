// A demo environment for one lifecycle test file: its own work folder under the system's
// temporary directory, output kept so a failed run can show it, and exit-code checks that
// print that output. The engine runs the compiled program in dist/ of the project.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment, type DemoEnvironmentOptions } from "../../../bench/demo/environment";
import type { RunResult } from "../../../workflows/runner";

/** The folder holding Pulumi.yaml, above this compiled file (dist/ or a private build folder). */
export function findProjectDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no Pulumi.yaml above ${from}`);
  }
}

export interface ScaleEnvironment extends DemoEnvironment {
  /** Everything the runs printed so far. */
  output(): string;
  /** Writes (or replaces) a mapping file the stack already lists. */
  writeMapping(name: string, text: string): void;
}

export async function startScaleEnvironment(
  name: string,
  options: Omit<DemoEnvironmentOptions, "projectDir" | "workDir" | "print">,
): Promise<ScaleEnvironment> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `pam-reconciler-${name}-`));
  const printed: string[] = [];
  const env = await startDemoEnvironment({ ...options, projectDir: findProjectDir(), workDir, print: (text) => printed.push(text) });
  return {
    ...env,
    output: () => printed.join(""),
    writeMapping(file, text) {
      fs.writeFileSync(path.join(workDir, "mappings", file), text);
    },
    async close() {
      await env.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The last lines of a run's output, for assertion messages. */
export function tail(text: string, lines = 60): string {
  return text.split("\n").slice(-lines).join("\n");
}

export function expectExit(result: RunResult | number, expected: number, what: string, env: ScaleEnvironment): void {
  const code = typeof result === "number" ? result : result.exitCode;
  const output = typeof result === "number" ? env.output() : `${env.output()}\n${result.output}`;
  assert.equal(code, expected, `${what}: exit code ${code}, expected ${expected}\n${tail(output)}`);
}
