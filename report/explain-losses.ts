// What explain says a person loses on the next run: what the stack's last successful run
// granted them (its recorded access, the record the removal check compares with) that the
// desired state no longer grants, each with why where the mappings tell (an expired grant, an
// account left out). Pure: the caller reads the record and builds the state.
import type { AccessRecord } from "../model/removal-safety";
import { targetList } from "../providers/targets";
import type { ExplainedLoss, ExplainedLosses, ExplainedTarget } from "./explain";

export type { ExplainedLosses } from "./explain";

/** The last run's record, or why there is none. */
export type LastRun = { record: AccessRecord } | { unavailable: string };

/** @param options.inDirectory false: the directory no longer has the person (everything recorded goes). */
export function lossesOf(
  lastRun: LastRun,
  current: AccessRecord,
  userId: string,
  explained: readonly ExplainedTarget[],
  options: { inDirectory?: boolean } = {},
): ExplainedLosses {
  if ("unavailable" in lastRun) return { known: false, note: lastRun.unavailable, items: [] };
  const items: ExplainedLoss[] = [];
  const titles = new Map<string, string>(targetList.map(({ name, target }) => [name, target.title]));
  for (const [target, before] of Object.entries(lastRun.record.targets)) {
    const after = current.targets[target] ?? { accounts: {}, grants: {} };
    const here = explained.find((t) => t.target === target);
    const title = titles.get(target) ?? target;
    const gone = options.inDirectory === false ? "the directory no longer has this person" : null;
    if (userId in before.accounts && !(userId in after.accounts)) items.push({ target, title, what: "account", reason: gone ?? accountReason(here) });
    for (const [what, members] of Object.entries(before.grants)) {
      if (members.includes(userId) && !(after.grants[what] ?? []).includes(userId))
        items.push({ target, title, what, reason: gone ?? grantReason(here, what) });
    }
  }
  items.sort((a, b) => a.title.localeCompare(b.title) || (a.what === "account" ? -1 : b.what === "account" ? 1 : a.what.localeCompare(b.what)));
  return { known: true, note: null, items };
}

function accountReason(t: ExplainedTarget | undefined): string {
  if (!t?.account) return "no member source of the target holds them any more";
  if (t.account.state === "disabled") return "the Entra account is disabled: kept inactive";
  return t.account.reason ?? `the account is ${t.account.state}`;
}

/** Why a recorded grant ("group policy X", "role X") goes: its grants here expired, or the mappings no longer give it. */
function grantReason(t: ExplainedTarget | undefined, what: string): string {
  const same = (t?.grants ?? []).filter((g) => `${g.kind} ${g.name}` === what);
  const expired = same.filter((g) => g.expired);
  if (same.length && expired.length === same.length)
    return `expired (until ${[...new Set(expired.map((g) => g.until))].join(", ")}, ${expired[0].rule} at ${expired[0].at})`;
  if (t?.account && t.account.state !== "active" && t.account.state !== "disabled") return t.account.reason ?? `the account is ${t.account.state}`;
  return same.length ? "a better-precedence mapping or another rule takes its place" : "the mappings or the member sources no longer grant it";
}
