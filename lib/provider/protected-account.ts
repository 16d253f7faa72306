// Protected accounts (break-glass, service owners) are declared so that the engine never
// creates, changes or removes them: their resources only record what the product holds.
import type * as pulumi from "@pulumi/pulumi";

const ABSENT = "absent:";

/** The id of a protected account's resource when the product has no such account. */
export function absentId(key: string): string {
  return `${ABSENT}${key}`;
}

export function isAbsentId(id: string): boolean {
  return id.startsWith(ABSENT);
}

/**
 * The diff while protection is involved: a protected account changes only when it stops being
 * protected (then it is managed again; an absent one is created, so it is replaced).
 */
export function protectedAccountDiff(id: string, olds: { protected?: boolean }, news: { protected?: boolean }): pulumi.dynamic.DiffResult | undefined {
  if (news.protected) return { changes: !olds.protected, replaces: [], deleteBeforeReplace: false };
  if (olds.protected) return { changes: true, replaces: isAbsentId(id) ? ["protected"] : [], deleteBeforeReplace: isAbsentId(id) };
  return undefined;
}
