// Words and formatting shared by the Markdown and text renderers, so both say the same thing.

import type { AccessTotals, Lifecycle } from "./access-types";
import type { PropertyChange } from "./values";

export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The headline counts, zeros left out. */
export function totalsPhrases(t: AccessTotals): string[] {
  const phrases: [number, string][] = [
    [t.joined, plural(t.joined, "join", "joins")],
    [t.left, plural(t.left, "leave", "leaves")],
    [t.accountsCreated, plural(t.accountsCreated, "account created", "accounts created")],
    [t.adopted, `${t.adopted} adopted (already in the product)`],
    [t.deactivated, `${t.deactivated} deactivated`],
    [t.reactivated, `${t.reactivated} reactivated`],
    [t.deleted, `${t.deleted} deleted`],
    [t.renamed, `${t.renamed} renamed`],
    [t.groupPoliciesChanged, plural(t.groupPoliciesChanged, "group policy changed", "group policies changed")],
    [t.hostsAdded, plural(t.hostsAdded, "host added", "hosts added")],
    [t.hostsChanged, plural(t.hostsChanged, "host changed", "hosts changed")],
    [t.hostsRemoved, plural(t.hostsRemoved, "host removed", "hosts removed")],
    [t.otherChanges, plural(t.otherChanges, "other change", "other changes")],
  ];
  return phrases.filter(([n]) => n > 0).map(([, text]) => text);
}

const SUMMARY_WORDS: [string, string][] = [
  ["create", "to create"],
  ["update", "to update"],
  ["replace", "to replace"],
  ["delete", "to delete"],
  ["same", "unchanged"],
];

/** "2 to create, 4 to update, 9 unchanged" from the engine's changeSummary, or "" without one. */
export function resourceCounts(summary: Record<string, number>): string {
  return SUMMARY_WORDS.filter(([key]) => (summary[key] ?? 0) > 0)
    .map(([key, words]) => `${summary[key]} ${words}`)
    .join(", ");
}

export const LIFECYCLE_SUFFIX: Record<Lifecycle, string> = {
  created: " (new)",
  adopted: " (ADOPTED: exists in the product, taken over; before → after)",
  updated: "",
  replaced: " (replaced: deleted and created again)",
  deleted: " (removed)",
};

/** Long values (SSH host keys, messages) keep their start and end. */
export function shorten(text: string, max = 100): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.65);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** The pieces of one property change, for a renderer to quote its own way. */
export type ChangeParts =
  { form: "set"; value: string } | { form: "list"; added: string[]; removed: string[] } | { form: "change"; before: string; after: string };

export function changeParts(change: PropertyChange, isNew: boolean): ChangeParts {
  if (isNew) return { form: "set", value: shorten(change.after) };
  if (change.added && change.removed && change.added.length + change.removed.length > 0) {
    return { form: "list", added: change.added.map((v) => shorten(v)), removed: change.removed.map((v) => shorten(v)) };
  }
  return { form: "change", before: shorten(change.before), after: shorten(change.after) };
}

export const OBJECT_TITLES = {
  scimGroup: "SCIM group",
  groupPolicy: "Group policy",
  role: "Role",
  host: "Host",
} as const;
