#!/usr/bin/env node
// npm run set-secrets -- --stack <name>
// Pipelines: every PAM_RECONCILER_<KEY> secret in the JSON object PAM_RECONCILER_SECRETS becomes
// the secret stack config pam-reconciler:<key> (workflows/secret-settings.ts). Uses the real
// Pulumi CLI; values go through standard input and are never printed.
import { parseArgs } from "node:util";
import { applySecretSettings, planSecretSettings } from "../workflows/secret-settings";
import { EXIT } from "../lib/exit-codes";

const USAGE = `Usage: PAM_RECONCILER_SECRETS='{"PAM_RECONCILER_PRA_CLIENT_SECRET": "..."}' npm run set-secrets -- --stack <name>`;

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { stack: { type: "string", short: "s" }, help: { type: "boolean", short: "h" } } });
  const stack = values.stack ?? process.env.PULUMI_STACK;
  if (values.help || !stack) {
    console.log(USAGE);
    return values.help ? EXIT.OK : EXIT.USAGE;
  }
  const plan = planSecretSettings(process.env.PAM_RECONCILER_SECRETS ?? "{}");
  for (const line of applySecretSettings(plan, stack)) console.log(line);
  if (plan.settings.length === 0) console.log("No PAM_RECONCILER_* credential was given: nothing set.");
  return EXIT.OK;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = EXIT.ERROR;
}
