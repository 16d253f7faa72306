// Checks query strings and JSON bodies against the vendor's schemas (contract.generated.ts).
// Pure: returns what is wrong, the route layer turns it into PRA's 401 (unrecognized names)
// or 422 (invalid values) answers.
import type { FieldSchema } from "../contract";

export type FieldErrors = Record<string, string[]>;

export interface ValidationResult {
  /** Names the schema does not know: PRA answers 401 for these. */
  unknown: string[];
  /** Field name → messages: PRA answers 422 with these as `errors`. */
  errors: FieldErrors;
}

/** PRA accepts RFC 3339 date-times in UTC only ("Z" or "+00:00"), milliseconds optional. */
const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$/;

function add(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

/** Messages for one value against its schema; empty when valid. */
export function checkValue(field: string, schema: FieldSchema, value: unknown): string[] {
  if (value === null) return schema.nullable ? [] : [`The ${field} field must not be null.`];
  switch (schema.type) {
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return [`The ${field} must be an integer.`];
      return checkNumber(field, schema, value);
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return [`The ${field} must be a number.`];
      return checkNumber(field, schema, value);
    case "boolean":
      return typeof value === "boolean" ? [] : [`The ${field} field must be true or false.`];
    case "string":
      return typeof value === "string" ? checkString(field, schema, value) : [`The ${field} must be a string.`];
    case "array": {
      if (!Array.isArray(value)) return [`The ${field} must be an array.`];
      const out: string[] = [];
      if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`The ${field} must have at least ${schema.minItems} items.`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(`The ${field} may not have more than ${schema.maxItems} items.`);
      if (schema.items) value.forEach((item, i) => out.push(...checkValue(`${field}.${i}`, schema.items!, item)));
      return out;
    }
    default:
      return [];
  }
}

function checkNumber(field: string, schema: FieldSchema, value: number): string[] {
  const out: string[] = [];
  if (schema.minimum !== undefined && value < schema.minimum) out.push(`The ${field} must be at least ${schema.minimum}.`);
  if (schema.maximum !== undefined && value > schema.maximum) out.push(`The ${field} may not be greater than ${schema.maximum}.`);
  if (schema.enum && !schema.enum.includes(value)) out.push(`The selected ${field} is invalid.`);
  return out;
}

function checkString(field: string, schema: FieldSchema, value: string): string[] {
  const out: string[] = [];
  // The spec writes minimum/maximum on some strings (GroupPolicyMember.group_name: maximum 64)
  // where it means lengths; they are enforced as lengths.
  const minLength = schema.minLength ?? schema.minimum;
  const maxLength = schema.maxLength ?? schema.maximum;
  if (minLength !== undefined && value.length < minLength) {
    out.push(minLength <= 1 ? `The ${field} field is required.` : `The ${field} must be at least ${minLength} characters.`);
  }
  if (maxLength !== undefined && value.length > maxLength) out.push(`The ${field} may not be greater than ${maxLength} characters.`);
  if (schema.enum && !schema.enum.includes(value)) out.push(`The selected ${field} is invalid.`);
  if (schema.pattern && value.length > 0 && !new RegExp(schema.pattern).test(value)) out.push(`The ${field} format is invalid.`);
  if (schema.format === "date-time" && value !== "" && !UTC_DATE_TIME.test(value)) {
    out.push(`The ${field} must be an RFC 3339 date-time in UTC.`);
  }
  return out;
}

export interface BodyCheckOptions {
  /** POST: enforce the schema's `required` list. PATCH: every field is optional. */
  enforceRequired: boolean;
  /** Fields the route requires beyond the schema (e.g. a local user's username). */
  alsoRequired?: readonly string[];
}

/** Checks a JSON body (already known to be an object) against an object schema. */
export function checkBody(body: Record<string, unknown>, schema: FieldSchema, options: BodyCheckOptions): ValidationResult {
  const properties = schema.properties ?? {};
  const unknown: string[] = [];
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(body)) {
    const fieldSchema = properties[field];
    if (!fieldSchema) {
      unknown.push(field);
      continue;
    }
    if (fieldSchema.readOnly) {
      add(errors, field, `The ${field} field is read-only.`);
      continue;
    }
    for (const message of checkValue(field, fieldSchema, value)) add(errors, field, message);
  }
  if (options.enforceRequired) {
    for (const field of [...(schema.required ?? []), ...(options.alsoRequired ?? [])]) {
      if (body[field] === undefined || body[field] === null || body[field] === "") {
        errors[field] = [`The ${field} field is required.`];
      }
    }
  }
  return { unknown, errors };
}

/** Query parameter values arrive as text: integers must be written as integers. */
function queryValue(schema: FieldSchema, raw: string): unknown {
  if ((schema.type === "integer" || schema.type === "number") && /^-?\d+$/.test(raw)) return Number(raw);
  if (schema.type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/** Checks a query string against the operation's documented parameters. */
export function checkQuery(query: URLSearchParams, parameters: Record<string, FieldSchema>): ValidationResult & { values: Record<string, unknown> } {
  const unknown: string[] = [];
  const errors: FieldErrors = {};
  const values: Record<string, unknown> = {};
  for (const [name, raw] of query) {
    const schema = parameters[name];
    if (!schema) {
      if (!unknown.includes(name)) unknown.push(name);
      continue;
    }
    const value = queryValue(schema, raw);
    for (const message of checkValue(name, schema, value)) add(errors, name, message);
    values[name] = value;
  }
  return { unknown, errors, values };
}
