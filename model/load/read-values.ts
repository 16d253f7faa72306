// Defensive readers for one parsed mapping file, shared by the common sections and every
// target's section: the structure has been validated (and reported) already, so a malformed
// value reads as empty rather than being reported twice.
import type { GrantExpiry, MemberSource } from "../mapping-model";
import { compareText, problem, ProblemCode, type MappingProblem, type SourcePosition } from "../problems";
import { untilEnd, untilPattern } from "../access/expiry";
import { directUserPattern, memberSourcePattern } from "../schema/schema-parts";
import type { At } from "../target-part";
import type { Path } from "./yaml-file";

export type Dict = Record<string, unknown>;
export const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const text = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
export const optionalText = (v: unknown): string | null => (typeof v === "string" ? v : null);
export const optionalFlag = (v: unknown): boolean | null => (typeof v === "boolean" ? v : null);
export const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === "string" && x.length > 0);
export const sortedUnique = (values: string[]): string[] => [...new Set(values)].sort(compareText);
const memberSource = new RegExp(memberSourcePattern, "u");
const directUser = new RegExp(directUserPattern, "u");
const untilShape = new RegExp(untilPattern);

/**
 * Member sources: `alias`, `app/role`, `{source, until}` (a temporary grant) or `{user, until?}`
 * (a direct grant to one person). An `until` that passes the schema but names no calendar day
 * (2026-02-30) is a problem here.
 */
export function readMembers(value: unknown, base: Path, at: At, problems?: MappingProblem[]): MemberSource[] {
  const out: MemberSource[] = [];
  list(value).forEach((entry, i) => {
    const direct = isDict(entry) && typeof entry.user === "string" && entry.source === undefined ? entry.user : null;
    if (direct !== null && !directUser.test(direct)) return;
    const written = isDict(entry) ? entry.source : entry;
    // Malformed entries were reported by the schema; reading them would add an undefined-alias error.
    if (direct === null && (typeof written !== "string" || !memberSource.test(written))) return;
    const position = at(isDict(entry) ? [...base, i, direct !== null ? "user" : "source"] : [...base, i]);
    let until: GrantExpiry | null = null;
    if (isDict(entry) && entry.until !== undefined) {
      if (typeof entry.until !== "string") return;
      const untilAt = at([...base, i, "until"]);
      const end = untilEnd(entry.until);
      if (end === null) {
        // One that does not even look like a date was reported by the schema already.
        if (untilShape.test(entry.until))
          problems?.push(problem(ProblemCode.INVALID_VALUE, untilAt, `"${entry.until}" is no date: write 2026-12-31 or 2026-12-31T18:00Z`));
        return;
      }
      until = { text: entry.until, end, at: untilAt };
    }
    const member = direct !== null ? ({ kind: "user", user: direct, at: position } as const) : aliasMember(written as string, position);
    out.push(until ? { ...member, until } : member);
  });
  return out;
}

function aliasMember(written: string, at: SourcePosition): MemberSource {
  const slash = written.indexOf("/");
  return slash < 0 ? { kind: "group", alias: written, at } : { kind: "application", alias: written.slice(0, slash), role: written.slice(slash + 1), at };
}
