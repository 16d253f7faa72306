// Temporary grants (until) in the reports: every grant with its expiry, the ones ending within
// the warning window, and, in a drift run, the expired ones the products still hold (the
// pending plan removes them). Pure: the grants come judged by the program's clock.
import { EXPIRY_WARNING_DAYS, type TemporaryGrant } from "../model";
import { parseTypeToken, plannedChanges, recordedProperties, type Digest, type ResourceChange } from "./digest";
import { targets } from "../providers/targets";

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
 * Expired grants whose removal the pending plan holds, matched by exact identity: for a rule
 * held on one resource (a PRA group policy, by its URN name), a member group the plan removes
 * from it whose SCIM externalId (or the name the mappings fix) is the expired source's, or the
 * person's own direct-grant group; for a role held on accounts, an account losing exactly that
 * role (for a direct grant: the person's account, by Entra object id, externalId or userName).
 */
export function expiredStillPresent(grants: readonly TemporaryGrant[], preview: Digest): TemporaryGrantLine[] {
  const expired = grants.filter((g) => g.state === "expired" && g.heldIn);
  if (!expired.length) return [];
  const changes = plannedChanges(preview);
  const groups = groupStates(preview);
  return temporaryGrantLines(expired.filter((g) => changes.some((c) => removesGrant(c, g, groups))));
}

type GroupState = { externalId: string; members: string[] };

/** Every group-like object the digest shows, per `target:Kind`, by displayName (lower-cased). */
function groupStates(digest: Digest): Map<string, GroupState[]> {
  const out = new Map<string, GroupState[]>();
  for (const step of digest.steps) {
    for (const state of [step.oldState, step.newState]) {
      const { module, kind } = parseTypeToken(state?.type ?? "");
      const props = recordedProperties(state);
      if (!module || typeof props?.displayName !== "string" || typeof props.externalId !== "string") continue;
      const key = `${module}:${kind}\u0000${props.displayName.toLowerCase()}`;
      const members =
        typeof props.members === "object" && props.members !== null
          ? Object.entries(props.members as Record<string, unknown>)
              .flat()
              .map(String)
          : [];
      out.set(key, [...(out.get(key) ?? []), { externalId: props.externalId, members }]);
    }
  }
  return out;
}

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "object" && value !== null ? Object.keys(value) : []);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function removesGrant(change: ResourceChange, grant: TemporaryGrant, groups: Map<string, GroupState[]>): boolean {
  const held = grant.heldIn!;
  const { module, kind } = parseTypeToken(change.type);
  if (module !== grant.target || kind !== held.resource) return false;
  const after = new Set(change.op === "delete" ? [] : listOf(change.after?.[held.field]));
  const removed = listOf(change.before?.[held.field]).filter((v) => !after.has(v));
  const member = grant.member;
  if ("value" in held) {
    if (!removed.includes(held.value)) return false;
    if (member.kind !== "user") return true;
    const account = [change.name, change.before?.externalId, change.before?.entraId, change.before?.userName].filter((v): v is string => typeof v === "string");
    return account.some((v) => same(v, member.user));
  }
  if (change.name !== held.name) return false;
  return removed.some((name) => {
    const states = groups.get(`${module}:${held.memberResource}\u0000${name.toLowerCase()}`) ?? [];
    if (member.kind === "user") {
      return states.some(
        (s) =>
          s.externalId.startsWith(held.directPrefix) &&
          (same(s.externalId.slice(held.directPrefix.length), member.user) || s.members.some((m) => same(m, member.user))),
      );
    }
    if (states.some((s) => grant.identity.externalIds.includes(s.externalId.toLowerCase()))) return true;
    return grant.identity.names.some((n) => same(n, name)) && !states.some((s) => s.externalId.startsWith(held.directPrefix));
  });
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
  return [
    "",
    "Expired grants the products still hold (the next apply removes them):",
    ...lines.map((g) => `  ${g.target} ${g.rule} ← ${g.source}: until ${g.until}  (${g.at})`),
  ];
}

export function expiredMarkdown(lines: readonly TemporaryGrantLine[]): string[] {
  if (!lines.length) return [];
  return [
    "### Expired grants still present",
    "",
    "The next apply removes them; nobody needs to edit the mappings.",
    "",
    ...lines.map((g) => `- ${g.target} ${g.rule} ← \`${g.source}\`: until ${g.until} (\`${g.at}\`)`),
    "",
  ];
}
