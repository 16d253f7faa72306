// One way to run Pulumi operations: the real `pulumi` CLI when it is on PATH, the offline engine
// (test and demo infrastructure) otherwise. Both produce the same JSON digest.
import { spawn, spawnSync } from "node:child_process";
import * as path from "node:path";
import { EXIT } from "../lib/exit-codes";
import { toDigest, type Digest } from "../report/digest";

export type Operation = "preview" | "up" | "refresh" | "destroy";

export interface RunOptions {
  stack: string;
  projectDir: string;
  /** Another stack config file (the real CLI's --config-file). */
  configFile?: string;
  /** Print only the JSON digest and return it parsed. */
  json?: boolean;
  diff?: boolean;
  refresh?: boolean;
  previewOnly?: boolean;
  expectNoChanges?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Where human-readable output goes (default: this process's stdout). */
  print?: (text: string) => void;
}

export interface RunResult {
  exitCode: number;
  digest?: Digest;
  output: string;
}

export interface PulumiRunner {
  /** "pulumi CLI v3.x" or "offline engine". */
  readonly description: string;
  run(operation: Operation, options: RunOptions): Promise<RunResult>;
}

/** The real CLI's version when `pulumi` is on PATH, else undefined. */
export function findPulumiCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const probe = spawnSync("pulumi", ["version"], { env, encoding: "utf8" });
  if (probe.error || probe.status !== 0) return undefined;
  return probe.stdout.trim();
}

function cliArgs(operation: Operation, o: RunOptions): string[] {
  const args: string[] = [operation, "--stack", o.stack, "--non-interactive"];
  if (o.configFile) args.push("--config-file", o.configFile);
  if (o.json) args.push("--json");
  if (o.diff) args.push("--diff");
  if (o.refresh && operation !== "refresh") args.push("--refresh");
  if (o.previewOnly) args.push("--preview-only");
  if (o.expectNoChanges) args.push("--expect-no-changes");
  if (operation !== "preview" && !o.previewOnly) args.push("--yes");
  return args;
}

/**
 * Runs a Pulumi-CLI-shaped command: the real `pulumi`, or the offline engine's CLI, which takes
 * the same arguments and prints the same `--json` document. A process boundary, not an import:
 * the product never loads the test bench.
 */
export class PulumiCliRunner implements PulumiRunner {
  constructor(
    readonly description: string,
    private readonly command: readonly string[] = ["pulumi"],
  ) {}

  run(operation: Operation, options: RunOptions): Promise<RunResult> {
    const print = options.print ?? ((t: string) => process.stdout.write(t));
    return new Promise((resolve, reject) => {
      const child = spawn(this.command[0], [...this.command.slice(1), ...cliArgs(operation, options)], {
        cwd: options.projectDir,
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (!options.json) print(chunk.toString("utf8"));
      });
      child.on("error", reject);
      child.on("close", (code) => {
        const exitCode = code ?? EXIT.ERROR;
        let digest: Digest | undefined;
        if (options.json && output.trim()) {
          try {
            digest = toDigest(JSON.parse(output));
          } catch {
            print(output);
          }
        }
        resolve({ exitCode, digest, output });
      });
    });
  }
}

/** Where `npm run build` puts the offline engine's CLI (test and demo infrastructure). */
export function offlineEngineCli(projectDir: string): string {
  return path.join(projectDir, "dist", "bench", "engine", "cli.js");
}

/**
 * The offline engine's heap limit. Its live data at 10,000 users is 200–250 MB, but with the
 * default limit (a quarter of the machine's memory) V8 let garbage grow the heap past 800 MB
 * before collecting it; a limit makes it collect sooner, as Pulumi.yaml's nodeargs do for the
 * program.
 */
export const OFFLINE_ENGINE_HEAP_MB = 768;

/** The command that runs the offline engine's CLI. */
export function offlineEngineCommand(projectDir: string): string[] {
  return [process.execPath, `--max-old-space-size=${OFFLINE_ENGINE_HEAP_MB}`, offlineEngineCli(projectDir)];
}

export function offlineEngineRunner(projectDir: string): PulumiRunner {
  return new PulumiCliRunner("offline engine (test and demo infrastructure; production runs use the real Pulumi CLI)", offlineEngineCommand(projectDir));
}

const INSTALL_CLI =
  "Install the Pulumi CLI: curl -fsSL https://get.pulumi.com | sh (or see https://www.pulumi.com/docs/install/; " +
  "in GitHub Actions pulumi/actions, in Azure Pipelines the repository's ci-templates/azure-pulumi-steps.yml)";

/** The npm scripts would have used the offline engine without being told to. */
export class EngineChoiceError extends Error {
  constructor(
    readonly code: "NO_PULUMI_CLI" | "OFFLINE_ENGINE_NOT_CHOSEN" | "UNKNOWN_ENGINE",
    message: string,
  ) {
    super(message);
    this.name = "EngineChoiceError";
  }
}

/** A pipeline run: GitHub Actions, GitLab and most CI systems set CI=true; Azure Pipelines sets TF_BUILD=True. */
export function isContinuousIntegration(env: NodeJS.ProcessEnv): boolean {
  const flag = (value: string | undefined) => value !== undefined && /^(true|1|yes)$/i.test(value.trim());
  return flag(env.CI) || flag(env.TF_BUILD);
}

/**
 * The runner for this machine: the real CLI when `pulumi` is on PATH. The offline engine keeps
 * its state in this checkout (.pulumi-offline/), which a pipeline's workspace loses, so it is
 * never chosen silently where nobody watches: in CI or without a terminal it is used only when
 * PAM_RECONCILER_ENGINE=offline says so. PAM_RECONCILER_ENGINE=cli insists on the CLI.
 */
export function chooseRunner(
  projectDir: string,
  env: NodeJS.ProcessEnv = process.env,
  interactive: boolean = Boolean(process.stdin.isTTY && process.stdout.isTTY),
): PulumiRunner {
  const forced = env.PAM_RECONCILER_ENGINE?.trim() || undefined;
  if (forced !== undefined && forced !== "offline" && forced !== "cli") {
    throw new EngineChoiceError("UNKNOWN_ENGINE", `PAM_RECONCILER_ENGINE must be "cli" or "offline", got "${forced}"`);
  }
  if (forced === "offline") return offlineEngineRunner(projectDir);
  const version = findPulumiCli(env);
  if (version) return new PulumiCliRunner(`pulumi CLI ${version}`);
  if (forced === "cli") throw new EngineChoiceError("NO_PULUMI_CLI", `PAM_RECONCILER_ENGINE=cli but there is no \`pulumi\` on PATH. ${INSTALL_CLI}.`);
  const ci = isContinuousIntegration(env);
  if (ci || !interactive) {
    throw new EngineChoiceError(
      "OFFLINE_ENGINE_NOT_CHOSEN",
      `There is no \`pulumi\` CLI on PATH, and ${ci ? "this is a CI run" : "this is not an interactive terminal"}: refusing to fall back to the offline engine, ` +
        `whose state lives in this checkout's .pulumi-offline/ and would be lost with the workspace. ${INSTALL_CLI}. ` +
        `To use the offline engine on purpose (tests, the demo, a local experiment), set PAM_RECONCILER_ENGINE=offline.`,
    );
  }
  return offlineEngineRunner(projectDir);
}
