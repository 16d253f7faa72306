// The text a Pulumi user recognises: a header, one line per change (`+ create`, `~ update
// [diff: ~members]`, `- delete`, `+- replace`, `-+ replace`), with --diff the changed
// properties, then Diagnostics, Outputs, the Resources summary and the duration.
import { diffSummary } from "./property-diff";
import { isPlainObject, isSecret, isUnknown, maskSecrets, SECRET_MASK, unwrapSecrets, type PropertyMap, type PropertyValue } from "./properties";
import { hasChanges, type ChangeSummary, type Diagnostic, type Step } from "./steps";
import { displayType, ROOT_STACK_TYPE, urnName, urnQualifiedType } from "./urn";

export type DisplayMode = "preview" | "apply";

const HIDDEN_KEYS = new Set(["__provider"]);
const MAX_VALUE = 120;

export function header(kind: "update" | "refresh" | "destroy", mode: DisplayMode, stack: string, stateFile: string): string {
  const verb = mode === "preview" ? `Previewing ${kind}` : kind === "update" ? "Updating" : kind === "refresh" ? "Refreshing" : "Destroying";
  return `${verb} (${stack}) with the offline engine (not the Pulumi CLI)\n    state: ${stateFile}\n\n`;
}

function formatValue(v: PropertyValue): string {
  if (isSecret(v)) return SECRET_MASK;
  if (isUnknown(v)) return "[unknown]";
  const text = JSON.stringify(maskSecrets(v)) ?? "null";
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function pathKey(k: string | number): string {
  return typeof k === "number" ? `[${k}]` : k;
}

/** Nested `+ key: value` / `- key: value` / `~ key: old => new` lines between two values. */
function renderDiffEntries(
  a: Record<string, unknown> | unknown[],
  b: Record<string, unknown> | unknown[],
  indent: string,
  lines: string[],
  top: boolean,
): void {
  const keys: (string | number)[] =
    Array.isArray(a) || Array.isArray(b)
      ? Array.from({ length: Math.max((a as unknown[]).length, (b as unknown[]).length) }, (_, i) => i)
      : [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
  for (const k of keys) {
    if (top && HIDDEN_KEYS.has(String(k)) && JSON.stringify(a[k as never]) === JSON.stringify(b[k as never])) continue;
    const x = (a as Record<string, unknown>)[k as string];
    const y = (b as Record<string, unknown>)[k as string];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    const label = pathKey(k);
    if (x === undefined) lines.push(`${indent}+ ${label}: ${formatValue(y)}`);
    else if (y === undefined) lines.push(`${indent}- ${label}: ${formatValue(x)}`);
    else if (!isSecret(x) && !isSecret(y) && ((isPlainObject(x) && isPlainObject(y)) || (Array.isArray(x) && Array.isArray(y)))) {
      const [open, close] = Array.isArray(x) ? ["[", "]"] : ["{", "}"];
      lines.push(`${indent}~ ${label}: ${open}`);
      renderDiffEntries(x as Record<string, unknown>, y as Record<string, unknown>, `${indent}    `, lines, false);
      lines.push(`${indent}  ${close}`);
    } else lines.push(`${indent}~ ${label}: ${formatValue(x)} => ${formatValue(y)}`);
  }
}

function renderProperties(sign: "+" | "-", props: PropertyMap, indent: string): string[] {
  return Object.entries(props)
    .filter(([k, v]) => !HIDDEN_KEYS.has(k) && v !== undefined)
    .map(([k, v]) => `${indent}${sign} ${k}: ${formatValue(v)}`);
}

const PAST: Record<string, string> = { create: "created", update: "updated", delete: "deleted", replace: "replaced" };

/** The line (and with --diff the detail) for one step; empty for steps the CLI does not show. */
export function renderStep(step: Step, mode: DisplayMode, showDiff: boolean): string {
  if (step.op === "same" || step.op === "create-replacement" || step.op === "delete-replaced") return "";
  let sign: string;
  let action: string;
  if (step.op === "refresh") {
    if (step.new && !(step.diffReasons && step.diffReasons.length > 0)) return "";
    [sign, action] = step.new ? ["~", "update"] : ["-", "delete"];
  } else if (step.op === "replace") {
    [sign, action] = [step.deleteBeforeReplace ? "-+" : "+-", "replace"];
  } else {
    [sign, action] = [{ create: "+", update: "~", delete: "-" }[step.op], step.op];
  }
  const word = step.failed ? `**${action === "replace" ? "replacing" : `${action.replace(/e$/, "")}ing`} failed**` : mode === "apply" ? PAST[action] : action;
  const name = urnName(step.urn);
  const type = displayType(step.type);
  const depth = Math.max(0, urnQualifiedType(step.urn).split("$").length - 1);
  let line = `    ${"  ".repeat(depth)}${sign} ${type}  ${name}  ${word}`;
  if (step.retained) line += "  [retain]";
  const reasons = step.diffReasons ?? [];
  if (reasons.length > 0 && (step.op === "update" || step.op === "replace" || step.op === "refresh")) {
    line += `  [diff: ${diffSummary(step.diffOld ?? {}, step.diffNew ?? {}, reasons)}]`;
  }
  const lines = [line];
  if (showDiff) {
    const indent = `    ${"  ".repeat(depth)}    `;
    if (step.op === "create") lines.push(...renderProperties("+", step.new?.inputs ?? {}, indent));
    else if (step.op === "delete" || (step.op === "refresh" && !step.new)) lines.push(...renderProperties("-", step.old?.inputs ?? {}, indent));
    else renderDiffEntries(step.diffOld ?? {}, step.diffNew ?? {}, indent, lines, true);
  }
  return `${lines.join("\n")}\n`;
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[], stackUrn: string): string {
  if (diagnostics.length === 0) return "";
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = d.urn ?? stackUrn;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  let out = "Diagnostics:\n";
  for (const [urn, items] of groups) {
    const type = displayType(urnQualifiedType(urn).split("$").pop() ?? "");
    out += `  ${type || ROOT_STACK_TYPE} (${urnName(urn)}):\n`;
    for (const d of items) {
      const prefix = d.severity === "info" ? "" : `${d.severity}: `;
      out += `${d.message
        .split("\n")
        .map((l, i) => `    ${i === 0 ? prefix : ""}${l}`)
        .join("\n")}\n`;
    }
    out += "\n";
  }
  return out;
}

export function renderOutputs(outputs: PropertyMap, showSecrets = false): string {
  const entries = Object.entries(outputs);
  if (entries.length === 0) return "";
  const width = Math.max(...entries.map(([k]) => k.length));
  return `Outputs:\n${entries.map(([k, v]) => `    ${k.padEnd(width)}: ${showSecrets ? JSON.stringify(unwrapSecrets(v)) : formatValue(v)}`).join("\n")}\n\n`;
}

/** `stack output`: the CLI's OUTPUT/VALUE table. */
export function renderStackOutputs(outputs: PropertyMap, showSecrets: boolean): string {
  const rows = Object.entries(outputs).map(([k, v]) => [k, showSecrets ? valueText(unwrapSecrets(v)) : isSecret(v) ? SECRET_MASK : valueText(maskSecrets(v))]);
  const width = Math.max(6, ...rows.map(([k]) => k.length));
  const lines = [`Current stack outputs (${rows.length}):`, `    ${"OUTPUT".padEnd(width)}  VALUE`, ...rows.map(([k, v]) => `    ${k.padEnd(width)}  ${v}`)];
  return `${lines.join("\n")}\n`;
}

function valueText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function renderSummary(summary: ChangeSummary, mode: DisplayMode, durationMs: number): string {
  const lines: string[] = [];
  const kinds: [keyof ChangeSummary, string, string, string][] = [
    ["create", "+ ", "to create", "created"],
    ["update", "~ ", "to update", "updated"],
    ["delete", "- ", "to delete", "deleted"],
    ["replace", "+-", "to replace", "replaced"],
  ];
  for (const [key, sign, future, past] of kinds) {
    if (summary[key] > 0) lines.push(`    ${sign}${summary[key]} ${mode === "preview" ? future : past}`);
  }
  const changeCount = summary.create + summary.update + summary.delete + summary.replace;
  if (!hasChanges(summary)) lines.push(`    ${summary.same} unchanged`);
  else if (summary.same > 0) lines.push(`    ${changeCount} change${changeCount === 1 ? "" : "s"}. ${summary.same} unchanged`);
  return `Resources:\n${lines.join("\n")}\n\nDuration: ${formatDuration(durationMs)}\n`;
}

function formatDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}
