// Defensive readers for one parsed mapping file, shared by the common sections and every
// target's section: the structure has been validated (and reported) already, so a malformed
// value reads as empty rather than being reported twice.
import type { MemberSource } from "../mapping-model";
import { compareText } from "../problems";
import { memberSourcePattern } from "../schema/schema-parts";
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

export function readMembers(value: unknown, base: Path, at: At): MemberSource[] {
  const out: MemberSource[] = [];
  list(value).forEach((entry, i) => {
    // Malformed entries were reported by the schema; reading them would add an undefined-alias error.
    if (typeof entry !== "string" || !memberSource.test(entry)) return;
    const position = at([...base, i]);
    const slash = entry.indexOf("/");
    if (slash < 0) out.push({ kind: "group", alias: entry, at: position });
    else out.push({ kind: "application", alias: entry.slice(0, slash), role: entry.slice(slash + 1), at: position });
  });
  return out;
}
