// The removal check that stops a run before its first write: what the stack granted on its
// last successful run against what it would grant now. Pure: the program supplies both records.
import { compareText } from "./problems";

/** What one target grants, as the check compares it between runs. */
export interface TargetAccess {
  /** Active managed accounts: stable key (the Entra object id) → username. */
  accounts: Record<string, string>;
  /**
   * Each object that grants access ("group policy Linux Admins", "role dba", "host db01") → who
   * it grants it to: stable keys of accounts, or role names for a host's principals.
   */
  grants: Record<string, string[]>;
}

/** What a run granted, kept in the stack's outputs so the next run can compare. */
export interface AccessRecord {
  version: 1;
  targets: Record<string, TargetAccess>;
  /** Member sources ("group linux-admins", "application app/operator") → how many users they held. */
  sources: Record<string, number>;
}

export interface RemovalLimits {
  /** Removals allowed in one run, across targets. */
  maxRemovals: number;
  /** Removals allowed per target, as a percentage of what it managed. */
  maxRemovalPercent: number;
}

export interface Removal {
  target: string;
  /** "account", or the grant's label ("group policy Linux Admins"). */
  what: string;
  /** The username (or the member as recorded, for a host principal). */
  who: string;
}

export interface RemovalVerdict {
  removals: Removal[];
  /** Why the run must stop; empty when it may go on. */
  reasons: string[];
}

const sizeOf = (access: TargetAccess): number =>
  Object.keys(access.accounts).length + Object.values(access.grants).reduce((n, members) => n + members.length, 0);

/** The removals from `previous` to `current`, and whether they exceed the limits. No previous record: nothing is removed. */
export function checkRemovals(previous: AccessRecord | undefined, current: AccessRecord, limits: RemovalLimits): RemovalVerdict {
  const removals: Removal[] = [];
  const reasons: string[] = [];
  if (!previous) return { removals, reasons };
  for (const target of Object.keys(previous.targets).sort(compareText)) {
    const before = previous.targets[target];
    const after: TargetAccess = current.targets[target] ?? { accounts: {}, grants: {} };
    const nameOf = (key: string) => before.accounts[key] ?? after.accounts[key] ?? key;
    const own: Removal[] = [];
    for (const [key, userName] of Object.entries(before.accounts)) {
      if (!(key in after.accounts)) own.push({ target, what: "account", who: userName });
    }
    for (const [label, members] of Object.entries(before.grants)) {
      const kept = new Set(after.grants[label] ?? []);
      for (const member of members) if (!kept.has(member)) own.push({ target, what: label, who: nameOf(member) });
    }
    removals.push(...own);
    const managed = sizeOf(before);
    if (own.length > 0 && own.length * 100 > limits.maxRemovalPercent * managed) {
      reasons.push(
        `${target}: ${own.length} of the ${managed} accounts and grants it managed would be removed (more than safety.maxRemovalPercent, ${limits.maxRemovalPercent} %)`,
      );
    }
    if (Object.keys(before.accounts).length > 0 && Object.keys(after.accounts).length === 0) {
      reasons.push(`${target}: no account would be left, where ${Object.keys(before.accounts).length} were managed`);
    }
  }
  if (removals.length > limits.maxRemovals) reasons.unshift(`${removals.length} removals exceed safety.maxRemovals (${limits.maxRemovals})`);
  for (const [source, members] of Object.entries(previous.sources).sort(([a], [b]) => compareText(a, b))) {
    if (members > 0 && current.sources[source] === 0) reasons.push(`${source} had ${members} members on the last run and reads as empty now`);
  }
  removals.sort((a, b) => compareText(a.target, b.target) || compareText(a.what, b.what) || compareText(a.who, b.who));
  return { removals, reasons };
}

/** A record read back from the stack's outputs, or undefined when it is absent or not one we wrote. */
export function accessRecordFrom(value: unknown): AccessRecord | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Partial<AccessRecord>;
  if (record.version !== 1 || typeof record.targets !== "object" || typeof record.sources !== "object") return undefined;
  return record as AccessRecord;
}
