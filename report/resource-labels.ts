// How reports name the program's resources: the target product, the kind of object, and the
// human name of one object (a userName, a group's displayName, never an Entra object id).

import { type Properties, parseTypeToken } from "./digest";
import { textOf } from "./values";

const TARGET_NAMES: Record<string, string> = { pra: "PRA", privx: "PrivX" };
/** Reports list targets in this order; others follow alphabetically. */
export const TARGET_ORDER = ["PRA", "PrivX"];

export function targetOf(type: string): string {
  const { module } = parseTypeToken(type);
  return module ? (TARGET_NAMES[module] ?? module) : "Other";
}

interface Label {
  objectType: string;
  /** Properties holding the object's name, first usable one wins. */
  nameFields: string[];
}

const LABELS: Record<string, Label> = {
  "pra:ScimUser": { objectType: "SCIM user", nameFields: ["userName", "displayName"] },
  "pra:ScimGroup": { objectType: "SCIM group", nameFields: ["displayName"] },
  "pra:GroupPolicy": { objectType: "group policy", nameFields: ["name"] },
  "privx:ScimUser": { objectType: "user", nameFields: ["userName", "displayName"] },
  "privx:Host": { objectType: "host", nameFields: ["commonName"] },
};

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
  const label = module ? LABELS[`${module}:${kind}`] : undefined;
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

/** Maps keyed by userName whose values are Entra object ids: reports compare only the keys. */
const MEMBER_MAPS: Record<string, string[]> = { "pra:ScimGroup": ["members"] };

/** The properties as a report compares them: member maps become sorted userName lists. */
export function comparableView(type: string, props: Properties | undefined): Properties | undefined {
  if (!props) return props;
  const { module, kind } = parseTypeToken(type);
  const fields = module ? MEMBER_MAPS[`${module}:${kind}`] : undefined;
  if (!fields) return props;
  const view = { ...props };
  for (const field of fields) {
    const value = view[field];
    if (typeof value === "object" && value !== null && !Array.isArray(value)) view[field] = Object.keys(value).sort();
  }
  return view;
}
