// The program's adoption file merged into a plan: a create of an object the product already
// holds becomes an adoption, read as a change from what the product holds now (the file's
// `before`) to what the run declares, so every report shows its before → after.
import * as fs from "node:fs";
import { adoptionFileFrom, type AdoptedObject } from "../model/adoption";
import { parseTypeToken, ReportError, type ResourceChange } from "./digest";

const keyOf = (kind: string, name: string) => `${kind}\u0000${name}`;

/** The plan's changes with each adopted object's create turned into an adoption. */
export function withAdoptions(changes: ResourceChange[], adopted: readonly AdoptedObject[] = []): ResourceChange[] {
  if (adopted.length === 0) return changes;
  const byKey = new Map(adopted.map((a) => [keyOf(a.kind, a.name), a]));
  return changes.map((change) => {
    if (change.op !== "create") return change;
    const { module, kind } = parseTypeToken(change.type);
    const found = module ? byKey.get(keyOf(`${module}:${kind}`, change.name)) : undefined;
    return found ? { ...change, op: "update", adopted: true, before: found.before } : change;
  });
}

/** The adoptions of an adoption file; a missing file is none (a program older than adoption, or a failed run). */
export function readAdoptions(file: string, stack?: string | null): AdoptedObject[] {
  if (!fs.existsSync(file)) return [];
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    throw new ReportError("VALIDATION", `${file} is not valid JSON`, { file });
  }
  const parsed = adoptionFileFrom(value);
  if (!parsed) throw new ReportError("VALIDATION", `${file} is not an adoption file written by the program`, { file });
  if (stack && parsed.stack !== stack) throw new ReportError("VALIDATION", `${file} is the adoption file of stack ${parsed.stack}, not of ${stack}`, { file });
  return parsed.adopted;
}
