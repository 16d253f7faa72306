// The access report as Markdown for a pull-request comment.

import { temporaryGrantsMarkdown } from "./temporary-grants";
import type {
  AccessReport,
  AccessWarning,
  AccountChanges,
  GroupPolicyChange,
  JumpGroupLink,
  MembershipChanges,
  ObjectChange,
  PersonChange,
  TargetReport,
} from "./access-types";
import { code, codeList, escapeText, limitedList, quote } from "./markdown";
import type { PropertyChange } from "./values";
import { LIFECYCLE_SUFFIX, OBJECT_TITLES, changeParts, resourceCounts, totalsPhrases } from "./wording";

export interface MarkdownOptions {
  /** Names shown per list before "and N more" (GitHub comments are capped at 65,536 characters). */
  maxNamesPerList?: number;
}

/** The hidden line a pipeline looks for to update its comment instead of adding another. */
export function accessReportMarker(stack: string | null): string {
  return `<!-- pam-reconciler:access-report${stack ? ` stack=${stack}` : ""} -->`;
}

export function renderMarkdown(report: AccessReport, options: MarkdownOptions = {}): string {
  const max = options.maxNamesPerList ?? 50;
  const lines: string[] = [accessReportMarker(report.stack)];
  lines.push(`## Access changes${report.stack ? ` for stack ${code(report.stack)}` : ""}`, "");
  if (report.hasChanges) {
    lines.push(`**${totalsPhrases(report.totals).join(" · ")}**`, "");
  } else {
    lines.push("**No access changes.**", "");
  }
  lines.push(`Accounts deactivated or deleted: ${report.totals.removals} (safety limit ${report.maxRemovals}).`, "");
  for (const warning of report.warnings) lines.push(...warningBlock(warning, max), "");
  if (report.errors.length > 0) {
    lines.push(
      ...quote([
        "[!WARNING]",
        "**The preview reported errors: the plan, and this report, are incomplete.**",
        ...report.errors.map((e) => `- ${e.split("\n").map(escapeText).join("<br>")}`),
      ]),
      "",
    );
  }
  for (const target of report.targets) lines.push(...targetSection(target, max));
  lines.push(...temporaryGrantsMarkdown(report.temporaryGrants ?? []));
  const counts = resourceCounts(report.changeSummary);
  if (counts) lines.push(`<sub>Resources: ${counts}. People are shown by userName.</sub>`, "");
  return `${lines.join("\n").trimEnd()}\n`;
}

function personChange(c: PersonChange): string {
  return `${c.target}: ${c.what}${c.object !== undefined ? ` ${code(c.object)}` : ""}`;
}

function warningBlock(warning: AccessWarning, max: number): string[] {
  if (warning.code === "REMOVALS_OVER_LIMIT") {
    const shown = warning.accounts.slice(0, max).map((a) => `- ${a.target} ${code(a.userName)} (${a.how})`);
    const rest = warning.accounts.length - shown.length;
    return quote([
      "[!CAUTION]",
      `**Safety limit exceeded: ${warning.removals} accounts would be deactivated or deleted; the limit is ${warning.maxRemovals}.**`,
      "A run that removes more accounts than the limit stops before changing anything. Check that these removals are intended before raising the limit:",
      "",
      ...shown,
      ...(rest > 0 ? [`- and ${rest} more`] : []),
    ]);
  }
  return quote([
    "[!CAUTION]",
    `**Protected account ${code(warning.userName)} would change.** Protected accounts must never be created, changed or removed by the reconciler:`,
    "",
    ...warning.changes.map((c) => `- ${personChange(c)}`),
  ]);
}

function targetSection(target: TargetReport, max: number): string[] {
  const lines = [`### ${escapeText(target.target)}`, ""];
  const accounts = accountLines(target.accounts, max);
  if (accounts.length > 0) lines.push("#### Accounts", "", ...accounts, "");
  for (const object of target.objects) lines.push(objectTitle(object), "", ...objectLines(object, max), "");
  return lines;
}

function accountLines(a: AccountChanges, max: number): string[] {
  const lines: string[] = [];
  const list = (label: string, names: string[]) => {
    if (names.length > 0) lines.push(`- ${label} (${names.length}): ${codeList(names, max)}`);
  };
  if (a.created.length > 0) {
    const created = a.created.map((c) => `${code(c.userName)}${c.active ? "" : " (inactive)"}`);
    lines.push(`- Created (${created.length}): ${limitedList(created, max)}`);
  }
  list("Deactivated", a.deactivated);
  list("Reactivated", a.reactivated);
  list("Deleted", a.deleted);
  list("Role locked, left as the application holds it", a.locked);
  if (a.renamed.length > 0) lines.push(`- Renamed: ${a.renamed.map((r) => `${code(r.from)} → ${code(r.to)}`).join(", ")}`);
  for (const u of a.adopted) {
    lines.push(
      `- **Adopted** ${code(u.userName)} (exists in the product, taken over${u.relinkedFrom ? `, re-linked from externalId ${code(u.relinkedFrom)}` : ""})${u.changes.length ? ", before → after:" : ": no change."}`,
      ...u.changes.map((c) => `  - ${propertyLine(c, false)}`),
    );
  }
  for (const u of a.updated) {
    lines.push(`- Updated ${code(u.userName)}:`, ...u.changes.map((c) => `  - ${propertyLine(c, false)}`));
  }
  return lines;
}

