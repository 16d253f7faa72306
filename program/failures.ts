import * as pulumi from "@pulumi/pulumi";
import { formatProblem, problem, ProblemCode, type CommonMappings, type MappingProblem } from "../model";
import { isDirectoryError, type DirectoryError } from "../sources/directory";

/** Problems listed in the message; a file with thousands of bad entries gets a count for the rest. */
export const MAX_PROBLEMS_SHOWN = 100;

/**
 * The program's own refusal to declare anything. Thrown before the first resource is
 * registered, so a bad mapping file or a half-read directory changes nothing. A RunError: the
 * Pulumi SDK prints its message and no JavaScript stack trace (the input is wrong, not the code).
 */
export class ProgramInputError extends pulumi.RunError {
  constructor(
    readonly code: "MAPPING_INVALID" | "DESIRED_STATE_INVALID" | "DIRECTORY_REFERENCE" | "DIRECTORY_UNREADABLE",
    headline: string,
    readonly problems: readonly MappingProblem[],
    detail: readonly string[] = [],
  ) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `  ${formatProblem(p)}`);
    const more =
      problems.length > MAX_PROBLEMS_SHOWN ? [`  … and ${problems.length - MAX_PROBLEMS_SHOWN} more problem(s), not shown: fix these and run again`] : [];
    super([headline, ...shown, ...more, ...detail.map((d) => `  ${d}`), "Nothing was changed."].join("\n"));
    this.name = "ProgramInputError";
  }
}

interface Unresolved {
  code: string;
  message: string;
  reference?: { id?: string; displayName?: string };
}

function unresolvedReferences(err: DirectoryError): Unresolved[] {
  const details = err.details as
    { reference?: Unresolved["reference"]; problems?: { code: string; message: string; details?: { reference?: Unresolved["reference"] } }[] } | undefined;
  if (details?.problems) return details.problems.map((p) => ({ code: p.code, message: p.message, reference: p.details?.reference }));
  return [{ code: err.code, message: err.message, reference: details?.reference }];
}

/**
 * A directory read that failed, as the error the program ends with: a group name that matches
 * no group or several is placed at the mapping entry that names it (file:line:column field);
 * any other directory failure (credentials, permissions, an outage) keeps the directory's own words.
 * Errors that are not the directory's are returned unchanged (a bug keeps its stack trace).
 */
export function directoryFailure(err: unknown, model: CommonMappings): unknown {
  if (!isDirectoryError(err)) return err;
  if (err.code === "NOT_FOUND" || err.code === "AMBIGUOUS") {
    const problems: MappingProblem[] = [];
    const unplaced: string[] = [];
    const seen = new Set<string>();
    for (const u of unresolvedReferences(err)) {
      const aliases = model.groups.filter((g) =>
        "id" in g.reference ? g.reference.id.toLowerCase() === u.reference?.id?.toLowerCase() : g.reference.displayName === u.reference?.displayName,
      );
      if (!aliases.length && !seen.has(u.message)) unplaced.push(u.message);
      seen.add(u.message);
      for (const alias of aliases) {
        const key = `${alias.at.file}:${alias.at.line}:${alias.at.column}:${u.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(problem(u.code === "AMBIGUOUS" ? ProblemCode.AMBIGUOUS_GROUP : ProblemCode.GROUP_NOT_IN_SNAPSHOT, alias.at, u.message));
      }
    }
    const count = problems.length + unplaced.length;
    return new ProgramInputError("DIRECTORY_REFERENCE", `${count} directory reference(s) in the mapping files cannot be resolved:`, problems, unplaced);
  }
  return new ProgramInputError("DIRECTORY_UNREADABLE", `The directory cannot be read (${err.code}): ${err.message}`, []);
}
