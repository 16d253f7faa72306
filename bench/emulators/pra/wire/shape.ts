// Projection of records onto the spec's schemas, defaults from the spec, and PRA's date format.
import type { FieldSchema, PraContract } from "../contract";

export function schemaOf(contract: PraContract, name: string): FieldSchema {
  const schema = contract.schemas[name];
  if (!schema) throw new Error(`the ${contract.product} contract has no schema ${name}`);
  return schema;
}

/** The record's fields that the schema names, in the schema's order; write-only fields never. */
export function toWire(contract: PraContract, schemaName: string, record: object): Record<string, unknown> {
  const source = record as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(schemaOf(contract, schemaName).properties ?? {})) {
    if (schema.writeOnly) continue;
    if (source[field] !== undefined) out[field] = structuredClone(source[field]);
  }
  return out;
}

/** The schema's documented defaults, for the fields `given` leaves out. */
export function schemaDefaults(contract: PraContract, schemaName: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(schemaOf(contract, schemaName).properties ?? {})) {
    if (schema.default !== undefined) out[field] = structuredClone(schema.default);
  }
  return out;
}

/** PRA writes date-times with a "+00:00" suffix, never "Z". */
export function praDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** SCIM (RFC 7643) writes xsd:dateTime; "Z" is the usual form. */
export function scimDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
