#!/usr/bin/env node
// npm run preview|up|drift|destroy -- --stack <name> [options]
// Runs the workflow with the real Pulumi CLI when it is on PATH; the offline engine only when
// chosen (PAM_RECONCILER_ENGINE=offline) or, as a fallback, at an interactive terminal.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { chooseRunner } from "../workflows/runner";
import { driftWorkflow, previewWorkflow, upWorkflow, type WorkflowOptions } from "../workflows/commands";
import { EXIT } from "../lib/exit-codes";

const USAGE = `Usage: npm run <preview|up|drift|destroy|refresh> -- --stack <name> [options]

  --stack <name>          the stack (or set PULUMI_STACK)
  --config-file <path>    another stack config file
  --refresh               up/preview: refresh first, so changes made by hand are undone too
  --allow-removals        up: apply even past the mappings' safety.maxRemovals
  --markdown <file>       preview/drift: also write the report as Markdown (PR comment, issue body)
  --expect-no-changes     preview: exit 7 when there are changes

Exit codes: 0 ok; 3 stopped by the safety limit; 7 changes/drift found; 255 error.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stack: { type: "string", short: "s" },
      "config-file": { type: "string" },
      refresh: { type: "boolean", short: "r" },
      "allow-removals": { type: "boolean" },
      markdown: { type: "string" },
      "expect-no-changes": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const stack = values.stack ?? process.env.PULUMI_STACK;
  if (!stack) {
    console.error(`Name the stack: npm run ${command} -- --stack <name> (or set PULUMI_STACK). For the local demo, run npm run demo.`);
    return 2;
  }
  const projectDir = path.resolve(__dirname, "..", "..");
  const runner = chooseRunner(projectDir);
  console.log(`Engine: ${runner.description}`);
  const options: WorkflowOptions = {
    stack,
    projectDir,
    configFile: values["config-file"],
    refresh: values.refresh,
    allowRemovals: values["allow-removals"],
    markdownFile: values.markdown,
    expectNoChanges: values["expect-no-changes"],
  };
  switch (command) {
    case "preview":
      return previewWorkflow(runner, options);
    case "up":
      return upWorkflow(runner, options);
    case "drift":
      return (await driftWorkflow(runner, options)).exitCode;
    case "refresh":
    case "destroy":
      return (await runner.run(command, options)).exitCode;
    default:
      console.error(`Unknown command ${command}\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(EXIT.ERROR);
  },
);
