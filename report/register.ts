// The access register: one row per person × target × grant, with why (member source, nesting
// path, the mapping rule at file:line), since when and who approved it (the rule's Git history),
// whether the stack's last run applied it, and its expiry. What auditors ask for each quarter.
// Pure: the caller reads the directory, the mappings, the stack's record and Git.
import type { AccessRecord } from "../model/removal-safety";
import { memberSourceName, type Grant, type TargetGrants } from "../model";
import { targetList } from "../providers/targets";
import type { Explanation, ExplainedPerson, ExplainedSource } from "./explain";

/** Where a rule's line comes from in Git: the commits that wrote it, oldest and newest. */
export interface RuleHistory {
  /** The commit that first wrote the line (`git log -L` follows it through moves and edits). */
  introduced: CommitRef;
  /** The commit that last changed it: who approved the rule as it reads now. */
  lastChanged: CommitRef;
}

export interface CommitRef {
  commit: string;
  date: string;
  author: string;
  subject: string;
  /** The pull request, from the subject ("… (#123)", "Merge pull request #123") or the pipeline (PAM_RECONCILER_PULL_REQUEST). */
  pullRequest: string | null;
}

/** The rule's history, or why it is not known ("not in a Git repository", "uncommitted changes"). */
export type HistoryLookup = (file: string, line: number) => RuleHistory | { unknown: string };

export interface RegisterRow {
  userPrincipalName: string;
  objectId: string;
  displayName: string | null;
  enabled: boolean;
  guest: boolean;
  target: string;
  targetTitle: string;
  /** The person's account there: its name and state (active, disabled, protected, left out) and why. */
  account: string | null;
  accountState: string | null;
  accountReason: string | null;
  /** The product keeps this person's role as set there (SCIM roleLock): the mapping does not change it. */
  roleLocked: boolean;
  /** What is granted: "group policy", "permission", "role", "host principal"…, its name and value. */
  kind: string;
  name: string;
  detail: string | null;
  value: string | number | boolean | null;
  final: boolean;
  /** The mapping rule, where it is written, and where the member source is listed in it. */
  rule: string;
  ruleAt: string;
  via: string;
  viaKind: "group" | "application" | "direct";
  /** Each way in: group chains from the mapped group down to the person, or an app role assignment. */
  paths: string[];
  /** The groups on those paths (display names), for filtering by group. */
  groups: string[];
  until: string | null;
  expired: boolean;
  /** Whole days until the grant ends (null: no expiry). */
  expiresInDays: number | null;
  /** The stack's last run granted it (its access record); null: the record does not list this kind of grant or cannot be read. */
  applied: boolean | null;
  /** Since when: the date of the commit that introduced the rule's line, and how that was found. */
  since: string | null;
  sinceHow: string;
  introducedBy: CommitRef | null;
  approvedBy: CommitRef | null;
  /** The last review of the rule, when one is recorded (null: never reviewed). */
  lastReview: string | null;
  reviewOwner: string | null;
  reviewDue: string | null;
  reviewOverdue: boolean;
}

export interface Register {
  stack: string;
  /** The clock the register was judged by (ISO). */
  now: string;
  /** How since / applied were found, once for the whole register. */
  sources: { since: string; applied: string };
  rows: RegisterRow[];
}

