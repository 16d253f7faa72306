// What may be written to a PRA wire type, checked before sending: PRA answers 401 for unknown
// body fields and 422 for bad values, neither of which says clearly what the caller got wrong.
// Each wire type declares its writable fields here, with the spec's names, types and limits.
import { clientSideError } from "../../../lib/http";

export type FieldSpec =
  | { type: "string"; maxLength?: number; minLength?: number; nullable?: boolean }
  | { type: "boolean" }
  | { type: "integer"; min: number; max: number; oneOf?: readonly number[] }
  | { type: "enum"; values: readonly string[] };

export type WireFields = Readonly<Record<string, FieldSpec>>;

export const ID = { type: "integer", min: 1, max: 2147483647 } as const satisfies FieldSpec;
/** 0 means "default" for jump_item_role_id and jump_policy_id on a policy's jump group. */
export const ID_OR_ZERO = { type: "integer", min: 0, max: 2147483647 } as const satisfies FieldSpec;
export const BOOLEAN = { type: "boolean" } as const satisfies FieldSpec;

function problem(field: string, spec: FieldSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : `${field} must be true or false`;
    case "integer":
      // PRA wants JSON numbers for integers, never strings holding a number.
      if (typeof value !== "number" || !Number.isInteger(value)) return `${field} must be an integer (a JSON number)`;
      if (value < spec.min || value > spec.max) return `${field} must be between ${spec.min} and ${spec.max}`;
      if (spec.oneOf && !spec.oneOf.includes(value)) return `${field} must be one of ${spec.oneOf.join(", ")}`;
      return undefined;
    case "enum":
      return typeof value === "string" && spec.values.includes(value) ? undefined : `${field} must be one of ${spec.values.join(", ")}`;
    case "string":
      if (value === null) return spec.nullable ? undefined : `${field} must not be null`;
      if (typeof value !== "string") return `${field} must be a string`;
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `${field} must be at most ${spec.maxLength} characters`;
      if (spec.minLength !== undefined && value.length < spec.minLength) return `${field} must be at least ${spec.minLength} characters`;
      return undefined;
  }
}

/**
 * A copy of `body` holding only declared, well-typed fields (undefined ones dropped), or a
 * VALIDATION ApiError naming every unknown or bad field. `required` fields must be present.
 */
export function writableBody(
  what: { typeName: string; method: string; path: string; /** Default PRA. */ product?: string; title?: string },
  fields: WireFields,
  body: unknown,
  required: readonly string[] = [],
): Record<string, unknown> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body ?? {}) as [string, unknown][]) {
    if (value === undefined) continue;
    const spec = fields[field];
    if (!spec) {
      problems.push(`${field} is not a writable ${what.typeName} field`);
      continue;
    }
    const bad = problem(field, spec, value);
    if (bad) problems.push(bad);
    else out[field] = value;
  }
  for (const field of required) if (out[field] === undefined && !problems.some((p) => p.startsWith(field))) problems.push(`${field} is required`);
  if (problems.length) {
    const title = what.title ?? "PRA";
    throw clientSideError(what.product ?? "pra", "VALIDATION", {
      method: what.method,
      url: what.path,
      detail: `${what.typeName}: ${problems.join("; ")}`,
      advice: `Use the field names and types of the ${title} Configuration API specification (${title} rejects unknown fields with 401).`,
    });
  }
  return out;
}
