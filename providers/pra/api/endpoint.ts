// How a PRA Configuration API wire type declares where it lives and what may be written to it.
// The client's list/get/create/update/delete are written once over these descriptors, so a new
// PRA object type is a wire type and an endpoint here, and no new client method.
import type { WireFields } from "./fields";

/** Query filters a list accepts, by the spec's parameter names. */
export type ListFilter = Readonly<Record<string, string | number | boolean | undefined>>;

/** How PRA answers a create: with the object (or its Location), or 201 with no body. */
export type CreateAnswer = "object" | "empty";

export interface PraEndpoint<Wire, New = never, Parent extends object = Record<string, never>, Answer extends CreateAnswer = "object"> {
  /** The spec's schema name, for errors. */
  readonly typeName: string;
  /** The collection's path; a nested type (a policy's members) gets its parent's ids. */
  collection(parent: Parent): string;
  /** One object's path, by its id within the collection. */
  item(parent: Parent, id: number): string;
  /**
   * Whether the spec documents per_page/current_page here. PRA answers 401 to unknown query
   * parameters, so unpaged collections get none (a Link header is still followed).
   */
  readonly paged: boolean;
  /** Query filters the spec documents; anything else is refused before sending. */
  readonly filters: readonly string[];
  /** Writable fields (create and update bodies are checked against them); absent = read-only here. */
  readonly fields?: WireFields;
  /** Fields a create body must have. */
  readonly requiredOnCreate?: readonly string[];
  /** A further rule a create body must follow, as a problem to report (undefined = fine). */
  checkCreate?(body: Readonly<Record<string, unknown>>): string | undefined;
  /**
   * What names an object uniquely in its collection, computed alike from a listed object and
   * from a create body. A create whose answer was lost (connection reset, 502/503/504) looks for
   * an object with the same identity before it is sent again, and adopts it instead of making
   * a duplicate. Absent: such a create is not retried.
   */
  identity?: (object: Readonly<Record<string, unknown>>) => string;
  /** "object": PRA answers a create with the object or its Location; "empty": 201 with no body. */
  readonly createAnswer: Answer;
  /** Type only, never set: what a create body holds. */
  readonly __new?: New;
  /** Type only, never set: the wire type PRA answers with. */
  readonly __wire?: Wire;
}

/** The parent of a top-level type. */
export const TOP_LEVEL: Record<string, never> = Object.freeze({});
