// Command line for pipelines:
//   node dist/report/cli.js access --digest digest.json [--format markdown|text] [--stack s [--config-file f]]
//                                  [--max-removals N] [--protected a@x.com,b@x.com] [--adoptions f] [--output file]
// With --stack, the safety limit and protected accounts come from that stack's mapping files
// (run from the project directory); --max-removals and --protected override them.
//   node dist/report/cli.js drift --refresh refresh.json --preview preview.json
//                                 [--format markdown|text] [--stack s [--config-file f]] [--output file]
// Temporary grants are judged by the program's clock: the stack's `now`, PAM_RECONCILER_NOW, else the machine's time.
// A path of "-" reads standard input. Exit codes are the pipeline's signal; see EXIT.

import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { buildAccessReport, renderMarkdown, renderText } from "./access-report";
import { type Digest, ReportError, parseDigest, stackOf } from "./digest";
import { readAdoptions } from "./adoptions";
import { adoptionFilePath, type AdoptedObject } from "../model/adoption";
import { buildDriftReport } from "./drift-report";
import { renderDriftMarkdown, renderDriftText } from "./drift-render";
import { stackSafety, stackTemporaryGrants } from "../program/stack-settings";
import { defaultMaxRemovals, type TemporaryGrant } from "../model";
import { EXIT } from "../lib/exit-codes";

export const USAGE = `Usage:
  cli.js access --digest <file|-> [--format markdown|text] [--stack <name> [--config-file <file>]]
                [--max-removals N] [--protected user1,user2] [--adoptions <file>] [--output <file>]
    --stack reads safety.maxRemovals and the protected accounts from the stack's mapping files.
  cli.js drift --refresh <file> --preview <file> [--format markdown|text] [--stack <name> [--config-file <file>]] [--output <file>]
    --stack lists the temporary grants that have expired but are still held.

Exit codes: 0 fine; 1 a digest reported errors; 2 usage or input error;
3 (access) the removals exceed --max-removals (default ${defaultMaxRemovals}); 7 (drift) drift found.`;

export interface CliIo {
  readFile(path: string): string;
  readStdin(): string;
  write(text: string): void;
  writeFile(path: string, text: string): void;
  error(text: string): void;
}

/** The flags each command accepts (pipeline tests check the templates use no others). */
export const CLI_FLAGS: Record<string, string[]> = {
  access: ["digest", "format", "stack", "config-file", "max-removals", "protected", "adoptions", "output"],
  drift: ["refresh", "preview", "format", "stack", "config-file", "adoptions", "output"],
};

