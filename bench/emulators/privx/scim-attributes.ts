// Reading a SCIM request body the way a server does: a JSON object, the resource's schema URN
// present, attribute names matched case-insensitively (RFC 7643 §2.1) onto the documented
// names, undocumented attributes dropped (PrivX documents a fixed attribute list per object).
import type { EmulatorRequest } from "../common/server";
import { invalidValue, ScimRequestError } from "./scim-error";

export interface ScimMeta {
  resourceType: string;
  created: string;
  lastModified: string;
  location: string;
}

export type Attributes = Record<string, unknown>;

export function jsonObjectBody(req: EmulatorRequest): Attributes {
  let body: unknown;
  try {
    body = req.json();
  } catch {
    throw new ScimRequestError(400, "invalidSyntax", "the request body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ScimRequestError(400, "invalidSyntax", "the request body must be a JSON object");
  }
  return body as Attributes;
}

export function requireSchema(body: Attributes, schema: string): void {
  const schemas = Object.entries(body).find(([name]) => name.toLowerCase() === "schemas")?.[1];
  if (!Array.isArray(schemas) || !schemas.includes(schema)) {
    throw new ScimRequestError(400, "invalidSyntax", `schemas must include ${schema}`);
  }
}

/** The body's attributes renamed to their documented spelling; others left out. */
export function documentedAttributes(body: Attributes, documented: readonly string[]): Attributes {
  const byLower = new Map(documented.map((name) => [name.toLowerCase(), name]));
  const out: Attributes = {};
  for (const [name, value] of Object.entries(body)) {
    const known = byLower.get(name.toLowerCase());
    if (known) out[known] = value;
  }
  return out;
}

export function requiredString(attrs: Attributes, name: string): string {
  const value = attrs[name];
  if (typeof value !== "string" || value.trim() === "") throw invalidValue(`${name} is required and must be a non-empty string`);
  return value;
}

export function optionalString(attrs: Attributes, name: string): string | undefined {
  const value = attrs[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) throw invalidValue(`${name} must be a single string: multi-valued attributes are supported only for a user's groups`);
  if (typeof value !== "string") throw invalidValue(`${name} must be a string`);
  return value;
}

export function optionalBoolean(attrs: Attributes, name: string): boolean | undefined {
  const value = attrs[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidValue(`${name} must be a boolean`);
  return value;
}

/** Copies the defined values only, so a stored resource has no undefined-valued keys. */
export function definedOnly<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as T;
}
