// PATCH (RFC 7644 §3.5.2) on a copy of a stored resource: add, replace and remove with or
// without a path; paths are an attribute, `attr.sub`, an extension URN prefix
// (`urn:...:User:attr`), or a value filter on a multi-valued attribute (`members[value eq "x"]`).
// Op names are read without case (Entra sends "Replace").
import { canonicalAttributes, RFC_VOCABULARY, type ScimVocabulary } from "./attributes";
import { ScimFault } from "./errors";
import { matches, parseFilter } from "./filter";

export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

type Op = "add" | "replace" | "remove";
export interface PatchOperation {
  op: Op;
  path: string | undefined;
  value: unknown;
}

export function parsePatch(body: unknown): PatchOperation[] {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ScimFault(400, "invalidSyntax", "the body must be a PatchOp object");
  const b = body as Record<string, unknown>;
  const schemas = b.schemas ?? b.Schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA)) throw new ScimFault(400, "invalidSyntax", `schemas must include ${PATCH_SCHEMA}`);
  const operations = b.Operations ?? b.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw new ScimFault(400, "invalidSyntax", "Operations must be a non-empty array");
  return operations.map((raw, i) => {
    const o = (raw ?? {}) as Record<string, unknown>;
    const op = typeof o.op === "string" ? o.op.toLowerCase() : "";
    if (op !== "add" && op !== "replace" && op !== "remove") throw new ScimFault(400, "invalidSyntax", `Operations[${i}].op must be add, replace or remove`);
    if (o.path !== undefined && typeof o.path !== "string") throw new ScimFault(400, "invalidPath", `Operations[${i}].path must be a string`);
    if (op === "remove" && o.path === undefined) throw new ScimFault(400, "noTarget", `Operations[${i}]: remove needs a path`);
    return { op, path: o.path, value: o.value };
  });
}

function keyIn(record: Record<string, unknown>, name: string): string {
  return Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
}

function setValue(target: Record<string, unknown>, name: string, op: Op, value: unknown): void {
  const key = keyIn(target, name);
  if (op === "remove") {
    delete target[key];
    return;
  }
  const current = target[key];
  if (op === "add" && Array.isArray(current)) {
    const added: unknown[] = Array.isArray(value) ? value : [value];
    const seen = new Set(current.map((v: unknown) => JSON.stringify(v)));
    target[key] = [...(current as unknown[]), ...added.filter((v) => !seen.has(JSON.stringify(v)))];
  } else if (op === "add" && current && typeof current === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    target[key] = { ...current, ...value };
  } else {
    target[key] = value;
  }
}

function applyOne(resource: Record<string, unknown>, { op, path, value }: PatchOperation, type: "User" | "Group", vocabulary: ScimVocabulary): void {
  if (path === undefined) {
    if (!value || typeof value !== "object" || Array.isArray(value))
      throw new ScimFault(400, "invalidValue", "an operation without a path needs an object value");
    for (const [name, v] of Object.entries(canonicalAttributes(type, value as Record<string, unknown>, vocabulary))) {
      if (/^urn:/i.test(name) && v && typeof v === "object") {
        const ext = (resource[name] ??= {}) as Record<string, unknown>;
        for (const [k, x] of Object.entries(v)) setValue(ext, k, op, x);
      } else setValue(resource, name, op, v);
    }
    return;
  }
  const filtered = /^([^[\]]+)\[(.+)\]$/.exec(path);
  if (filtered) {
    const [, attr, expr] = filtered;
    const key = keyIn(resource, attr);
    const items = Array.isArray(resource[key]) ? (resource[key] as Record<string, unknown>[]) : [];
    const filter = parseFilter(expr);
    if (op === "remove") resource[key] = items.filter((item) => !matches(item, filter));
    else resource[key] = items.map((item) => (matches(item, filter) && value && typeof value === "object" ? { ...item, ...value } : item));
    return;
  }
  const urn = /^(urn:.+):([^:]+)$/i.exec(path);
  if (urn && !/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group)$/i.test(urn[1])) {
    const schema = Object.keys(canonicalAttributes(type, { [urn[1]]: null }, vocabulary))[0];
    const ext = (resource[schema] ??= {}) as Record<string, unknown>;
    setValue(ext, urn[2], op, value);
    return;
  }
  const plain = path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, "");
  const [head, sub] = plain.split(".");
  if (sub !== undefined) {
    const key = keyIn(resource, head);
    const parent = (resource[key] && typeof resource[key] === "object" ? resource[key] : (resource[key] = {})) as Record<string, unknown>;
    setValue(parent, sub, op, value);
    return;
  }
  const canonical = Object.keys(canonicalAttributes(type, { [head]: null }, vocabulary))[0];
  setValue(resource, canonical, op, value);
}

/** The resource after the operations, or a ScimFault; the stored one is never modified. */
export function applyPatch(
  resource: Record<string, unknown>,
  operations: PatchOperation[],
  type: "User" | "Group",
  vocabulary: ScimVocabulary = RFC_VOCABULARY,
): Record<string, unknown> {
  const copy = structuredClone(resource);
  for (const operation of operations) applyOne(copy, operation, type, vocabulary);
  return copy;
}
