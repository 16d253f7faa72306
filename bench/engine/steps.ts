// What a run did (or, in a preview, would do), resource by resource, plus the diagnostics it
// collected. Display and JSON digest are both rendered from these records.
import { stripVTControlCharacters } from "node:util";
import { scrubText } from "../../lib/http/redact";
import type { DetailedDiffEntry } from "./property-diff";
import type { PropertyMap } from "./properties";
import type { ResourceState } from "./state";

export type StepOp = "same" | "create" | "update" | "delete" | "replace" | "create-replacement" | "delete-replaced" | "refresh";

export interface Step {
  op: StepOp;
  urn: string;
  type: string;
  old?: ResourceState;
  new?: ResourceState;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, DetailedDiffEntry>;
  /** The two property maps the display diff compares (not part of the digest). */
  diffOld?: PropertyMap;
  diffNew?: PropertyMap;
  deleteBeforeReplace?: boolean;
  /** A delete that only removed the resource from state (retainOnDelete). */
  retained?: boolean;
  /** The operation failed (the error is in the diagnostics). */
  failed?: boolean;
}

export interface Diagnostic {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn?: string;
  /** For errors: the EngineErrorCode (not part of the digest). */
  code?: string;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];
  /** Secret config values: masked, in every encoding, in whatever the program or a provider reports. */
  secrets: readonly string[] = [];
  constructor(private readonly onAdd?: (d: Diagnostic) => void) {}
  add(d: Diagnostic): void {
    if (d.severity === "debug") return;
    // Stack traces from the program come colourised; the display goes to logs and PR comments.
    const clean = { ...d, message: scrubText(stripVTControlCharacters(d.message), this.secrets) };
    this.items.push(clean);
    this.onAdd?.(clean);
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
}

export interface ChangeSummary {
  create: number;
  update: number;
  delete: number;
  replace: number;
  same: number;
}

/** Steps that stand for one resource change (replacement halves are part of their "replace"); failed ones did not happen. */
export function countedSteps(steps: readonly Step[]): Step[] {
  return steps.filter((s) => s.op !== "create-replacement" && s.op !== "delete-replaced" && !s.failed);
}

export function summarize(steps: readonly Step[]): ChangeSummary {
  const summary: ChangeSummary = { create: 0, update: 0, delete: 0, replace: 0, same: 0 };
  for (const s of countedSteps(steps)) {
    if (s.op === "refresh") {
      if (!s.new) summary.delete++;
      else if (s.diffReasons && s.diffReasons.length > 0) summary.update++;
      else summary.same++;
    } else if (s.op !== "create-replacement" && s.op !== "delete-replaced") {
      summary[s.op]++;
    }
  }
  return summary;
}

export function hasChanges(summary: ChangeSummary): boolean {
  return summary.create + summary.update + summary.delete + summary.replace > 0;
}
