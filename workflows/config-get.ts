// A stack's secret config read the way the Pulumi CLI reads it: `pulumi config get <key>` (or the
// offline engine's CLI, which takes the same arguments), so commands that run outside the
// engine (explain) get secrets without ever decrypting them themselves.
import { spawnSync } from "node:child_process";
import { findPulumiCli, offlineEngineCli } from "./runner";

export function cliConfigGet(projectDir: string, stack: string, options: { configFile?: string; env?: NodeJS.ProcessEnv } = {}): (key: string) => string | undefined {
  const env = { ...process.env, ...options.env };
  const command =
    env.PAM_RECONCILER_ENGINE !== "offline" && findPulumiCli(env) ? ["pulumi"] : [process.execPath, offlineEngineCli(projectDir)];
  return (key) => {
    const args = [...command.slice(1), "config", "get", key, "--stack", stack];
    if (options.configFile) args.push("--config-file", options.configFile);
    const run = spawnSync(command[0], args, { cwd: projectDir, env, encoding: "utf8" });
    if (run.status !== 0) {
      throw new Error(`Cannot read the secret config ${key} of stack ${stack}: ${run.stderr.trim() || `exit code ${run.status}`} (set PULUMI_CONFIG_PASSPHRASE, or the environment variable for the key)`);
    }
    return run.stdout.replace(/\r?\n$/, "");
  };
}
