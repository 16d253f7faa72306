// Temporary grants: `until:` dates as instants, and which grants hold at a given time. Pure:
// the time is always an argument (the program takes it from its one clock).
import type { GrantExpiry, MemberSource } from "../mapping-model";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead reports warn about grants that are about to end. */
export const EXPIRY_WARNING_DAYS = 7;

export const untilPattern = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?$";
const untilRegExp = new RegExp(untilPattern);

/**
 * The first instant a grant `until` the text no longer holds: a date (2026-12-31) holds through
 * the end of that day in UTC; a date and time (2026-12-31T18:00Z) until exactly then. null when
 * the text is no such date (or no calendar date, like 2026-02-30).
 */
export function untilEnd(text: string): number | null {
  if (!untilRegExp.test(text)) return null;
  const [y, m, d] = text.slice(0, 10).split("-").map(Number);
  const day = Date.UTC(y, m - 1, d);
  const check = new Date(day);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  if (text.length === 10) return day + DAY_MS;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? null : instant;
}

/** Whether a member source still grants at `now` (ms); a source without `until` always does. */
export function isCurrentAt(member: Pick<MemberSource, "until">, now: number | undefined): boolean {
  return now === undefined || !member.until || now < member.until.end;
}

/** Whether the grant ends within `days` after `now` (and has not ended yet). */
export function endsWithin(until: GrantExpiry, now: number, days = EXPIRY_WARNING_DAYS): boolean {
  return now < until.end && until.end - now <= days * DAY_MS;
}

/** Whole days from `now` to the end of the grant, rounded up. */
export function daysUntil(until: GrantExpiry, now: number): number {
  return Math.ceil((until.end - now) / DAY_MS);
}

/** The one clock's value from a setting (`now`, env PAM_RECONCILER_NOW): an ISO date-time, else the machine's time. */
export function clockValue(setting: string | undefined, machineNow: () => number): number {
  if (setting === undefined || setting.trim() === "") return machineNow();
  const value = Date.parse(setting.trim());
  if (Number.isNaN(value))
    throw new Error(`The clock setting "now" (PAM_RECONCILER_NOW) is not a date and time: "${setting}" (expected e.g. 2026-12-31T18:00:00Z).`);
  return value;
}
