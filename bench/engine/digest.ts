// The JSON digest: the document `pulumi preview --json` prints (steps with op, urn, old and new
// state, diff reasons and detailed diff; a change summary; diagnostics). Secrets are "[secret]".
import type { DetailedDiffEntry } from "./property-diff";
import { maskSecrets, type PropertyMap } from "./properties";
import type { ResourceState } from "./state";
import { summarize, type ChangeSummary, type Diagnostic, type Step, type StepOp } from "./steps";

export interface DigestResourceState {
  urn: string;
  type: string;
  id?: string;
  custom: boolean;
  inputs: PropertyMap;
  outputs: PropertyMap;
  parent?: string;
  provider?: string;
  protect?: boolean;
  retainOnDelete?: boolean;
  dependencies?: string[];
}

export interface DigestStep {
  op: StepOp;
  urn: string;
  provider?: string;
  oldState?: DigestResourceState;
  newState?: DigestResourceState;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, DetailedDiffEntry>;
}

export interface Digest {
  steps: DigestStep[];
  changeSummary: ChangeSummary;
  diagnostics?: Diagnostic[];
  /** Nanoseconds, as the CLI prints it. */
  duration?: number;
}

function digestState(r: ResourceState): DigestResourceState {
  const out: DigestResourceState = {
    urn: r.urn,
    type: r.type,
    custom: r.custom,
    inputs: maskSecrets(r.inputs) as PropertyMap,
    outputs: maskSecrets(r.outputs) as PropertyMap,
  };
  if (r.id) out.id = r.id;
  if (r.parent) out.parent = r.parent;
  if (r.provider) out.provider = r.provider;
  if (r.protect) out.protect = true;
  if (r.retainOnDelete) out.retainOnDelete = true;
  if (r.dependencies.length > 0) out.dependencies = r.dependencies;
  return out;
}

export function digestStep(s: Step): DigestStep {
  const d: DigestStep = { op: s.op, urn: s.urn };
  const provider = (s.new ?? s.old)?.provider;
  if (provider) d.provider = provider;
  if (s.old) d.oldState = digestState(s.old);
  if (s.new) d.newState = digestState(s.new);
  if (s.diffReasons && s.diffReasons.length > 0) d.diffReasons = s.diffReasons;
  if (s.replaceReasons && s.replaceReasons.length > 0) d.replaceReasons = s.replaceReasons;
  if (s.detailedDiff && Object.keys(s.detailedDiff).length > 0) d.detailedDiff = s.detailedDiff;
  return d;
}

/** `summarySteps` are the steps the change summary counts (a refresh run before a preview is not). */
export function buildDigest(steps: readonly Step[], diagnostics: readonly Diagnostic[], durationMs: number, summarySteps: readonly Step[] = steps): Digest {
  const digest: Digest = { steps: steps.map(digestStep), changeSummary: summarize(summarySteps) };
  if (diagnostics.length > 0) {
    digest.diagnostics = diagnostics.map(({ severity, message, urn }) => (urn ? { severity, message, urn } : { severity, message }));
  }
  digest.duration = Math.round(durationMs * 1e6);
  return digest;
}
