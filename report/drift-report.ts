// Drift classification from two dry runs:
//  - a refresh preview (`pulumi refresh --preview-only --json`, or the refresh steps of
//    `pulumi preview --refresh --json`): objects whose real state differs from the outputs the
//    last deployment recorded were changed by hand in the product;
//  - a preview without refresh (`pulumi preview --json`): differences between the recorded
//    state and the desired state come from the directory or the mappings.

import { expiredStillPresent } from "./temporary-grants";
import type { TemporaryGrant } from "../model";
import type { AdoptedObject } from "../model/adoption";
import { withAdoptions } from "./adoptions";
import {
  type Digest,
  type DigestStep,
  type ResourceChange,
  errorMessages,
  isBookkeepingType,
  parseUrn,
  plannedChanges,
  recordedProperties,
  stackOf,
} from "./digest";
import { comparableView, labelOf, resourceLabelOf, targetRank, typeRank } from "./resource-labels";
import { byText, diffProperties } from "./values";
import { expandBatches } from "./batch-steps";

import type { DirectoryChange, DriftReport, DriftedObject, HandChange } from "./drift-types";

/** Fields the products assign or that only carry the provider: never drift by themselves. */
const NOT_DRIFT = ["__provider"];
const SERVER_FIELDS = ["scimId", "policyId", "id", "__provider"];
/** Ops a refresh digest uses for objects it read: "refresh" (real CLI), "update", "same". */
const GONE_OPS = new Set(["delete", "delete-replaced", "discard"]);
const IGNORED_REFRESH_OPS = new Set(["same", "read", "create", "create-replacement", "import"]);

const reportedChanges = (step: DigestStep): Set<string> =>
  new Set([...(step.diffReasons ?? []), ...Object.keys(step.detailedDiff ?? {})].map((p) => /^[^.[]+/.exec(p)?.[0] ?? p));

/**
 * A digest that has "refresh" steps (the real CLI, or `preview --refresh`) marks what it read
 * that way; its update and delete steps are then the plan, not drift. A digest without any
 * (an engine that shows refresh results as updates and deletes) is all refresh.
 */
function refreshStepsOf(digest: Digest): DigestStep[] {
  const hasRefreshOps = digest.steps.some((s) => s.op === "refresh");
  return hasRefreshOps ? digest.steps.filter((s) => s.op === "refresh") : digest.steps;
}

/**
 * The roles field of an account whose roles are locked (the product keeps them as it holds them):
 * a change there is the product's business, neither drift nor a planned change.
 */
function lockedRoles(type: string, ...states: (Record<string, unknown> | undefined)[]): string[] {
  const shape = resourceLabelOf(type)?.report;
  if (shape?.kind !== "account" || !shape.lockedField || !shape.rolesField) return [];
  return states.some((s) => s?.[shape.lockedField!] === true) ? [shape.rolesField] : [];
}

function handChangeOf(step: DigestStep): HandChange | undefined {
  if (IGNORED_REFRESH_OPS.has(step.op)) return undefined;
  const type = step.oldState?.type ?? step.newState?.type ?? parseUrn(step.urn).type;
  if (isBookkeepingType(type)) return undefined;
  const recorded = comparableView(type, recordedProperties(step.oldState));
  if (!recorded) return undefined; // nothing was recorded, so nothing can have drifted
  const gone = GONE_OPS.has(step.op) || !step.newState || step.newState.id === "";
  const actual = gone ? undefined : comparableView(type, recordedProperties(step.newState));
  const label = labelOf(type, parseUrn(step.urn).name, actual, recorded);
  const object = { target: label.target, objectType: label.objectType, name: label.name, urn: step.urn };
  if (gone) return { ...object, change: "gone", differences: [] };
  const differences = diffProperties(recorded, actual, { ignore: [...NOT_DRIFT, ...lockedRoles(type, recorded)], reportedChanges: reportedChanges(step) });
  return differences.length > 0 ? { ...object, change: "modified", differences } : undefined;
}

function directoryChangeOf(change: ResourceChange): DirectoryChange | undefined {
  const before = comparableView(change.type, change.before);
  const after = comparableView(change.type, change.after);
  const label = labelOf(change.type, change.name, after, before);
  const object = { target: label.target, objectType: label.objectType, name: label.name, urn: change.urn };
  if (change.op === "create") return { ...object, change: "create", differences: [] };
  if (change.adopted)
    return { ...object, change: "adopt", differences: diffProperties(before, after, { ignore: [...SERVER_FIELDS, ...lockedRoles(change.type, after)] }) };
  if (change.op === "delete") {
    const deactivates = before?.onRemove === "deactivate";
    return { ...object, change: deactivates ? "deactivate" : "delete", differences: [] };
  }
  const differences = diffProperties(before, after, {
    ignore: [...SERVER_FIELDS, ...lockedRoles(change.type, after)],
    reportedChanges: change.reportedChanges,
  });
  // An update that touches only the serialized provider is a code upgrade, not a change of access.
  if (differences.length === 0 && change.op === "update") return undefined;
  return { ...object, change: change.op, differences };
}

const byObject = (a: DriftedObject, b: DriftedObject): number =>
  targetRank(a.target) - targetRank(b.target) ||
  byText(a.target, b.target) ||
  typeRank(parseUrn(a.urn).type) - typeRank(parseUrn(b.urn).type) ||
  byText(a.name, b.name) ||
  byText(a.urn, b.urn);

/** @param temporaryGrants the mappings' temporary grants judged by the program's clock, to tell expired ones still held. */
/** @param adopted what the preview's program found the products already hold of what it creates (its adoption file). */
export function buildDriftReport(
  refreshDigest: Digest,
  previewDigest: Digest,
  temporaryGrants: readonly TemporaryGrant[] = [],
  adopted: readonly AdoptedObject[] = [],
): DriftReport {
  const seen = new Set<string>();
  const handChanges: HandChange[] = [];
  for (const step of refreshStepsOf(expandBatches(refreshDigest, { read: true }))) {
    if (seen.has(step.urn)) continue;
    const change = handChangeOf(step);
    if (!change) continue;
    seen.add(step.urn);
    handChanges.push(change);
  }
  const preview = expandBatches(previewDigest);
  const directoryChanges = withAdoptions(plannedChanges(preview), adopted)
    .map(directoryChangeOf)
    .filter((c): c is DirectoryChange => c !== undefined);
  handChanges.sort(byObject);
  directoryChanges.sort(byObject);
  const expiredGrants = expiredStillPresent(temporaryGrants, preview);
  return {
    expiredGrants,
    drifted: handChanges.length + directoryChanges.length > 0,
    stack: stackOf(refreshDigest) ?? stackOf(previewDigest),
    handChanges,
    directoryChanges,
    errors: [...errorMessages(refreshDigest), ...errorMessages(previewDigest)],
  };
}
