// Every exit code the project's commands answer with, in one place. 3 and 7 are the pipelines'
// signals; 7 and 255 are also what the Pulumi CLI answers (changes where none were expected since
// CLI 3.226; any error), which the offline engine answers the same way.
export const EXIT = {
  OK: 0,
  /** report: a digest reported errors, so the plan is incomplete and the report cannot vouch for it. */
  INCOMPLETE: 1,
  /** report: usage or input error. */
  USAGE: 2,
  /** More access would be removed than the mappings' safety limits allow. */
  SAFETY_LIMIT: 3,
  /** explain: no such person in the directory. */
  NO_SUCH_USER: 4,
  /** Drift: changes where none were expected (pulumi's --expect-no-changes). */
  DRIFT: 7,
  /** Any other failure. */
  ERROR: 255,
} as const;
