// An explanation as text for a terminal or a ticket (--json prints the Explanation itself).
import type { ExplainedGrant, ExplainedLosses, ExplainedTarget, Explanation } from "./explain";

export function renderExplanation(e: Explanation): string {
  const lines: string[] = [];
  if (!e.person) {
    lines.push(`${e.query}: the directory has no such user (an object id or userPrincipalName).`);
    if (e.loses) lines.push("", ...renderLosses(e.loses));
    return lines.join("\n") + "\n";
  }
  const p = e.person;
  const kind = p.guest ? "guest (external) account" : "member account";
  lines.push(`${p.userPrincipalName}${p.displayName ? ` (${p.displayName})` : ""}, Entra object id ${p.id}`);
  lines.push(`  ${p.accountEnabled ? "enabled" : "DISABLED"} ${kind}; expiries judged at ${e.now}`);
  lines.push("");
  lines.push("Entra ID: member sources the mappings use");
  if (!e.sources.length) lines.push("  none: this person gets no access from the mappings");
  for (const s of e.sources) {
    lines.push(`  ${s.source} (${s.kind}, defined at ${s.at})`);
    for (const path of s.paths) lines.push(`    ${path}`);
  }
  for (const t of e.targets) lines.push("", ...renderTarget(t));
  if (e.loses) lines.push("", ...renderLosses(e.loses));
  return lines.join("\n") + "\n";
}

function renderLosses(l: ExplainedLosses): string[] {
  const head = "Loses on the next run (against the stack's last recorded access)";
  if (!l.known) return [`${head}: unknown, ${l.note}`];
  if (!l.items.length) return [`${head}: nothing`];
  return [`${head}:`, ...l.items.map((x) => `  ${x.title}: ${x.what === "account" ? "the account (deactivated or deleted)" : x.what} — ${x.reason}`)];
}

function renderTarget(t: ExplainedTarget): string[] {
  const lines: string[] = [];
  if (!t.account) return [`${t.title}: no access (no member source of ${t.title} holds this person)`];
  const account = t.account.name ? `account ${t.account.name}` : "no account";
  lines.push(`${t.title}: ${account}, ${t.account.state}${t.account.reason ? ` (${t.account.reason})` : ""}`);
  const byRule = new Map<string, ExplainedGrant[]>();
  for (const g of t.grants) byRule.set(`${g.rule}\u0000${g.at}\u0000${g.via}`, [...(byRule.get(`${g.rule}\u0000${g.at}\u0000${g.via}`) ?? []), g]);
  for (const grants of byRule.values()) {
    const first = grants[0];
    const expiry = first.until ? (first.expired ? `, EXPIRED (until ${first.until}): left out` : `, until ${first.until}`) : "";
    lines.push(`  ${first.rule} at ${first.at} ← ${first.via}${expiry}`);
    const head = grants.filter((g) => g.value === undefined && `${g.kind} "${g.name}"` !== first.rule);
    for (const g of head) lines.push(`    ${g.kind} ${g.name}${g.detail ? ` (${g.detail})` : ""}`);
    const values = grants.filter((g) => g.value !== undefined);
    if (values.length) lines.push(`    sets ${values.map((g) => `${g.name}=${String(g.value)}`).join(", ")}${values[0].final ? " (final)" : ""}`);
  }
  if (t.settings.length) {
    lines.push("  Effective settings:");
    for (const s of t.settings) {
      if (s.sources.length === 1) {
        const only = s.sources[0];
        lines.push(`    ${s.name} = ${String(only.value)} from ${only.rule}${only.final ? " (final)" : ""}`);
        continue;
      }
      const finals = s.sources.filter((x) => x.final);
      const verdict =
        finals.length === 1
          ? `${finals[0].rule} is final: lower-priority policies cannot override it`
          : "the product applies the highest-priority rule, and its API does not expose the order";
      lines.push(`    ${s.name}: set by ${s.sources.length} rules; ${verdict}`);
      for (const x of s.sources) lines.push(`      ${String(x.value)} from ${x.rule} at ${x.at}${x.final ? " (final)" : ""}`);
    }
  }
  return lines;
}
