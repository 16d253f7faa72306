// The drift report as Markdown (an issue body) and as terminal text.

import type { DirectoryChange, DriftReport, DriftedObject, HandChange } from "./drift-types";
import { expiredMarkdown, expiredText } from "./temporary-grants";
import { code, escapeText, quote } from "./markdown";
import type { PropertyChange } from "./values";
import { changeParts, plural } from "./wording";

/** The hidden line a pipeline looks for to find the open drift issue of a stack. */
export function driftReportMarker(stack: string | null): string {
  return `<!-- pam-reconciler:drift-report${stack ? ` stack=${stack}` : ""} -->`;
}

const HAND_WORDS: Record<HandChange["change"], string> = {
  modified: "changed in the product",
  gone: "deleted in the product",
};

const DIRECTORY_WORDS: Record<DirectoryChange["change"], string> = {
  create: "to be created",
  adopt: "ADOPTED: exists in the product, to be taken over (before → after)",
  update: "to be updated",
  replace: "to be replaced",
  deactivate: "to be deactivated",
  delete: "to be deleted",
};

function headline(report: DriftReport): string {
  if (!report.drifted) return "No drift";
  const parts: string[] = [];
  if (report.handChanges.length > 0) parts.push(plural(report.handChanges.length, "object changed by hand", "objects changed by hand"));
  if (report.directoryChanges.length > 0) {
    parts.push(plural(report.directoryChanges.length, "pending change", "pending changes") + " from the directory or the mappings");
  }
  return parts.join(" · ");
}

const HAND_INTRO =
  "The product no longer holds what the last deployment applied (recorded → actual). The next `pulumi up --refresh` puts these objects back as the mappings say; if a hand change was right, change the mappings instead.";
const DIRECTORY_INTRO = "Entra ID or the mapping files changed since the last deployment (recorded → desired). The next deployment applies these changes.";

export function renderDriftMarkdown(report: DriftReport): string {
  const lines = [driftReportMarker(report.stack), `## Access drift${report.stack ? ` for stack ${code(report.stack)}` : ""}`, ""];
  lines.push(`**${headline(report)}.**`, "");
  if (!report.drifted && report.errors.length === 0) {
    lines.push("The products match the last deployment, and the directory and the mappings ask for nothing new.", "");
  }
  if (report.errors.length > 0) {
    lines.push(
      ...quote([
        "[!WARNING]",
        "**A dry run reported errors: drift may be missing from this report.**",
        ...report.errors.map((e) => `- ${e.split("\n").map(escapeText).join("<br>")}`),
      ]),
      "",
    );
  }
  if (report.handChanges.length > 0) {
    lines.push("### Changed by hand in the product", "", HAND_INTRO, "");
    for (const c of report.handChanges) lines.push(markdownTitle(c, HAND_WORDS[c.change]), "", ...markdownDifferences(c.differences, c.change === "gone"));
  }
  lines.push(...expiredMarkdown(report.expiredGrants ?? []));
  if (report.directoryChanges.length > 0) {
    lines.push("### Pending because the directory or the mappings changed", "", DIRECTORY_INTRO, "");
    for (const c of report.directoryChanges) {
      lines.push(markdownTitle(c, DIRECTORY_WORDS[c.change]), "", ...markdownDifferences(c.differences, false));
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function markdownTitle(o: DriftedObject, what: string): string {
  return `#### ${escapeText(o.target)} ${escapeText(o.objectType)} ${code(o.name)}: ${what}`;
}

/** The bullet lines of one object, followed by the blank line that ends its block. */
function markdownDifferences(differences: PropertyChange[], gone: boolean): string[] {
  if (gone) return ["- The object no longer exists in the product; the next deployment creates it again.", ""];
  if (differences.length === 0) return [];
  const lines = differences.map((d) => {
    const parts = changeParts(d, false);
    if (parts.form === "list") {
      const pieces: string[] = [];
      if (parts.added.length > 0) pieces.push(`added ${parts.added.map(code).join(", ")}`);
      if (parts.removed.length > 0) pieces.push(`removed ${parts.removed.map(code).join(", ")}`);
      return `- ${code(d.path)}: ${pieces.join("; ")}`;
    }
    return parts.form === "change" ? `- ${code(d.path)}: ${code(parts.before)} → ${code(parts.after)}` : `- ${code(d.path)}: ${code(parts.value)}`;
  });
  return [...lines, ""];
}

export function renderDriftText(report: DriftReport): string {
  const lines = [`Access drift${report.stack ? ` for stack ${report.stack}` : ""}`, `${headline(report)}.`];
  if (report.errors.length > 0) {
    lines.push("", "A dry run reported errors: drift may be missing from this report.", ...report.errors.map((e) => `  ${e.replace(/\n/g, "\n  ")}`));
  }
  if (report.handChanges.length > 0) {
    lines.push("", "Changed by hand in the product (recorded → actual):");
    for (const c of report.handChanges) lines.push(textTitle(c, HAND_WORDS[c.change]), ...textDifferences(c.differences));
  }
  if (report.directoryChanges.length > 0) {
    lines.push("", "Pending because the directory or the mappings changed (recorded → desired):");
    for (const c of report.directoryChanges) lines.push(textTitle(c, DIRECTORY_WORDS[c.change]), ...textDifferences(c.differences));
  }
  lines.push(...expiredText(report.expiredGrants ?? []));
  return `${lines.join("\n")}\n`;
}

const textTitle = (o: DriftedObject, what: string) => `  ${o.target} ${o.objectType} "${o.name}": ${what}`;

function textDifferences(differences: PropertyChange[]): string[] {
  return differences.map((d) => {
    const parts = changeParts(d, false);
    if (parts.form === "list") {
      return `    ${d.path}: ${[...parts.added.map((v) => `+ ${v}`), ...parts.removed.map((v) => `- ${v}`)].join(", ")}`;
    }
    return parts.form === "change" ? `    ${d.path}: ${parts.before} → ${parts.after}` : `    ${d.path}: ${parts.value}`;
  });
}
