// The JSON digest that `pulumi preview --json` (and `pulumi refresh --preview-only --json`)
// prints, and that the offline engine prints in the same shape: types, a shape check, and the
// per-resource view both reports start from.

import { stripVTControlCharacters } from "node:util";

export interface DigestState {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  protect?: boolean;
}

export interface DigestStep {
  op: string;
  urn: string;
  provider?: string;
  oldState?: DigestState;
  newState?: DigestState;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }>;
}

export interface DigestDiagnostic {
  severity: string;
  message: string;
  urn?: string;
}

export interface Digest {
  steps: DigestStep[];
  changeSummary?: Record<string, number>;
  diagnostics?: DigestDiagnostic[];
}

export type ReportErrorCode = "VALIDATION" | "USAGE" | "NOT_FOUND";

/** A bad digest, a bad command line or a missing file. Carries facts, never file contents. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    readonly detail: { file?: string; field?: string } = {},
  ) {
    super(message);
    this.name = "ReportError";
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks the parts of the digest the reports rely on; extra fields are kept and ignored. */
export function toDigest(value: unknown, file?: string): Digest {
  const fail = (field: string, what: string): never => {
    throw new ReportError("VALIDATION", `${file ?? "digest"}: ${field} ${what}`, { file, field });
  };
  if (!isRecord(value)) return fail("(root)", "is not a JSON object");
  if (!Array.isArray(value.steps)) {
    // `pulumi preview --json` omits "steps" when nothing is declared at all.
    if (value.steps !== undefined) fail("steps", "is not an array");
  }
  const steps = (value.steps ?? []) as unknown[];
  steps.forEach((step, i) => {
    if (!isRecord(step)) return fail(`steps[${i}]`, "is not an object");
    if (typeof step.op !== "string") fail(`steps[${i}].op`, "is not a string");
    if (typeof step.urn !== "string") fail(`steps[${i}].urn`, "is not a string");
    for (const side of ["oldState", "newState"] as const) {
      const state = step[side];
      if (state === undefined || state === null) continue;
      if (!isRecord(state)) fail(`steps[${i}].${side}`, "is not an object");
      for (const bag of ["inputs", "outputs"] as const) {
        const props = (state as Record<string, unknown>)[bag];
        if (props !== undefined && props !== null && !isRecord(props)) fail(`steps[${i}].${side}.${bag}`, "is not an object");
      }
    }
  });
  if (value.diagnostics !== undefined && !Array.isArray(value.diagnostics)) fail("diagnostics", "is not an array");
  return { ...(value as object), steps: steps as DigestStep[] };
}

export function parseDigest(text: string, file?: string): Digest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ReportError("VALIDATION", `${file ?? "digest"} is not valid JSON`, { file });
  }
  return toDigest(value, file);
}

export interface ParsedUrn {
  stack: string;
  project: string;
  /** The resource's own type token (the last one of a parent$child chain). */
  type: string;
  name: string;
}

/** urn:pulumi:<stack>::<project>::<parent types$>type::<name> */
export function parseUrn(urn: string): ParsedUrn {
  const parts = urn.split("::");
  const stack = parts[0]?.startsWith("urn:pulumi:") ? parts[0].slice("urn:pulumi:".length) : "";
  const qualifiedType = parts[2] ?? "";
  return {
    stack,
    project: parts[1] ?? "",
    type: qualifiedType.split("$").pop() ?? "",
    name: parts.slice(3).join("::"),
  };
}

export interface TypeToken {
  /** The dynamic-provider module: "pra", "privx", ... (undefined for other providers). */
  module: string | undefined;
  /** "ScimUser", "GroupPolicy", ... */
  kind: string;
}

export function parseTypeToken(type: string): TypeToken {
  const dynamic = /^pulumi-nodejs:dynamic\/([^:]+):(.+)$/.exec(type);
  if (dynamic) return { module: dynamic[1], kind: dynamic[2] };
  return { module: undefined, kind: type };
}

/** Resources that are Pulumi's own bookkeeping, never access. */
export function isBookkeepingType(type: string): boolean {
  return type === "pulumi:pulumi:Stack" || type === "pulumi:pulumi:StackReference" || type.startsWith("pulumi:providers:");
}

export type Properties = Record<string, unknown>;

/** Properties of a state without the serialized dynamic provider. */
export function withoutProvider(props: Properties | undefined | null): Properties | undefined {
  if (!props) return undefined;
  const { __provider: _ignored, ...rest } = props;
  return rest;
}

const nonEmpty = (props: Properties | undefined): Properties | undefined => (props && Object.keys(props).length > 0 ? props : undefined);

/** What the target holds as recorded: the outputs (inputs only when no outputs were stored). */
export function recordedProperties(state: DigestState | undefined | null): Properties | undefined {
  if (!state) return undefined;
  return nonEmpty(withoutProvider(state.outputs)) ?? nonEmpty(withoutProvider(state.inputs));
}

