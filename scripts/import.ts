#!/usr/bin/env node
// npm run import -- --stack <name> [--out <folder>] [--force] [--group <id or name> ...]
// Writes mapping files from what the products hold now and the directory. Reads only.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { expandMappingFiles } from "../model";
import { loadMappings } from "../providers/target-model";
import { importEstate } from "../providers/import/estate";
import { describeUnexpressed } from "../providers/import/model";
import { OutputExistsError, writeImport } from "../providers/import/write";
import type { GroupReference } from "../sources/snapshot";
import { mappingSpecsOf, stackConfigGetter } from "../program/stack-settings";
import { cliConfigGet } from "../workflows/config-get";
import type { ConfigGetter } from "../lib/provider/provider-config";

const USAGE = `Usage: npm run import -- --stack <name> [options]

  --stack <name>          the stack (or set PULUMI_STACK): its products and directory settings
  --config-file <path>    another stack config file
  --out <folder>          where the mapping files go (default stacks/<stack>/imported)
  --force                 write into a folder that already holds files
  --group <id or name>    an Entra group a role may map to (repeatable); the stack's current
                          mapping groups and the groups PRA's SCIM groups name are always candidates

Reads PRA, PrivX and the SCIM targets the stack configures, and the directory; writes nothing
to any of them. Prints what the mappings cannot express: the next run changes exactly those.
Exit codes: 0 written; 2 usage; 5 the output folder already holds files; 255 error.`;

export const EXIT_OUTPUT_EXISTS = 5;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      "config-file": { type: "string" },
      out: { type: "string", short: "o" },
      force: { type: "boolean" },
      group: { type: "string", multiple: true },
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
  const get = stackConfigGetter(projectDir, stack, { configFile, secret: once(cliConfigGet(projectDir, stack, { configFile })) });
  const outDir = path.resolve(values.out ?? path.join(projectDir, "stacks", stack, "imported"));
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0 && !values.force) {
    console.error(`${outDir} already holds files: choose another --out, or pass --force to write over them`);
    return EXIT_OUTPUT_EXISTS;
  }
  const candidateGroups = [
    ...currentMappingGroups(projectDir, stack, get),
    ...(values.group ?? []).map((g): GroupReference => (GUID.test(g) ? { id: g } : { displayName: g })),
  ];
  const imported = await importEstate({ stack, get, candidateGroups });
  let written;
  try {
    written = writeImport(imported.sections, { outDir, projectDir, force: values.force });
  } catch (err) {
    if (err instanceof OutputExistsError) {
      console.error(err.message);
      return EXIT_OUTPUT_EXISTS;
    }
    throw err;
  }
  console.log(`Wrote ${written.files.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
  if (imported.skipped.length) console.log(`Not configured in stack ${stack}, left out: ${imported.skipped.join(", ")}`);
  const items = imported.sections.unexpressed;
  console.log(
    items.length
      ? `\nWhat the mappings cannot express (${items.length}):\n${items.map((u) => `  - ${describeUnexpressed(u)}`).join("\n")}`
      : "\nEverything the products hold is expressed: a preview with these mappings changes nothing.",
  );
  console.log(
    `\nTo use them: set pam-reconciler:mappings to ${path.relative(projectDir, outDir)} (or copy them over the stack's mappings), then npm run preview -- --stack ${stack}.`,
  );
  return 0;
}

/** Each secret read through the CLI once (every product's reader asks for its settings). */
function once(read: (key: string) => string | undefined): (key: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (key) => {
    if (!known.has(key)) known.set(key, read(key));
    return known.get(key);
  };
}

/** The groups the stack's current mappings name, when they load: the team's own groups are the first candidates. */
function currentMappingGroups(projectDir: string, stack: string, get: ConfigGetter): GroupReference[] {
  const expanded = expandMappingFiles(mappingSpecsOf(get("mappings"), stack).map((s) => path.resolve(projectDir, s)));
  if (expanded.errors.length || !expanded.files.length) return [];
  return loadMappings(expanded.files).value?.groups.map((g) => g.reference) ?? [];
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(255);
  },
);
