// What a drift report says: hand changes in the products, and directory or mapping changes.
import type { PropertyChange } from "./values";
import type { TemporaryGrantLine } from "./temporary-grants";
export interface DriftedObject {
  target: string;
  /** "SCIM user", "group policy", "host", ... */
  objectType: string;
  name: string;
  urn: string;
}

export interface HandChange extends DriftedObject {
  /** modified: the product holds other values; gone: the object no longer exists in the product. */
  change: "modified" | "gone";
  /** before = recorded by the last deployment, after = what the product holds now. */
  differences: PropertyChange[];
}

export interface DirectoryChange extends DriftedObject {
  change: "create" | "adopt" | "update" | "replace" | "deactivate" | "delete";
  /** adopt: the product already holds the object; before = what it holds now. Else before = recorded by the last deployment, after = what the directory and mappings ask for. */
  differences: PropertyChange[];
}

export interface DriftReport {
  drifted: boolean;
  stack: string | null;
  handChanges: HandChange[];
  directoryChanges: DirectoryChange[];
  /** Error diagnostics of either run: when present, drift may go unseen. */
  errors: string[];
  /** Temporary grants past their `until` that the products still hold: the pending plan removes them. */
  expiredGrants: TemporaryGrantLine[];
}
