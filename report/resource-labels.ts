// How reports name the program's resources: the target product, the kind of object, and the
// human name of one object (a userName, a group's displayName, never an Entra object id).

import { targetList } from "../providers/targets";
import type { ResourceLabel } from "../providers/target";
import { type Properties, parseTypeToken } from "./digest";
import { textOf } from "./values";

const TARGET_NAMES: Record<string, string> = Object.fromEntries(targetList.map(({ name, target }) => [name, target.title]));
/** Reports list targets in the table's order; others follow alphabetically. */
export const TARGET_ORDER = targetList.map(({ target }) => target.title);

export function targetOf(type: string): string {
  const { module } = parseTypeToken(type);
  return module ? (TARGET_NAMES[module] ?? module) : "Other";
}

/** Every resource type of every target by `module:Kind`, in the table's order. */
const LABELS: Record<string, ResourceLabel> = Object.fromEntries(
  targetList.flatMap(({ name, target }) => Object.entries(target.resources).map(([kind, label]) => [`${name}:${kind}`, label])),
);

/** How reports read the resource type `module:Kind`, if a target declares it. */
export function resourceLabelOf(type: string): ResourceLabel | undefined {
  const { module, kind } = parseTypeToken(type);
  return module ? LABELS[`${module}:${kind}`] : undefined;
}

/** Reports list objects of one target in this order: accounts, groups, policies, hosts. */
export function typeRank(type: string): number {
  const { module, kind } = parseTypeToken(type);
  const index = Object.keys(LABELS).indexOf(`${module}:${kind}`);
  return index < 0 ? Object.keys(LABELS).length : index;
}

export function targetRank(target: string): number {
  const index = TARGET_ORDER.indexOf(target);
  return index < 0 ? TARGET_ORDER.length : index;
}

export interface ObjectLabel {
  target: string;
  objectType: string;
  name: string;
}

/** Known types by their label; others by their type token and URN name. */
export function labelOf(type: string, urnName: string, ...states: (Properties | undefined)[]): ObjectLabel {
  const { module, kind } = parseTypeToken(type);
  const label = resourceLabelOf(type);
  if (!label) return { target: targetOf(type), objectType: module ? kind : type, name: urnName };
  for (const field of label.nameFields) {
    for (const state of states) {
      const name = textOf(state?.[field]);
      if (name) return { target: targetOf(type), objectType: label.objectType, name };
    }
  }
  // A user without a userName is shown by its resource kind only: its URN name is an Entra id.
  const accountType = label.nameFields[0] === "userName";
  return { target: targetOf(type), objectType: label.objectType, name: accountType ? "(no userName)" : urnName };
}

/** The properties as a report compares them: member maps become sorted userName lists. */
export function comparableView(type: string, props: Properties | undefined): Properties | undefined {
  if (!props) return props;
  const fields = resourceLabelOf(type)?.memberMaps;
  if (!fields) return props;
  const view = { ...props };
  for (const field of fields) {
    const value = view[field];
    if (typeof value === "object" && value !== null && !Array.isArray(value)) view[field] = Object.keys(value).sort();
  }
  return view;
}