function objectTitle(o: ObjectChange): string {
  if (o.kind === "other") return `#### ${code(o.type)} ${code(o.name)}${LIFECYCLE_SUFFIX[o.lifecycle]}`;
  const suffix = o.kind === "role" ? "" : o.kind === "scimGroup" && o.previousName ? ` (renamed from ${code(o.previousName)})` : LIFECYCLE_SUFFIX[o.lifecycle];
  return `#### ${OBJECT_TITLES[o.kind]} ${code(o.name)}${suffix}`;
}

function objectLines(o: ObjectChange, max: number): string[] {
  switch (o.kind) {
    case "scimGroup":
    case "role": {
      const lines = membershipLines(o.members, max);
      return lines.length > 0 ? lines : ["- No members."];
    }
    case "groupPolicy":
      return policyLines(o, max);
    case "host":
    case "other":
      return o.lifecycle === "deleted" ? ["- Removed."] : o.attributes.map((c) => `- ${propertyLine(c, o.lifecycle === "created")}`);
  }
}

function membershipLines(m: MembershipChanges, max: number): string[] {
  const lines: string[] = [];
  if (m.added.length > 0) lines.push(`- Added (${m.added.length}): ${codeList(m.added, max)}`);
  if (m.removed.length > 0) lines.push(`- Removed (${m.removed.length}): ${codeList(m.removed, max)}`);
  if (m.renamed.length > 0) lines.push(`- Renamed: ${m.renamed.map((r) => `${code(r.from)} → ${code(r.to)}`).join(", ")}`);
  return lines;
}

const linkText = (l: JumpGroupLink) => `role ${code(l.jumpItemRole)}, policy ${code(l.jumpPolicy)}`;

function policyLines(p: GroupPolicyChange, max: number): string[] {
  const lines: string[] = [];
  if (p.memberGroups.added.length > 0) lines.push(`- Member groups added: ${codeList(p.memberGroups.added, max)}`);
  if (p.memberGroups.removed.length > 0) lines.push(`- Member groups removed: ${codeList(p.memberGroups.removed, max)}`);
  if (p.permissions.length > 0) {
    lines.push("- Permissions:", ...p.permissions.map((c) => `  - ${propertyLine(c, p.lifecycle === "created")}`));
  }
  if (p.jumpGroups.length > 0) {
    lines.push("- Jump groups:");
    for (const j of p.jumpGroups) {
      if (j.change === "added") lines.push(`  - Added ${code(j.jumpGroup)} (${linkText(j.after!)})`);
      else if (j.change === "removed") lines.push(`  - Removed ${code(j.jumpGroup)} (${linkText(j.before!)})`);
      else {
        const parts: string[] = [];
        if (j.before!.jumpItemRole !== j.after!.jumpItemRole) parts.push(`role ${code(j.before!.jumpItemRole)} → ${code(j.after!.jumpItemRole)}`);
        if (j.before!.jumpPolicy !== j.after!.jumpPolicy) parts.push(`policy ${code(j.before!.jumpPolicy)} → ${code(j.after!.jumpPolicy)}`);
        lines.push(`  - Changed ${code(j.jumpGroup)}: ${parts.join("; ")}`);
      }
    }
  }
  for (const c of p.other) lines.push(`- ${propertyLine(c, false)}`);
  if (p.notManaged?.length) lines.push(`- Not managed (members the mappings cannot state), kept: ${codeList(p.notManaged, max)}`);
  if (lines.length === 0) lines.push(p.lifecycle === "deleted" ? "- Removed." : "- No member groups, permissions or jump groups.");
  return lines;
}

function propertyLine(change: PropertyChange, isNew: boolean): string {
  const parts = changeParts(change, isNew);
  const name = code(change.path);
  if (parts.form === "set") return `${name}: ${code(parts.value)}`;
  if (parts.form === "change") return `${name}: ${code(parts.before)} → ${code(parts.after)}`;
  const pieces: string[] = [];
  if (parts.added.length > 0) pieces.push(`added ${parts.added.map(code).join(", ")}`);
  if (parts.removed.length > 0) pieces.push(`removed ${parts.removed.map(code).join(", ")}`);
  return `${name}: ${pieces.join("; ")}`;
}
