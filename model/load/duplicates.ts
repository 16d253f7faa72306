// Problems for names and keys written more than once across the mapping files.
import { compareText, problem, ProblemCode, type MappingProblem, type SourcePosition } from "../problems";

export const byPosition = (a: SourcePosition, b: SourcePosition) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column;

/** One error per repeated key (every occurrence after the first by position), pointing back at the first. */
export function duplicates<T>(
  items: T[],
  key: (item: T) => string,
  at: (item: T) => SourcePosition,
  what: string,
  code: MappingProblem["code"] = ProblemCode.DUPLICATE_NAME,
  name: (item: T) => string = key,
): MappingProblem[] {
  const seen = new Map<string, T[]>();
  for (const item of items) seen.set(key(item), [...(seen.get(key(item)) ?? []), item]);
  const out: MappingProblem[] = [];
  for (const group of seen.values()) {
    if (group.length < 2) continue;
    const [first, ...rest] = [...group].sort((a, b) => byPosition(at(a), at(b)));
    for (const again of rest) out.push(problem(code, at(again), `${what} "${name(again)}" is already defined`, { related: [at(first)] }));
  }
  return out;
}

export function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