export interface RegisterInput {
  stack: string;
  now: number;
  /** Every grant, per target (the model's access of everyone). */
  access: ReadonlyMap<string, TargetGrants>;
  /** Per person holding a grant (by object id): who they are, their sources' paths and accounts. */
  explanations: ReadonlyMap<string, Explanation>;
  /** The stack's last recorded access, or why it cannot be read. */
  record: AccessRecord | { unavailable: string };
  history: HistoryLookup;
  /** Role-locked users (object ids) per target. */
  roleLocked?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Where the mappings list the person as protected (file:line), if they do. */
  protectedAt?: (userId: string) => string | null;
  /** The last review of each rule, by the rule's file:line. */
  reviews?: (ruleAt: string) => { owner: string; reviewed: string | null; due: string | null; overdue: boolean } | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const SINCE_HOW =
  "git log -L <line>,<line>:<file> of the line that lists the member source in the rule: the oldest commit (introduced), the newest (approved as it reads now)";

export function registerOf(input: RegisterInput): Register {
  const rows: RegisterRow[] = [];
  const memo = new Map<string, ReturnType<HistoryLookup>>();
  const historyOf = (at: string) => {
    if (!memo.has(at)) {
      const i = at.lastIndexOf(":");
      memo.set(at, input.history(at.slice(0, i), Number(at.slice(i + 1))));
    }
    return memo.get(at)!;
  };
  const where = (at: { file: string; line: number }) => `${at.file}:${at.line}`;
  for (const { name: target, target: part } of targetList) {
    const access = input.access.get(target);
    if (!access) continue;
    for (const g of access.grants) {
      const e = input.explanations.get(g.userId);
      const person = e?.person;
      if (!e || !person) continue;
      const account = access.accounts.get(g.userId) ?? null;
      const source = e.sources.find((s) => s.source === memberSourceName(g.member));
      const history = historyOf(where(g.member.at));
      const known = "introduced" in history ? history : null;
      const ruleAt = where(g.rule.at);
      const review = input.reviews?.(ruleAt) ?? null;
      rows.push({
        ...personOf(person),
        target,
        targetTitle: part.title,
        account: account?.name ?? null,
        accountState: account?.state ?? null,
        accountReason: account?.reason ?? null,
        roleLocked: input.roleLocked?.get(target)?.has(person.id) ?? false,
        kind: g.kind,
        name: g.name,
        detail: g.detail ?? null,
        value: g.value ?? null,
        final: g.final === true,
        rule: `${g.rule.kind} "${g.rule.name}"`,
        ruleAt,
        via: memberSourceName(g.member),
        viaKind: source?.kind ?? (g.member.kind === "user" ? "direct" : g.member.kind),
        paths: source?.paths ?? [],
        groups: groupsOn(source),
        until: g.member.until?.text ?? null,
        expired: g.expired,
        expiresInDays: expiresInDays(g, input.now),
        applied: appliedIn(input.record, target, g),
        since: known ? known.introduced.date : null,
        sinceHow: known ? "git" : (history as { unknown: string }).unknown,
        introducedBy: known?.introduced ?? null,
        approvedBy: known?.lastChanged ?? null,
        lastReview: review?.reviewed ?? null,
        reviewOwner: review?.owner ?? null,
        reviewDue: review?.due ?? null,
        reviewOverdue: review?.overdue ?? false,
      });
    }
  }
  // An account held with no grant (a protected account, held hands-off): a row of its own, so the register lists every account.
  for (const { name: target, target: part } of targetList) {
    const access = input.access.get(target);
    if (!access) continue;
    const granted = new Set(access.grants.map((g) => g.userId));
    for (const [userId, account] of access.accounts) {
      const person = input.explanations.get(userId)?.person;
      if (granted.has(userId) || !person) continue;
      rows.push({
        ...personOf(person),
        target,
        targetTitle: part.title,
        account: account.name,
        accountState: account.state,
        accountReason: account.reason,
        roleLocked: input.roleLocked?.get(target)?.has(userId) ?? false,
        kind: "account",
        name: account.name ?? "(none)",
        detail: account.reason,
        value: null,
        final: false,
        rule: account.state === "protected" ? "protected account" : `account ${account.state}`,
        ruleAt: (account.state === "protected" && input.protectedAt?.(userId)) || "",
        via: "",
        viaKind: "direct",
        paths: [],
        groups: [],
        until: null,
        expired: false,
        expiresInDays: null,
        applied: "unavailable" in input.record ? null : userId in (input.record.targets[target]?.accounts ?? {}),
        since: null,
        sinceHow: "an account without a grant: no rule line",
        introducedBy: null,
        approvedBy: null,
        lastReview: null,
        reviewOwner: null,
        reviewDue: null,
        reviewOverdue: false,
      });
    }
  }
  rows.sort(
    (a, b) =>
      a.userPrincipalName.localeCompare(b.userPrincipalName) ||
      a.target.localeCompare(b.target) ||
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name) ||
      a.ruleAt.localeCompare(b.ruleAt),
  );
  const applied =
    "unavailable" in input.record
      ? input.record.unavailable
      : "the stack's accessRecord output of its last successful run (group policies, roles and accounts it lists)";
  return { stack: input.stack, now: new Date(input.now).toISOString(), sources: { since: SINCE_HOW, applied }, rows };
}

function personOf(person: ExplainedPerson) {
  return {
    userPrincipalName: person.userPrincipalName,
    objectId: person.id,
    displayName: person.displayName,
    enabled: person.accountEnabled,
    guest: person.guest,
  };
}

function groupsOn(source: ExplainedSource | undefined): string[] {
  if (!source || source.kind === "direct") return [];
  const names = new Set<string>();
  for (const p of source.paths) {
    const chain = p.includes(": app role ") ? p.slice(p.indexOf(" assigned to ") + " assigned to ".length) : p;
    const parts = chain.split(" → ");
    for (const part of parts.slice(0, -1)) names.add(part);
  }
  return [...names].sort();
}

function expiresInDays(g: Grant, now: number): number | null {
  return g.member.until ? Math.ceil((g.member.until.end - now) / DAY_MS) : null;
}

function appliedIn(record: RegisterInput["record"], target: string, g: Grant): boolean | null {
  if ("unavailable" in record) return null;
  const recorded = record.targets[target];
  if (!recorded) return false;
  const members = recorded.grants[`${g.kind} ${g.name}`];
  if (members) return members.includes(g.userId);
  // A kind the record lists (group policies, roles) but not this one: the last run did not grant it.
  return Object.keys(recorded.grants).some((label) => label.startsWith(`${g.kind} `)) ? false : null;
}

const CSV_COLUMNS: (keyof RegisterRow)[] = [
  "userPrincipalName",
  "objectId",
  "displayName",
  "enabled",
  "guest",
  "target",
  "account",
  "accountState",
  "roleLocked",
  "kind",
  "name",
  "detail",
  "value",
  "final",
  "rule",
  "ruleAt",
  "via",
  "viaKind",
  "paths",
  "until",
  "expired",
  "expiresInDays",
  "applied",
  "since",
  "sinceHow",
  "introducedBy",
  "approvedBy",
  "lastReview",
  "reviewOwner",
  "reviewDue",
  "reviewOverdue",
];

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with '. */
export function registerCsv(register: Register): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of register.rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (Array.isArray(value)) text = value.join(" | ");
  else if (typeof value === "object") {
    const c = value as CommitRef;
    text = `${c.commit.slice(0, 12)} ${c.date} ${c.author}${c.pullRequest ? ` ${c.pullRequest}` : ""}: ${c.subject}`;
  } else text = typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
