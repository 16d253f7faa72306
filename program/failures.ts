import { formatProblem, type MappingProblem } from "../model";

/**
 * The program's own refusal to declare anything. Thrown before the first resource is
 * registered, so a bad mapping file or a half-read directory changes nothing.
 */
export class ProgramInputError extends Error {
  constructor(
    readonly code: "MAPPING_INVALID" | "DESIRED_STATE_INVALID",
    headline: string,
    readonly problems: readonly MappingProblem[],
  ) {
    super([headline, ...problems.map((p) => `  ${formatProblem(p)}`), "Nothing was changed."].join("\n"));
    this.name = "ProgramInputError";
  }
}
