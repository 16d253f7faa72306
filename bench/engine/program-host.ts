// Runs the Pulumi program exactly as the Node language host does: the SDK's `cmd/run` entry
// point, with the monitor/engine addresses and project/stack flags, the config in
// PULUMI_CONFIG(_SECRET_KEYS), and the project directory as working directory.
import { spawn } from "node:child_process";
import { forwardLines } from "./lines";
import type { Project } from "./project";
import { resolveSdkModule, withCompileCache } from "./sdk";

export interface ProgramRunOptions {
  project: Project;
  stack: string;
  dryRun: boolean;
  monitorAddress: string;
  parallel: number;
  config: Record<string, string>;
  secretKeys: readonly string[];
  env: NodeJS.ProcessEnv;
  onOutput(line: string, stream: "stdout" | "stderr"): void;
}

export interface ProgramExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProgram {
  exited: Promise<ProgramExit>;
  kill(): void;
}

export function startProgram(o: ProgramRunOptions): RunningProgram {
  const runScript = resolveSdkModule(o.project.dir, "cmd/run");
  const args = [
    ...o.project.nodeArgs,
    runScript,
    `--monitor=${o.monitorAddress}`,
    `--engine=${o.monitorAddress}`,
    `--organization=organization`,
    `--project=${o.project.name}`,
    `--stack=${o.stack}`,
    `--parallel=${o.parallel}`,
    `--root-directory=${o.project.dir}`,
    `--pwd=${o.project.dir}`,
    ...(o.dryRun ? ["--dry-run"] : []),
    o.project.main,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env };
  for (const k of Object.keys(env)) if (k.startsWith("PULUMI_NODEJS_")) delete env[k];
  Object.assign(env, {
    PULUMI_CONFIG: JSON.stringify(o.config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(o.secretKeys),
    PULUMI_NODEJS_TYPESCRIPT: String(o.project.typescript),
  });
  const child = spawn(process.execPath, args, { cwd: o.project.dir, env: withCompileCache(env), stdio: ["ignore", "pipe", "pipe"] });
  forwardLines(child.stdout, (line) => o.onOutput(line, "stdout"));
  forwardLines(child.stderr, (line) => o.onOutput(line, "stderr"));
  const exited = new Promise<ProgramExit>((resolve) => {
    child.on("error", () => resolve({ code: 255, signal: null }));
    child.on("close", (code, signal) => resolve({ code, signal }));
  });
  return {
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
