// What a target is: everything the program, the model and the reports need from one product,
// supplied by that product's folder and listed in one table (providers/targets.ts).
import type * as pulumi from "@pulumi/pulumi";
import type { CommonDesiredState } from "../model";
import type { ConfigGetter } from "../lib/provider/provider-config";
import type { TargetAccess } from "../model/removal-safety";
import type { TargetSurvey } from "../model/adoption";
import type { AnyTargetPart, DesiredOf } from "../model/target-part";

export interface Declared {
  /** Batches are declared a few at a time (lib/provider/registration-window.ts): each once declared. */
  resources: (pulumi.Resource | Promise<pulumi.Resource>)[];
  /** Resolves when every resource is declared; the program must not end before. */
  declared: Promise<void>;
  /** Objects declared, by kind, for the stack's outputs: praUsers, privxHosts, ... */
  counts: Record<string, number>;
}

/** How the access-change report reads a resource type's planned changes. */
export type ReportShape =
  /**
   * An account: created, deactivated, renamed ...; `rolesField` lists the roles it holds. An
   * account whose `lockedField` is true keeps the roles the product holds (a role lock): the
   * report lists it as locked and shows no role change for it.
   */
  | { kind: "account"; ignore?: readonly string[]; rolesField?: string; lockedField?: string }
  /** A SCIM group: who joins and leaves. */
  | { kind: "scimGroup" }
  /** A PRA-style group policy: member groups, permissions, jump groups. */
  | { kind: "groupPolicy" }
  /** A host: its attributes. */
  | { kind: "host"; ignore?: readonly string[] };

/** How reports name and read one resource type (`<target>:<Kind>`). */
export interface ResourceLabel {
  /** "SCIM user", "group policy", "host", ... */
  objectType: string;
  /** Properties holding the object's name, first usable one wins. */
  nameFields: readonly string[];
  /** Maps keyed by userName whose values are Entra object ids: reports compare only the keys. */
  memberMaps?: readonly string[];
  report: ReportShape;
}

/** A batch resource type: the kind of object it holds, and that kind's diff (pure, the provider's own). */
export interface BatchLabel {
  member: string;
  diff: (id: string, recorded: Record<string, unknown>, desired: Record<string, unknown>) => pulumi.dynamic.DiffResult;
}

/** A target's batch label from its member kind and that kind's typed diff (reports pass state as read from a digest). */
export function batchLabel<Outputs, Inputs>(member: string, diff: (id: string, recorded: Outputs, desired: Inputs) => pulumi.dynamic.DiffResult): BatchLabel {
  return { member, diff: diff as unknown as BatchLabel["diff"] };
}

export interface Target<Part extends AnyTargetPart = AnyTargetPart> {
  /** The product's short name in reports: "PRA", "PrivX". */
  title: string;
  /** Its mapping-file section and its part of the desired state. */
  model: Part;
  /**
   * One cheap authenticated read with the stack's settings, run by the program before it
   * declares anything: a configuration that cannot work fails the preview, naming the product.
   */
  preflight(get: ConfigGetter, desired: DesiredOf<Part>): Promise<void>;
  /**
   * The stack config keys that hold this product's credentials. The pipelines set every one
   * they are given from a `PAM_RECONCILER_<KEY>` secret (scripts/set-secrets.ts), so a new
   * target's secrets need no change to any pipeline template.
   */
  secrets: readonly string[];
  /**
   * Looks up, read-only, the objects this run would create that the product already holds, by
   * the rules their creates adopt by. `known` is what the last run recorded for this target:
   * objects in it are not new and cost no read, so a run that creates nothing reads nothing.
   * Absent: the target adopts nothing that the reports must show.
   */
  survey?: (get: ConfigGetter, desired: DesiredOf<Part>, known: TargetAccess | undefined, common: CommonDesiredState) => Promise<TargetSurvey>;
  /** What the desired state grants, for the removal check between runs. */
  access(desired: DesiredOf<Part>): TargetAccess;
  /** Desired state → Pulumi resources. Decides nothing: it only declares. */
  declare(desired: DesiredOf<Part>, common: CommonDesiredState): Declared;
  /** Object types by kind (`ScimUser` for `pra:ScimUser`), in the order reports list them. */
  resources: Readonly<Record<string, ResourceLabel>>;
  /**
   * Batch resource types by kind, each with the kind of object it holds (`ScimUsers` →
   * `ScimUser`): reports read a batch's members as objects of that kind, keyed as its map is.
   */
  batches?: Readonly<Record<string, BatchLabel>>;
}
