#!/usr/bin/env node
// npm run register -- --stack <name> [--out <dir>] [--config-file <file>]
// Writes the stack's access register as JSON, CSV and one self-contained HTML page; no write
// anywhere else, no engine.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ACCESS_RECORD_OUTPUT } from "../program/access-record";
import { registerOfStack } from "../program/register";
import { stackConfigGetter } from "../program/stack-settings";
import { registerCsv } from "../report/register";
import { registerHtml } from "../report/register-html";
import { cliConfigGet, cliStackOutput } from "../workflows/config-get";

const USAGE = `Usage: npm run register -- --stack <name> [options]

  --stack <name>          the stack (or set PULUMI_STACK)
  --config-file <path>    another stack config file
  --out <dir>             where to write register.json, register.csv and register.html (default: register/<stack>)
  --no-last-run           do not read the stack's last recorded access (pulumi stack output)

One row per person × target × grant: who, what, why (member source, nesting path, rule at
file:line), since when and who approved it (the rule line's Git history: git log -L), whether
the last run applied it (the stack's accessRecord output), its expiry and last review.
Reads the directory, the mapping files, the stack's record and Git; writes only the three files.
PAM_RECONCILER_PULL_REQUEST: the pull request the checked-out commit came from, when a pipeline knows it
(otherwise it is read from squash and merge commit subjects: "… (#123)", "Merge pull request #123").
Expiries are judged by the clock: the machine's, or the \`now\` setting (PAM_RECONCILER_NOW).
Exit codes: 0 written; 2 usage; 255 error.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      "config-file": { type: "string" },
      out: { type: "string" },
      "no-last-run": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const stack = values.stack ?? process.env.PULUMI_STACK;
  if (values.help || !stack) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const projectDir = path.resolve(__dirname, "..", "..");
  const configFile = values["config-file"];
  const get = stackConfigGetter(projectDir, stack, { configFile, secret: cliConfigGet(projectDir, stack, { configFile }) });
  const lastRun = values["no-last-run"] ? undefined : () => cliStackOutput(projectDir, stack)(ACCESS_RECORD_OUTPUT);
  const register = await registerOfStack({ stack, projectDir, get, lastRun, pullRequest: process.env.PAM_RECONCILER_PULL_REQUEST || undefined });
  const out = path.resolve(values.out ?? path.join("register", stack));
  fs.mkdirSync(out, { recursive: true });
  const files = { "register.json": `${JSON.stringify(register, null, 2)}\n`, "register.csv": registerCsv(register), "register.html": registerHtml(register) };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(out, name), text);
  console.log(`Access register of ${stack}: ${register.rows.length} grants of ${new Set(register.rows.map((r) => r.objectId)).size} people`);
  for (const name of Object.keys(files)) console.log(`  ${path.join(out, name)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(255);
  },
);