/** What the program asks for: the inputs (outputs only when no inputs were given). */
export function desiredProperties(state: DigestState | undefined | null): Properties | undefined {
  if (!state) return undefined;
  return nonEmpty(withoutProvider(state.inputs)) ?? nonEmpty(withoutProvider(state.outputs));
}

export type ChangeOp = "create" | "update" | "delete" | "replace";

/** One resource's planned change, with the replacement steps of one URN folded together. */
export interface ResourceChange {
  urn: string;
  stack: string;
  type: string;
  /** The URN name: the stable key (Entra object id, policy name, host externalId). */
  name: string;
  op: ChangeOp;
  before?: Properties;
  after?: Properties;
  /** Top-level properties the engine says differ (diffReasons and detailedDiff paths). */
  reportedChanges: Set<string>;
  /** A create of an object the product already holds: `before` is what it holds now (report/adoptions.ts). */
  adopted?: boolean;
}

const CHANGE_OPS: Record<string, { op: ChangeOp; old: boolean; new: boolean } | undefined> = {
  create: { op: "create", old: false, new: true },
  update: { op: "update", old: true, new: true },
  delete: { op: "delete", old: true, new: false },
  replace: { op: "replace", old: true, new: true },
  "create-replacement": { op: "replace", old: false, new: true },
  "delete-replaced": { op: "replace", old: true, new: false },
};

/** "members[\"alice@contoso.com\"]" → "members"; "permissions.perm_x" → "permissions". */
export function topLevelProperty(path: string): string {
  const match = /^[^.[]+/.exec(path);
  return match ? match[0] : path;
}

/**
 * The planned changes of a preview digest, one per URN, in digest order. `same`, `read`,
 * `refresh` and Pulumi's own resources are left out; a replacement shown as
 * create-replacement + replace + delete-replaced becomes one "replace".
 */
export function plannedChanges(digest: Digest): ResourceChange[] {
  const byUrn = new Map<string, ResourceChange>();
  for (const step of digest.steps) {
    const kind = CHANGE_OPS[step.op];
    if (!kind) continue;
    const type = step.newState?.type ?? step.oldState?.type ?? parseUrn(step.urn).type;
    if (isBookkeepingType(type)) continue;
    const urn = parseUrn(step.urn);
    let change = byUrn.get(step.urn);
    if (!change) {
      change = { urn: step.urn, stack: urn.stack, type, name: urn.name, op: kind.op, reportedChanges: new Set() };
      byUrn.set(step.urn, change);
    } else if (change.op !== kind.op) {
      change.op = "replace";
    }
    if (kind.old && step.oldState && !change.before) change.before = recordedProperties(step.oldState);
    if (kind.new && step.newState && !change.after) change.after = desiredProperties(step.newState);
    for (const reason of [...(step.diffReasons ?? []), ...(step.replaceReasons ?? [])]) {
      change.reportedChanges.add(topLevelProperty(reason));
    }
    for (const path of Object.keys(step.detailedDiff ?? {})) change.reportedChanges.add(topLevelProperty(path));
  }
  return [...byUrn.values()];
}

/** Lines of an error message kept in a report; the rest is counted. */
const MAX_ERROR_LINES = 25;

/**
 * One error diagnostic as a report shows it: the whole message (the cause is often on a later
 * line: "The mapping files have 2 problem(s):" then one line per problem), without the SDK's
 * "Running program … failed with an unhandled exception:" wrapper, JavaScript stack frames or
 * the inspected error object after them, and at most MAX_ERROR_LINES lines.
 */
function errorText(message: string): string {
  const lines = stripVTControlCharacters(message).trim().split("\n");
  const kept: string[] = [];
  for (const line of lines) {
    if (/^Running program '.*' failed with an unhandled exception:$/.test(line.trim())) continue;
    // Stack frames end the useful part; what follows them is the error object util.inspect printed.
    if (/^\s+at .+/.test(line)) break;
    kept.push(line.replace(/\s+$/, "").slice(0, 300));
  }
  while (kept.length && kept[kept.length - 1] === "") kept.pop();
  if (kept.length > MAX_ERROR_LINES) return [...kept.slice(0, MAX_ERROR_LINES), `  … and ${kept.length - MAX_ERROR_LINES} more line(s)`].join("\n");
  return kept.join("\n");
}

/** Error diagnostics of a run: a failed preview means an incomplete plan. */
export function errorMessages(digest: Digest): string[] {
  return (digest.diagnostics ?? [])
    .filter((d) => d.severity === "error")
    .map((d) => errorText(d.message))
    .filter((m) => m.length > 0);
}

/** The stack named by the digest's URNs, or null when it names none. */
export function stackOf(digest: Digest): string | null {
  for (const step of digest.steps) {
    const stack = parseUrn(step.urn).stack;
    if (stack) return stack;
  }
  return null;
}