function parseFlags(command: string, args: string[]): Map<string, string> {
  const options = Object.fromEntries(CLI_FLAGS[command].map((name) => [name, { type: "string" as const }]));
  try {
    const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
    return new Map(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch (err) {
    // parseArgs names the argument: "Unknown option '--x'", "Option '--digest <value>' argument missing".
    throw new ReportError("USAGE", (err as Error).message);
  }
}

function required(flags: Map<string, string>, name: string): string {
  const value = flags.get(name);
  if (!value) throw new ReportError("USAGE", `--${name} is required`);
  return value;
}

function formatOf(flags: Map<string, string>): "markdown" | "text" {
  const format = flags.get("format") ?? "text";
  if (format !== "markdown" && format !== "text") throw new ReportError("USAGE", "--format must be markdown or text");
  return format;
}

function readDigest(io: CliIo, path: string): Digest {
  let text: string;
  try {
    text = path === "-" ? io.readStdin() : io.readFile(path);
  } catch {
    throw new ReportError("NOT_FOUND", `cannot read ${path}`, { file: path });
  }
  return parseDigest(text, path);
}

/** The stack's own safety settings, when --stack names it: the mapping files are the one source. */
function stackDefaults(flags: Map<string, string>): { maxRemovals?: number; protectedUserNames: string[]; temporaryGrants: TemporaryGrant[] } {
  const stack = flags.get("stack");
  if (!stack) return { protectedUserNames: [], temporaryGrants: [] };
  try {
    const safety = stackSafety(process.cwd(), stack, flags.get("config-file"));
    const { grants } = stackTemporaryGrants(process.cwd(), stack, { configFile: flags.get("config-file") });
    return { maxRemovals: safety.maxRemovals, protectedUserNames: safety.protectedAccounts, temporaryGrants: grants };
  } catch (err) {
    throw new ReportError("VALIDATION", `stack ${stack}: ${(err as Error).message}`);
  }
}

/** The program's adoption file: --adoptions, else the stack's default one in the project directory (none without --stack). */
function adoptionsOf(flags: Map<string, string>, digest: Digest): AdoptedObject[] {
  const stack = flags.get("stack");
  const file = flags.get("adoptions") ?? (stack ? adoptionFilePath(process.cwd(), stack) : undefined);
  return file ? readAdoptions(file, stackOf(digest) ?? stack) : [];
}

function accessCommand(flags: Map<string, string>, io: CliIo): { text: string; exit: number } {
  const defaults = stackDefaults(flags);
  const maxText = flags.get("max-removals") ?? String(defaults.maxRemovals ?? defaultMaxRemovals);
  if (!/^\d+$/.test(maxText)) throw new ReportError("USAGE", "--max-removals must be a whole number");
  const protectedUserNames = flags.has("protected")
    ? (flags.get("protected") ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : defaults.protectedUserNames;
  const format = formatOf(flags);
  const digest = readDigest(io, required(flags, "digest"));
  const report = buildAccessReport(digest, {
    maxRemovals: Number(maxText),
    protectedUserNames,
    temporaryGrants: defaults.temporaryGrants,
    adopted: adoptionsOf(flags, digest),
  });
  const text = format === "markdown" ? renderMarkdown(report) : renderText(report);
  const exit = report.limitExceeded ? EXIT.SAFETY_LIMIT : report.errors.length > 0 ? EXIT.INCOMPLETE : EXIT.OK;
  return { text, exit };
}

function driftCommand(flags: Map<string, string>, io: CliIo): { text: string; exit: number } {
  const format = formatOf(flags);
  const refresh = readDigest(io, required(flags, "refresh"));
  const preview = readDigest(io, required(flags, "preview"));
  const report = buildDriftReport(refresh, preview, stackDefaults(flags).temporaryGrants, adoptionsOf(flags, preview));
  const text = format === "markdown" ? renderDriftMarkdown(report) : renderDriftText(report);
  const exit = report.drifted ? EXIT.DRIFT : report.errors.length > 0 ? EXIT.INCOMPLETE : EXIT.OK;
  return { text, exit };
}

const COMMANDS: Record<string, (flags: Map<string, string>, io: CliIo) => { text: string; exit: number }> = {
  access: accessCommand,
  drift: driftCommand,
};

/** Runs one command and returns its exit code; all I/O goes through `io`. */
export function runCli(argv: string[], io: CliIo): number {
  const [command, ...args] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    io.write(`${USAGE}\n`);
    return EXIT.OK;
  }
  try {
    const run = command && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new ReportError("USAGE", command ? `unknown command ${command}` : "a command is required");
    const flags = parseFlags(command, args);
    const { text, exit } = run(flags, io);
    const output = flags.get("output");
    if (output) io.writeFile(output, text);
    else io.write(text);
    return exit;
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    io.error(`error (${error.code}): ${error.message}\n`);
    if (error.code === "USAGE") io.error(`${USAGE}\n`);
    return EXIT.USAGE;
  }
}

export const processIo: CliIo = {
  readFile: (path) => fs.readFileSync(path, "utf8"),
  readStdin: () => fs.readFileSync(0, "utf8"),
  write: (text) => process.stdout.write(text),
  writeFile: (path, text) => fs.writeFileSync(path, text),
  error: (text) => process.stderr.write(text),
};

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), processIo);
}
