// A stack's secret config and outputs read the way the Pulumi CLI reads them: `pulumi config get
// <key>` and `pulumi stack output <name> --json --show-secrets` (or the offline engine's CLI,
// which takes the same arguments), so commands that run outside the engine (explain) get
// secrets and the last run's record without ever decrypting them themselves.
import { spawnSync } from "node:child_process";
import { findPulumiCli, offlineEngineCommand } from "./runner";

interface CliOptions {
  configFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs one read-only command of the CLI for a stack: its standard output, or an error naming what failed. */
function stackCli(projectDir: string, stack: string, options: CliOptions): (args: string[], what: string, withConfigFile?: boolean) => string {
  const env = { ...process.env, ...options.env };
  const command = env.PAM_RECONCILER_ENGINE !== "offline" && findPulumiCli(env) ? ["pulumi"] : offlineEngineCommand(projectDir);
  return (args, what, withConfigFile = true) => {
    const all = [...command.slice(1), ...args, "--stack", stack];
    if (options.configFile && withConfigFile) all.push("--config-file", options.configFile);
    const run = spawnSync(command[0], all, { cwd: projectDir, env, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`Cannot read ${what} of stack ${stack}: ${run.stderr.trim() || `exit code ${run.status}`}`);
    return run.stdout;
  };
}

export function cliConfigGet(projectDir: string, stack: string, options: CliOptions = {}): (key: string) => string | undefined {
  const cli = stackCli(projectDir, stack, options);
  return (key) => {
    try {
      return cli(["config", "get", key], `the secret config ${key}`).replace(/\r?\n$/, "");
    } catch (err) {
      throw new Error(`${(err as Error).message} (set PULUMI_CONFIG_PASSPHRASE, or the environment variable for the key)`, { cause: err });
    }
  };
}

/** One stack output as the last successful run recorded it (secrets in plain text): parsed JSON. Outputs live in the state, not the config file. */
export function cliStackOutput(projectDir: string, stack: string, options: Omit<CliOptions, "configFile"> = {}): (name: string) => unknown {
  const cli = stackCli(projectDir, stack, options);
  return (name) => JSON.parse(cli(["stack", "output", name, "--json", "--show-secrets"], `the output ${name}`, false)) as unknown;
}
