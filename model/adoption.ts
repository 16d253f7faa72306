// Adoption, seen before it happens: an object a run would create that its product already holds
// (made by hand, by a script, by another provisioning tool) is taken over, not duplicated. The
// program looks such objects up read-only before it declares; the reports show them as adopted
// with what the product holds now, and the removal check counts what the run takes away from
// them. Pure: types and the merge of what was found into the removal check's baseline.
import * as path from "node:path";
import type { AccessRecord, TargetAccess } from "./removal-safety";

/** One object the run adopts. */
export interface AdoptedObject {
  /** `<target>:<Kind>` of the per-object resource the report reads: "pra:GroupPolicy", "pra:ScimUser". */
  kind: string;
  /** The resource's URN name (or batch member key): policy name, Entra object id, host externalId. */
  name: string;
  /** The product's id of the object. */
  id: string;
  /** What the product holds now, in the resource's own output terms (as its read returns them). */
  before: Record<string, unknown>;
}

/** What one target's survey found. */
export interface TargetSurvey {
  adopted: AdoptedObject[];
  /** What the adopted objects grant now, as the removal check counts it. */
  baseline: TargetAccess;
}

/** The side file the program writes on every run and the reports read (`pulumi preview --json` has no room for it). */
export interface AdoptionFile {
  version: 1;
  stack: string;
  adopted: AdoptedObject[];
}

export const emptySurvey = (): TargetSurvey => ({ adopted: [], baseline: { accounts: {}, grants: {} } });

/** Where the program of `stack` writes its adoption file: under the project directory it runs in. */
export function adoptionFilePath(projectDir: string, stack: string): string {
  return path.join(projectDir, ".pam-reconciler", `${stack.replace(/[^A-Za-z0-9._-]/g, "_")}.adoptions.json`);
}

/**
 * The removal check's baseline: the last run's record, with what the products hold now for the
 * objects this run adopts (which the record cannot know). On a first run there is no record,
 * and the adopted objects are the whole baseline. What the record already holds wins.
 */
export function withBaseline(previous: AccessRecord | undefined, baselines: Record<string, TargetAccess>): AccessRecord | undefined {
  const targets = Object.entries(baselines).filter(([, b]) => Object.keys(b.accounts).length + Object.keys(b.grants).length > 0);
  if (targets.length === 0) return previous;
  const merged: AccessRecord = { version: 1, targets: { ...(previous?.targets ?? {}) }, sources: { ...(previous?.sources ?? {}) } };
  for (const [name, baseline] of targets) {
    const recorded = merged.targets[name] ?? { accounts: {}, grants: {} };
    const grants = { ...recorded.grants };
    // An adopted holder is new to the record, so a grant both name (a role) holds both.
    for (const [label, members] of Object.entries(baseline.grants)) grants[label] = [...new Set([...(grants[label] ?? []), ...members])].sort();
    merged.targets[name] = { accounts: { ...baseline.accounts, ...recorded.accounts }, grants };
  }
  return merged;
}

/** An adoption file read back, or undefined when it is not one we wrote. */
export function adoptionFileFrom(value: unknown): AdoptionFile | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const file = value as Partial<AdoptionFile>;
  if (file.version !== 1 || typeof file.stack !== "string" || !Array.isArray(file.adopted)) return undefined;
  return file as AdoptionFile;
}

/**
 * Adopted grants that hold people in the product now and would hold no one after the run (a
 * copy-pasted id of an empty group): stopped as a mapped group that reads as empty is on a later run.
 */
export function emptiedAdoptions(baselines: Record<string, TargetAccess>, current: AccessRecord): string[] {
  const reasons: string[] = [];
  for (const [target, baseline] of Object.entries(baselines)) {
    for (const [label, members] of Object.entries(baseline.grants)) {
      const after = current.targets[target]?.grants[label];
      if (members.length > 0 && after !== undefined && after.length === 0) {
        reasons.push(`${target}: ${label}, adopted, grants access to ${members.length} now and would grant it to no one`);
      }
    }
  }
  return reasons;
}
