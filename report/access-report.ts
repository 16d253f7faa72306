// Who gains and who loses which access: the review report of a `pulumi preview --json` digest.
// Pure: a digest in, report data out; renderers turn the data into Markdown or terminal text.
// People are named by userName only (never by Entra object id).

import { type PersonEvent, collectAccessChanges } from "./access-collect";
import type { AccessReport, AccessReportOptions, AccessTotals, AccessWarning, PersonChange, TargetReport } from "./access-types";
import { type Digest, errorMessages, plannedChanges, stackOf } from "./digest";
import { expandBatches } from "./batch-steps";
import { sameValue, sortedStrings } from "./values";
import { temporaryGrantLines } from "./temporary-grants";
import { withAdoptions } from "./adoptions";

export type * from "./access-types";
export { renderMarkdown } from "./access-markdown";
export { renderText } from "./access-text";

function totalsOf(targets: TargetReport[], removals: number): AccessTotals {
  const totals: AccessTotals = {
    joined: 0,
    left: 0,
    accountsCreated: 0,
    adopted: 0,
    deactivated: 0,
    reactivated: 0,
    deleted: 0,
    renamed: 0,
    removals,
    groupPoliciesChanged: 0,
    hostsAdded: 0,
    hostsChanged: 0,
    hostsRemoved: 0,
    otherChanges: 0,
  };
  for (const t of targets) {
    totals.accountsCreated += t.accounts.created.length;
    totals.adopted += t.accounts.adopted.length + t.objects.filter((o) => o.kind !== "role" && o.lifecycle === "adopted").length;
    totals.deactivated += t.accounts.deactivated.length;
    totals.reactivated += t.accounts.reactivated.length;
    totals.deleted += t.accounts.deleted.length;
    totals.renamed += t.accounts.renamed.length;
    for (const o of t.objects) {
      if (o.kind === "scimGroup" || o.kind === "role") {
        totals.joined += o.members.added.length;
        totals.left += o.members.removed.length;
      } else if (o.kind === "groupPolicy") {
        if (o.lifecycle !== "adopted") totals.groupPoliciesChanged++;
      } else if (o.kind === "host") {
        if (o.lifecycle === "adopted") continue;
        if (o.lifecycle === "created") totals.hostsAdded++;
        else if (o.lifecycle === "deleted") totals.hostsRemoved++;
        else totals.hostsChanged++;
      } else totals.otherChanges++;
    }
  }
  return totals;
}

/** Changes to protected accounts, one warning per account, named as the digest spells it. */
function protectedWarnings(events: PersonEvent[], protectedUserNames: string[]): AccessWarning[] {
  const wanted = new Set(protectedUserNames.map((n) => n.toLowerCase()));
  const byAccount = new Map<string, { userName: string; changes: PersonChange[] }>();
  for (const event of events) {
    const hit = event.userNames.find((n) => wanted.has(n.toLowerCase()));
    if (!hit) continue;
    const key = hit.toLowerCase();
    const entry = byAccount.get(key) ?? { userName: hit, changes: [] };
    if (!entry.changes.some((c) => sameValue(c, event.change))) entry.changes.push(event.change);
    byAccount.set(key, entry);
  }
  return sortedStrings(byAccount.keys()).map((key) => ({ code: "PROTECTED_ACCOUNT_CHANGE" as const, ...byAccount.get(key)! }));
}

export function buildAccessReport(digest: Digest, options: AccessReportOptions): AccessReport {
  const { targets, removed, events } = collectAccessChanges(withAdoptions(plannedChanges(expandBatches(digest)), options.adopted));
  const limitExceeded = removed.length > options.maxRemovals;
  const warnings: AccessWarning[] = [];
  if (limitExceeded) {
    warnings.push({ code: "REMOVALS_OVER_LIMIT", removals: removed.length, maxRemovals: options.maxRemovals, accounts: removed });
  }
  warnings.push(...protectedWarnings(events, options.protectedUserNames ?? []));
  const changeSummary = Object.fromEntries(Object.entries(digest.changeSummary ?? {}).filter(([, n]) => typeof n === "number"));
  return {
    stack: stackOf(digest),
    totals: totalsOf(targets, removed.length),
    targets,
    warnings,
    maxRemovals: options.maxRemovals,
    limitExceeded,
    hasChanges: targets.length > 0,
    errors: errorMessages(digest),
    changeSummary,
    temporaryGrants: temporaryGrantLines(options.temporaryGrants ?? []),
  };
}
