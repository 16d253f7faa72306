// Before anything is declared: what the products already hold of what this run would create.
// The program looks it up (read-only, only for objects the last run did not record), tells the
// log, hands the reports a side file, and gives the removal check its baseline for them.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { ConfigGetter } from "../lib/provider/provider-config";
import { adoptionFilePath, type AdoptedObject, type AdoptionFile } from "../model/adoption";
import type { AccessRecord, TargetAccess } from "../model/removal-safety";
import type { ReconcilerDesiredState } from "../providers/target-model";
import { targetList } from "../providers/targets";

export interface Adoptions {
  adopted: AdoptedObject[];
  /** Per target: what its adopted objects grant now. */
  baselines: Record<string, TargetAccess>;
}

export async function surveyTargets(state: ReconcilerDesiredState, get: ConfigGetter, previous: AccessRecord | undefined): Promise<Adoptions> {
  const surveyed = targetList.filter(({ name, target }) => state[name] && target.survey);
  const surveys = await Promise.all(surveyed.map(({ name, target }) => target.survey!(get, state[name], previous?.targets[name], state)));
  return {
    adopted: surveys.flatMap((s) => s.adopted),
    baselines: Object.fromEntries(surveyed.map(({ name }, i) => [name, surveys[i].baseline])),
  };
}

/** Where this run's adoptions go: the `adoptionFile` setting, else `.pam-reconciler/<stack>.adoptions.json` in the project. */
export function adoptionFileOf(get: ConfigGetter, stack: string, projectDir = process.cwd()): string {
  const setting = get("adoptionFile");
  return setting ? path.resolve(projectDir, setting) : adoptionFilePath(projectDir, stack);
}

/** Written on every run (an empty list too), so a report never reads an older run's adoptions. */
export function writeAdoptionFile(file: string, stack: string, adopted: AdoptedObject[]): void {
  const content: AdoptionFile = { version: 1, stack, adopted };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}

/** One line per kind, so a plain `pulumi preview` says it too. */
export function logAdoptions(adopted: readonly AdoptedObject[]): void {
  if (adopted.length === 0) return;
  const byKind = new Map<string, number>();
  for (const a of adopted) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
  void pulumi.log.info(
    `This run adopts ${adopted.length} object(s) that already exist in the products (shown as created by the engine, as adopted by the access report): ` +
      [...byKind].map(([kind, n]) => `${n} ${kind}`).join(", "),
  );
}
