#!/usr/bin/env node
// The offline engine's command line, shaped like the Pulumi CLI's:
//   node dist/bench/engine/cli.js <preview|up|refresh|destroy> --stack <s> [options]
//   node dist/bench/engine/cli.js stack output [name] --stack <s> [--json] [--show-secrets]
//   node dist/bench/engine/cli.js config set <key> <value> --stack <s>
//   node dist/bench/engine/cli.js config set --secret <key> --stack <s>   (the value on standard input)
//   node dist/bench/engine/cli.js config get <key> --stack <s>
//   node dist/bench/engine/cli.js state unprotect <urn> --stack <s>
//   node dist/bench/engine/cli.js unlock --stack <s>
import * as path from "node:path";
import { parseArgs } from "node:util";
import { asEngineError } from "./errors";
import { runEngine, type EngineCommand } from "./run";
import { EXIT } from "../../lib/exit-codes";
import { configGet, configSet, unlock, unprotect } from "./stack-admin";

const USAGE = `Offline Pulumi engine (test and demo infrastructure; production runs use the Pulumi CLI)

Usage: node dist/bench/engine/cli.js <command> --stack <name> [options]

Commands:
  preview                     show what up would do (check and diff only)
  up | update                 apply the program (--refresh to refresh first; --yes accepted)
  refresh                     read every resource back (--preview-only writes nothing)
  destroy                     delete every resource of the stack
  stack output [name]         print stack outputs (--json, --show-secrets)
  config set <key> <value>
  config set --secret <key>   the value is read from standard input (never from the command line)
  config get <key>
  state unprotect <urn>       clear a resource's protect flag in state
  unlock                      remove a stale lock left by a run that died

Options:
  -s, --stack <name>          stack (required)
  -C, --cwd <dir>             project directory (default: current directory)
      --config-file <path>    use this stack config file instead of Pulumi.<stack>.yaml
      --state-dir <dir>       state directory (default PULUMI_OFFLINE_STATE_DIR or <project>/.pulumi-offline)
      --diff                  show changed properties in detail
      --json                  print only the JSON digest
      --expect-no-changes     exit code 7 when there are changes
  -r, --refresh               refresh before preview/up
      --preview-only          refresh: report only, write nothing
  -p, --parallel <n>          concurrent provider operations (default unbounded, as the CLI)
  -y, --yes, --skip-preview, --non-interactive   accepted for CLI compatibility

Exit codes: 0 success, 7 changes with --expect-no-changes, 255 error.
Secrets need PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE, as with the Pulumi CLI.
`;

const OPERATIONS: Record<string, EngineCommand> = { preview: "preview", up: "up", update: "up", refresh: "refresh", destroy: "destroy" };

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stack: { type: "string", short: "s" },
      cwd: { type: "string", short: "C" },
      "config-file": { type: "string" },
      "state-dir": { type: "string" },
      diff: { type: "boolean" },
      json: { type: "boolean", short: "j" },
      "expect-no-changes": { type: "boolean" },
      refresh: { type: "boolean", short: "r" },
      "preview-only": { type: "boolean" },
      parallel: { type: "string", short: "p" },
      "show-secrets": { type: "boolean" },
      secret: { type: "boolean" },
      plaintext: { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      "skip-preview": { type: "boolean" },
      "non-interactive": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : EXIT.ERROR;
  }
  const location = {
    projectDir: path.resolve(values.cwd ?? process.cwd()),
    stack: values.stack ?? "",
    configFile: values["config-file"] ? path.resolve(values["config-file"]) : undefined,
    stateDir: values["state-dir"] ? path.resolve(values["state-dir"]) : undefined,
  };

  const operation = OPERATIONS[command];
  if (operation || (command === "stack" && rest[0] === "output")) {
    const result = await runEngine({
      ...location,
      command: operation ?? "stack-output",
      outputName: operation ? undefined : rest[1],
      diff: values.diff,
      json: values.json,
      expectNoChanges: values["expect-no-changes"],
      refresh: values.refresh,
      previewOnly: values["preview-only"],
      showSecrets: values["show-secrets"],
      parallel: values.parallel ? Number(values.parallel) : undefined,
      write: (text) => process.stdout.write(text),
    });
    if (values.json) process.stdout.write(result.output);
    return result.exitCode;
  }
  if (command === "config" && rest[0] === "set" && values.secret === true) {
    if (rest.length === 3) {
      // argv is visible to every user of the machine (ps, /proc) and lands in shell history.
      process.stderr.write(
        `error: a secret is never taken from the command line (other processes and the shell history would see it).\n` +
          `Give it on standard input instead, e.g.  printf '%s' "$VALUE" | npm run engine -- config set --secret ${rest[1]} --stack ${location.stack || "<stack>"}\n`,
      );
      return EXIT.ERROR;
    }
    if (rest.length === 2) {
      const value = await readSecretFromStdin(rest[1]);
      if (!value) {
        process.stderr.write(`error: no value for ${rest[1]} on standard input; nothing was changed\n`);
        return EXIT.ERROR;
      }
      configSet({ ...location, key: rest[1], value, secret: true });
      return 0;
    }
  }
  if (command === "config" && rest[0] === "set" && rest.length === 3) {
    configSet({ ...location, key: rest[1], value: rest[2], secret: false });
    return 0;
  }
  if (command === "config" && rest[0] === "get" && rest.length === 2) {
    process.stdout.write(`${configGet({ ...location, key: rest[1] })}\n`);
    return 0;
  }
  if (command === "state" && rest[0] === "unprotect" && rest.length === 2) {
    unprotect({ ...location, urn: rest[1] });
    return 0;
  }
  if (command === "unlock") {
    process.stdout.write(unlock(location) ? `removed the lock of stack ${location.stack}\n` : `stack ${location.stack} was not locked\n`);
    return 0;
  }
  process.stderr.write(`unknown command: ${positionals.join(" ")}\n\n${USAGE}`);
  return EXIT.ERROR;
}

/**
 * A secret value from standard input: all of it when piped (one trailing newline dropped, as
 * `echo` adds one), or one typed line, not echoed, when standard input is a terminal.
 */
async function readSecretFromStdin(key: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  process.stderr.write(`value for ${key} (not shown): `);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  let value = "";
  try {
    for await (const chunk of stdin as AsyncIterable<string>) {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return value;
        if (ch === "\u0003") throw new Error("interrupted; nothing was changed");
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    }
    return value;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write("\n");
  }
}

// Ctrl-C reaches the program and provider too; the run then fails, saves what it did and
// releases the lock. A second Ctrl-C stops at once.
process.once("SIGINT", () => process.stderr.write("interrupted: finishing the steps in flight (Ctrl-C again to stop now)\n"));

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const err = asEngineError(e, "VALIDATION");
    process.stderr.write(`error: ${err.message}\n`);
    process.exitCode = EXIT.ERROR;
  },
);
