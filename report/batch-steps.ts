// A batch resource (`pra:ScimUsers users-07`) holds many objects in a map keyed by their stable
// key; the reports read people and hosts, not batches. This turns each step on a batch into one
// step per member that changed, shaped as the step of the per-object resource it stands for
// (`pra:ScimUser <Entra object id>`), so every report reads batches and single resources alike.
import { isDeepStrictEqual } from "node:util";
import { targetList } from "../providers/targets";
import type { BatchLabel } from "../providers/target";
import { type Digest, type DigestState, type DigestStep, type Properties, parseTypeToken } from "./digest";

const BATCHES = new Map(targetList.flatMap(({ name, target }) => Object.entries(target.batches ?? {}).map(([batch, label]) => [`${name}:${batch}`, label])));

interface MemberKind {
  /** The type token of the members: `pulumi-nodejs:dynamic/pra:ScimUser`. */
  type: string;
  diff: BatchLabel["diff"];
}

/** How to read a batch type's members; undefined for a type that is no batch. */
export function memberKindOf(type: string): MemberKind | undefined {
  const { module, kind } = parseTypeToken(type);
  const label = module ? BATCHES.get(`${module}:${kind}`) : undefined;
  return label ? { type: `pulumi-nodejs:dynamic/${module}:${label.member}`, diff: label.diff } : undefined;
}

const isRecord = (value: unknown): value is Properties => typeof value === "object" && value !== null && !Array.isArray(value);

function membersOf(props: Properties | undefined): Record<string, Properties> {
  const members = props?.members;
  return isRecord(members) ? (members as Record<string, Properties>) : {};
}

/** The member URN: the batch's URN with the member's type and key. */
function memberUrn(batchUrn: string, memberType: string, key: string): string {
  const parts = batchUrn.split("::");
  const types = (parts[2] ?? "").split("$");
  types[types.length - 1] = memberType;
  return [parts[0], parts[1], types.join("$"), key].join("::");
}

interface MemberSide {
  inputs: Record<string, Properties>;
  outputs: Record<string, Properties>;
  ids: Properties;
  /**
   * The state's outputs list its members: those are what the product holds. A batch whose last
   * run failed part-way records the inputs it was asked for and the outputs of what it wrote, so
   * a member only in its inputs was never applied.
   */
  applied: boolean;
}

function sideOf(state: DigestState | undefined): MemberSide | undefined {
  if (!state) return undefined;
  const outputs = membersOf(state.outputs);
  const inputs = membersOf(state.inputs);
  return { inputs, outputs, ids: isRecord(state.outputs?.ids) ? state.outputs.ids : {}, applied: isRecord(state.outputs?.members) };
}

/** A member's state on one side; on the side read from the product, only members it still holds. */
function memberState(side: MemberSide | undefined, type: string, urn: string, key: string, held: "recorded" | "read" | "desired"): DigestState | undefined {
  if (!side) return undefined;
  const recorded = side.applied ? key in side.outputs : key in side.outputs || key in side.inputs;
  const present = held === "read" ? key in side.outputs : held === "desired" ? key in side.inputs : recorded;
  if (!present) return undefined;
  const id = side.ids[key];
  return {
    urn,
    type,
    ...(typeof id === "string" ? { id } : {}),
    ...(key in side.inputs ? { inputs: side.inputs[key] } : {}),
    ...(key in side.outputs ? { outputs: side.outputs[key] } : {}),
  };
}

const normalise = (value: unknown) => (value === undefined ? null : value);

/**
 * What the member's provider would do: its own diff, of the recorded state against the desired
 * inputs. A digest may hold what that diff cannot read (a secret shown as "[secret]", a
 * hand-written file): then any desired value unlike the recorded one counts as an update.
 */
function plannedOp(kind: MemberKind, before: DigestState, after: DigestState): "update" | "replace" | undefined {
  const recorded = before.outputs ?? before.inputs ?? {};
  const desired = after.inputs ?? after.outputs ?? {};
  try {
    const diff = kind.diff(before.id ?? "", recorded, desired);
    if (diff.changes === false) return undefined;
    return (diff.replaces?.length ?? 0) > 0 ? "replace" : "update";
  } catch {
    return Object.keys(desired).some((k) => !isDeepStrictEqual(normalise(recorded[k]), normalise(desired[k]))) ? "update" : undefined;
  }
}

/** Whether what a refresh read of a member differs from what was recorded. */
function differsFromRead(before: DigestState, after: DigestState): boolean {
  return !isDeepStrictEqual(before.outputs ?? before.inputs ?? {}, after.outputs ?? {});
}

const GONE_OPS = new Set(["delete", "delete-replaced", "discard"]);

/**
 * The member steps of one step on a batch; only members that changed. `read`: the digest is a
 * refresh (what the products hold now against what was recorded), else a plan (recorded
 * against desired).
 */
export function memberSteps(step: DigestStep, kind: MemberKind, read = false): DigestStep[] {
  const memberType = kind.type;
  const before = sideOf(step.oldState);
  const after = GONE_OPS.has(step.op) ? undefined : sideOf(step.newState);
  const keys = new Set([
    ...Object.keys(before?.outputs ?? {}),
    ...Object.keys(before?.inputs ?? {}),
    ...Object.keys(after?.outputs ?? {}),
    ...Object.keys(after?.inputs ?? {}),
  ]);
  const steps: DigestStep[] = [];
  for (const key of [...keys].sort()) {
    const urn = memberUrn(step.urn, memberType, key);
    const oldState = memberState(before, memberType, urn, key, "recorded");
    const newState = memberState(after, memberType, urn, key, read ? "read" : "desired");
    if (read) {
      if (!oldState) continue; // a refresh only reads what was recorded
      // A member the product no longer holds has no new state.
      if (step.op === "refresh") {
        if (!newState || differsFromRead(oldState, newState)) steps.push({ op: "refresh", urn, oldState, ...(newState ? { newState } : {}) });
      } else if (!newState) {
        steps.push({ op: "delete", urn, oldState });
      } else if (differsFromRead(oldState, newState)) {
        steps.push({ op: "update", urn, oldState, newState });
      }
      continue;
    }
    if (oldState && newState) {
      const op = plannedOp(kind, oldState, newState);
      if (op) steps.push({ op, urn, oldState, newState });
    } else if (oldState) {
      steps.push({ op: "delete", urn, oldState });
    } else if (newState) {
      steps.push({ op: "create", urn, newState });
    }
  }
  return steps;
}

/** The digest with every batch step replaced by its member steps; other steps as they are. */
export function expandBatches(digest: Digest, { read = false }: { read?: boolean } = {}): Digest {
  let expanded = false;
  const steps = digest.steps.flatMap((step) => {
    const type = step.newState?.type ?? step.oldState?.type;
    const kind = type ? memberKindOf(type) : undefined;
    if (!kind) return [step];
    expanded = true;
    return memberSteps(step, kind, read);
  });
  return expanded ? { ...digest, steps } : digest;
}
