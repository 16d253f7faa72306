// Temporary grants (until) in the reports: every grant with its expiry, the ones ending within
// the warning window, and, in a drift run, the expired ones the products still hold (the
// pending plan removes them). Pure: the grants come judged by the program's clock.
import { EXPIRY_WARNING_DAYS, type TemporaryGrant } from "../model";
import { targets } from "../providers/targets";

/** What a drift report says the pending plan changes (drift-types' DirectoryChange, structurally). */
interface PendingChange {
  target: string;
  name: string;
  differences: { removed?: string[] }[];
}

export interface TemporaryGrantLine {
  /** The target's title: "PRA". */
  target: string;
  /** `group policy "Vendor Access"` */
  rule: string;
  ruleName: string;
  /** Where the rule is written, file:line. */
  at: string;
  source: string;
  until: string;
  state: TemporaryGrant["state"];
  daysLeft: number;
}

export interface TemporaryGrantsInput {
  now: number;
  grants: TemporaryGrant[];
}

export function temporaryGrantLines(grants: readonly TemporaryGrant[]): TemporaryGrantLine[] {
  return grants.map((g) => ({
    target: (targets as Record<string, { title: string }>)[g.target]?.title ?? g.target,
    rule: `${g.rule.kind} "${g.rule.name}"`,
    ruleName: g.rule.name,
    at: `${g.rule.at.file}:${g.rule.at.line}`,
    source: g.source,
    until: g.until.text,
    state: g.state,
    daysLeft: g.daysLeft,
  }));
}

/**
 * Expired grants whose removal the pending plan holds: a directory change in the same target
 * to the rule itself (a policy losing member groups) or one that takes the rule's name away
 * (a user losing the role).
 */
export function expiredStillPresent(lines: readonly TemporaryGrantLine[], report: { directoryChanges: readonly PendingChange[] }): TemporaryGrantLine[] {
  return lines.filter(
    (g) =>
      g.state === "expired" &&
      report.directoryChanges.some(
        (c) =>
          c.target === g.target &&
          ((c.name === g.ruleName && c.differences.some((d) => (d.removed?.length ?? 0) > 0)) || c.differences.some((d) => d.removed?.includes(g.ruleName))),
      ),
  );
}

const when = (g: TemporaryGrantLine) =>
  g.state === "expired" ? `expired (until ${g.until}): removed by the next run` : `until ${g.until} (${g.daysLeft} day${g.daysLeft === 1 ? "" : "s"} left)`;

export function temporaryGrantsText(lines: readonly TemporaryGrantLine[]): string[] {
  if (!lines.length) return [];
  const soon = lines.filter((g) => g.state === "ending soon");
  const out = ["", "Temporary grants:"];
  for (const g of lines) out.push(`  ${g.target} ${g.rule} ← ${g.source}: ${when(g)}  (${g.at})`);
  if (soon.length) {
    out.push(`Ending in the next ${EXPIRY_WARNING_DAYS} days:`);
    for (const g of soon) out.push(`  ${g.target} ${g.rule} ← ${g.source}: ${when(g)}`);
  }
  return out;
}

export function temporaryGrantsMarkdown(lines: readonly TemporaryGrantLine[]): string[] {
  if (!lines.length) return [];
  const soon = lines.filter((g) => g.state === "ending soon");
  const out = ["### Temporary grants", "", "| target | granted | to | expiry | where |", "| --- | --- | --- | --- | --- |"];
  for (const g of lines) out.push(`| ${g.target} | ${g.rule} | \`${g.source}\` | ${when(g)} | \`${g.at}\` |`);
  out.push("");
  if (soon.length) {
    out.push(`**Ending in the next ${EXPIRY_WARNING_DAYS} days:** ${soon.map((g) => `${g.target} ${g.rule} ← \`${g.source}\` (${g.until})`).join("; ")}`, "");
  }
  return out;
}

export function expiredText(lines: readonly TemporaryGrantLine[]): string[] {
  if (!lines.length) return [];
  return ["", "Expired grants the products still hold (the next apply removes them):", ...lines.map((g) => `  ${g.target} ${g.rule} ← ${g.source}: until ${g.until}  (${g.at})`)];
}

export function expiredMarkdown(lines: readonly TemporaryGrantLine[]): string[] {
  if (!lines.length) return [];
  return ["### Expired grants still present", "", "The next apply removes them; nobody needs to edit the mappings.", "", ...lines.map((g) => `- ${g.target} ${g.rule} ← \`${g.source}\`: until ${g.until} (\`${g.at}\`)`), ""];
}
