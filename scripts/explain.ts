#!/usr/bin/env node
// npm run explain -- --stack <name> <UPN or Entra object id> [--json] [--config-file <file>]
// Prints every access that person gets in every target and why, with no write and no engine.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { explainPerson } from "../program/explain";
import { stackConfigGetter } from "../program/stack-settings";
import { renderExplanation } from "../report/explain-render";
import { ACCESS_RECORD_OUTPUT } from "../program/access-record";
import { cliConfigGet, cliStackOutput } from "../workflows/config-get";
import { EXIT } from "../lib/exit-codes";

const USAGE = `Usage: npm run explain -- --stack <name> <userPrincipalName or Entra object id> [options]

  --stack <name>          the stack (or set PULUMI_STACK)
  --config-file <path>    another stack config file
  --json                  print the explanation as JSON (for tooling)

Reads the stack's mapping files and the directory exactly as the program does, writes nothing.
What the person loses on the next run is told against the stack's last recorded access
(its accessRecord output, read with \`pulumi stack output\`).
Expiries are judged by the clock: the machine's, or the \`now\` setting (PAM_RECONCILER_NOW).
Exit codes: 0 explained; 2 usage; 4 the directory has no such user; 255 error.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stack: { type: "string", short: "s" },
      "config-file": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const stack = values.stack ?? process.env.PULUMI_STACK;
  if (values.help || positionals.length !== 1 || !stack) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const projectDir = path.resolve(__dirname, "..", "..");
  const configFile = values["config-file"];
  const get = stackConfigGetter(projectDir, stack, { configFile, secret: cliConfigGet(projectDir, stack, { configFile }) });
  const lastRun = () => cliStackOutput(projectDir, stack)(ACCESS_RECORD_OUTPUT);
  const explanation = await explainPerson({ person: positionals[0], stack, projectDir, get, lastRun });
  process.stdout.write(values.json ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation));
  return explanation.person ? EXIT.OK : EXIT.NO_SUCH_USER;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(EXIT.ERROR);
  },
);
