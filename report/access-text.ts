// The access report as plain text for a terminal: no colours, so it also reads well in a log.

import type { AccessReport, AccessWarning, AccountChanges, GroupPolicyChange, JumpGroupLink, ObjectChange, TargetReport } from "./access-types";
import type { PropertyChange } from "./values";
import { temporaryGrantsText } from "./temporary-grants";
import { LIFECYCLE_SUFFIX, OBJECT_TITLES, changeParts, resourceCounts, totalsPhrases } from "./wording";

const BANNER_EDGE = "!".repeat(72);

export function renderText(report: AccessReport): string {
  const lines: string[] = [`Access changes${report.stack ? ` for stack ${report.stack}` : ""}`];
  lines.push(report.hasChanges ? totalsPhrases(report.totals).join(", ") : "No access changes.");
  lines.push(`Accounts deactivated or deleted: ${report.totals.removals} (safety limit ${report.maxRemovals})`);
  if (report.warnings.length > 0) {
    lines.push("", BANNER_EDGE, ...report.warnings.flatMap(warningLines).map((l) => `!! ${l}`), BANNER_EDGE);
  }
  if (report.errors.length > 0) {
    lines.push("", "The preview reported errors: the plan, and this report, are incomplete.", ...report.errors.map((e) => `  ${e.replace(/\n/g, "\n  ")}`));
  }
  for (const target of report.targets) lines.push("", ...targetLines(target));
  lines.push(...temporaryGrantsText(report.temporaryGrants ?? []));
  const counts = resourceCounts(report.changeSummary);
  if (counts) lines.push("", `Resources: ${counts}`);
  return `${lines.join("\n")}\n`;
}

function warningLines(w: AccessWarning): string[] {
  if (w.code === "REMOVALS_OVER_LIMIT") {
    return [
      `CAUTION: ${w.removals} accounts would be deactivated or deleted; the safety limit is ${w.maxRemovals}`,
      ...w.accounts.map((a) => `  ${a.target} ${a.userName} (${a.how})`),
    ];
  }
  return [
    `CAUTION: protected account ${w.userName} would change`,
    ...w.changes.map((c) => `  ${c.target}: ${c.what}${c.object !== undefined ? ` ${c.object}` : ""}`),
  ];
}

function targetLines(target: TargetReport): string[] {
  const lines = [target.target];
  const accounts = accountLines(target.accounts);
  if (accounts.length > 0) lines.push("  Accounts", ...accounts.map((l) => `    ${l}`));
  for (const object of target.objects) lines.push(`  ${objectTitle(object)}`, ...objectLines(object).map((l) => `    ${l}`));
  return lines;
}

const label = (word: string) => word.padEnd(13);

function accountLines(a: AccountChanges): string[] {
  return [
    ...a.created.map((c) => `${label("created")}${c.userName}${c.active ? "" : " (inactive)"}`),
    ...a.deactivated.map((n) => `${label("deactivated")}${n}`),
    ...a.reactivated.map((n) => `${label("reactivated")}${n}`),
    ...a.deleted.map((n) => `${label("deleted")}${n}`),
    ...a.locked.map((n) => `${label("role locked")}${n} (left as the application holds it)`),
    ...a.renamed.map((r) => `${label("renamed")}${r.from} → ${r.to}`),
    ...a.adopted.flatMap((u) => [
      `${label("ADOPTED")}${u.userName} (exists in the product, taken over${u.relinkedFrom ? `, re-linked from externalId "${u.relinkedFrom}"` : ""})${u.changes.length ? ": before → after" : ": no change"}`,
      ...u.changes.map((c) => `${" ".repeat(15)}${propertyText(c, false)}`),
    ]),
    ...a.updated.flatMap((u) => [`${label("updated")}${u.userName}`, ...u.changes.map((c) => `${" ".repeat(15)}${propertyText(c, false)}`)]),
  ];
}

function objectTitle(o: ObjectChange): string {
  if (o.kind === "other") return `${o.type} "${o.name}"${LIFECYCLE_SUFFIX[o.lifecycle]}`;
  const suffix = o.kind === "role" ? "" : o.kind === "scimGroup" && o.previousName ? ` (renamed from "${o.previousName}")` : LIFECYCLE_SUFFIX[o.lifecycle];
  return `${OBJECT_TITLES[o.kind]} "${o.name}"${suffix}`;
}

function objectLines(o: ObjectChange): string[] {
  switch (o.kind) {
    case "scimGroup":
    case "role": {
      const lines = [
        ...o.members.added.map((n) => `+ ${n}`),
        ...o.members.removed.map((n) => `- ${n}`),
        ...o.members.renamed.map((r) => `~ ${r.from} → ${r.to}`),
      ];
      return lines.length > 0 ? lines : ["(no members)"];
    }
    case "groupPolicy":
      return policyLines(o);
    case "host":
    case "other":
      return o.lifecycle === "deleted" ? ["(removed)"] : o.attributes.map((c) => propertyText(c, o.lifecycle === "created"));
  }
}

const linkText = (l: JumpGroupLink) => `role ${l.jumpItemRole}, policy ${l.jumpPolicy}`;

function policyLines(p: GroupPolicyChange): string[] {
  const lines = [
    ...p.memberGroups.added.map((g) => `member group + ${g}`),
    ...p.memberGroups.removed.map((g) => `member group - ${g}`),
    ...p.permissions.map((c) => `permission ${propertyText(c, p.lifecycle === "created")}`),
  ];
  for (const j of p.jumpGroups) {
    if (j.change === "added") lines.push(`jump group + ${j.jumpGroup} (${linkText(j.after!)})`);
    else if (j.change === "removed") lines.push(`jump group - ${j.jumpGroup} (${linkText(j.before!)})`);
    else {
      const parts: string[] = [];
      if (j.before!.jumpItemRole !== j.after!.jumpItemRole) parts.push(`role ${j.before!.jumpItemRole} → ${j.after!.jumpItemRole}`);
      if (j.before!.jumpPolicy !== j.after!.jumpPolicy) parts.push(`policy ${j.before!.jumpPolicy} → ${j.after!.jumpPolicy}`);
      lines.push(`jump group ~ ${j.jumpGroup}: ${parts.join("; ")}`);
    }
  }
  lines.push(...p.other.map((c) => propertyText(c, false)));
  if (p.notManaged?.length) lines.push(`not managed, kept: ${p.notManaged.join(", ")}`);
  if (lines.length === 0) lines.push(p.lifecycle === "deleted" ? "(removed)" : "(no member groups, permissions or jump groups)");
  return lines;
}

function propertyText(change: PropertyChange, isNew: boolean): string {
  const parts = changeParts(change, isNew);
  if (parts.form === "set") return `${change.path}: ${parts.value}`;
  if (parts.form === "change") return `${change.path}: ${parts.before} → ${parts.after}`;
  return `${change.path}: ${[...parts.added.map((v) => `+ ${v}`), ...parts.removed.map((v) => `- ${v}`)].join(", ")}`;
}
