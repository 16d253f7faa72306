// "Why does this person have access?": one person's grants in every target, each traced back to
// the Entra group (with its nesting path) or app role assignment, the mapping rule (file:line)
// and its expiry; settings several rules define with every source; and why an account is
// disabled, protected or left out. Pure: the caller reads the directory.
import { isGuest, memberSourceName, type Grant, type TargetGrants, type TargetAccount } from "../model";
import type { MemberSource, SourcePosition } from "../model";
import type { ReconcilerMappings } from "../providers/target-model";
import { targetList } from "../providers/targets";
import type { DirectorySnapshot, DirectoryUser } from "../sources/snapshot";

export interface ExplainedPerson {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  accountEnabled: boolean;
  userType: string | null;
  /** An invited external account: userType Guest or #EXT# in the UPN. */
  guest: boolean;
}

/** How the person is in one member source the mappings use. */
export interface ExplainedSource {
  /** As the mappings write it: `linux-admins`, `beyondtrust-pra/operator`. */
  source: string;
  kind: "group" | "application" | "direct";
  /** Where the alias is defined (for a direct grant: where the grant is written). */
  at: string;
  /** Each way in: group chains from the mapped group down to the person, or an app role assignment. */
  paths: string[];
}

export interface ExplainedGrant {
  kind: string;
  name: string;
  detail?: string;
  value?: string | number | boolean | null;
  final?: boolean;
  /** The mapping rule: `group policy "Linux Administrators"`, and where it is written. */
  rule: string;
  at: string;
  /** The member source that grants it. */
  via: string;
  until: string | null;
  expired: boolean;
}

/** A setting (permission) that several rules define for this person. */
export interface ExplainedSetting {
  name: string;
  sources: { rule: string; at: string; value: string | number | boolean | null; final: boolean }[];
}

export interface ExplainedTarget {
  target: string;
  title: string;
  /** null: no member source of this target holds the person. */
  account: TargetAccount | null;
  grants: ExplainedGrant[];
  /** Settings (permissions) the person gets, with every rule that sets each. */
  settings: ExplainedSetting[];
}

export interface ExplainedLoss {
  target: string;
  title: string;
  /** "account", or the grant as recorded: "group policy Vendor Access", "role db-admins". */
  what: string;
  reason: string;
}

export interface ExplainedLosses {
  /** false when the last run's record could not be read: `note` says why, and nothing is listed. */
  known: boolean;
  note: string | null;
  items: ExplainedLoss[];
}

export interface Explanation {
  query: string;
  /** The clock the expiries were judged by (ISO). */
  now: string;
  person: ExplainedPerson | null;
  sources: ExplainedSource[];
  targets: ExplainedTarget[];
  /** What the person loses on the next run, against the stack's last recorded access (absent when not asked). */
  loses?: ExplainedLosses;
}

export interface ExplainInput {
  query: string;
  now: number;
  user: DirectoryUser | null;
  mappings: ReconcilerMappings;
  snapshot: DirectorySnapshot;
  /** Group chains per mapped group id (lower-cased), top group first, as display names. */
  paths: Record<string, { displayName: string }[][]>;
  access: Map<string, TargetGrants>;
  /** Set when the directory's groups do not nest (Okta): said after each group path instead of a chain. */
  flatGroupsNote?: string;
}

const where = (at: SourcePosition) => `${at.file}:${at.line}`;
export const sourceName = memberSourceName;

export function explain(input: ExplainInput): Explanation {
  const { user } = input;
  const now = new Date(input.now).toISOString();
  if (!user) return { query: input.query, now, person: null, sources: [], targets: [] };
  const person: ExplainedPerson = {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    accountEnabled: user.accountEnabled,
    userType: user.userType ?? null,
    guest: isGuest(user),
  };
  const grants = [...input.access.values()].flatMap((a) => a.grants);
  const members = new Map<string, MemberSource>();
  for (const g of grants) members.set(sourceName(g.member), g.member);
  const sources = [...members.values()].sort((a, b) => sourceName(a).localeCompare(sourceName(b))).map((m) => explainSource(m, user, input));
  const targets: ExplainedTarget[] = [];
  for (const { name, target } of targetList) {
    const access = input.access.get(name);
    if (!access) continue;
    const mine = access.grants.filter((g) => g.userId === user.id);
    targets.push({
      target: name,
      title: target.title,
      account: access.accounts.get(user.id) ?? null,
      grants: mine.map(explainGrant),
      settings: settingsOf(mine),
    });
  }
  return { query: input.query, now, person, sources, targets };
}

function explainSource(member: MemberSource, user: DirectoryUser, input: ExplainInput): ExplainedSource {
  const note = input.flatGroupsNote ? ` (${input.flatGroupsNote})` : "";
  const chain = (groups: { displayName: string }[]) => [...groups.map((g) => g.displayName), user.userPrincipalName].join(" → ") + note;
  if (member.kind === "user")
    return { source: member.user, kind: "direct", at: where(member.at), paths: [`granted to ${user.userPrincipalName} directly (no group)`] };
  if (member.kind === "group") {
    const alias = input.mappings.groups.find((g) => g.alias === member.alias);
    const group = alias && input.snapshot.groups.find((g) => JSON.stringify(g.reference) === JSON.stringify(alias.reference));
    const paths = group ? (input.paths[group.id.toLowerCase()] ?? []).map(chain) : [];
    return {
      source: member.alias,
      kind: "group",
      at: alias ? where(alias.at) : where(member.at),
      paths: paths.length ? paths : [group ? `${group.displayName} → ${user.userPrincipalName}${note}` : "?"],
    };
  }
  const alias = input.mappings.applications.find((a) => a.alias === member.alias);
  const app = alias && input.snapshot.applications.find((a) => a.appId.toLowerCase() === alias.appId.toLowerCase());
  const paths: string[] = [];
  for (const a of app?.assignments ?? []) {
    if (!a.userIds.includes(user.id) || (member.role !== null && a.appRoleValue !== member.role)) continue;
    const role = a.appRoleValue ?? "default access";
    if (a.principalType === "User") paths.push(`${app!.displayName}: app role ${role} assigned to ${user.userPrincipalName} directly`);
    else
      for (const groups of input.paths[a.principalId.toLowerCase()] ?? [[{ displayName: a.principalDisplayName ?? a.principalId }]])
        paths.push(`${app!.displayName}: app role ${role} assigned to ${chain(groups)}`);
  }
  return { source: sourceName(member), kind: "application", at: alias ? where(alias.at) : where(member.at), paths };
}

function explainGrant(g: Grant): ExplainedGrant {
  const out: ExplainedGrant = {
    kind: g.kind,
    name: g.name,
    rule: `${g.rule.kind} "${g.rule.name}"`,
    at: where(g.rule.at),
    via: sourceName(g.member),
    until: g.member.until?.text ?? null,
    expired: g.expired,
  };
  if (g.detail) out.detail = g.detail;
  if (g.value !== undefined) out.value = g.value;
  if (g.final !== undefined) out.final = g.final;
  return out;
}

/** Settings held through current grants, each with every rule that sets it (once per rule). */
function settingsOf(grants: readonly Grant[]): ExplainedSetting[] {
  const byName = new Map<string, ExplainedSetting>();
  for (const g of grants) {
    if (g.value === undefined || g.expired) continue;
    const setting = byName.get(g.name) ?? { name: g.name, sources: [] };
    const rule = `${g.rule.kind} "${g.rule.name}"`;
    if (!setting.sources.some((s) => s.rule === rule)) setting.sources.push({ rule, at: where(g.rule.at), value: g.value, final: g.final === true });
    byName.set(g.name, setting);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
