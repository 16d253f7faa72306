// Structural validation of one mapping file with ajv against the published JSON Schema, and the
// translation of ajv's errors into problems with codes, positions and field paths.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { buildMappingSchema } from "../schema/mapping-schema";
import { fieldPath, problem, ProblemCode, type MappingProblem } from "../problems";
import { editDistance } from "../nearest-names";
import type { AnyTargetPart } from "../target-part";
import type { Path, YamlFile } from "./yaml-file";

/** One compiled validator per set of target parts (the program has one set). */
const compiled = new WeakMap<readonly AnyTargetPart[], ValidateFunction>();

function validator(parts: readonly AnyTargetPart[]): ValidateFunction {
  let validate = compiled.get(parts);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addKeyword({ keyword: "x-problem-codes", schemaType: "object" });
    ajv.addKeyword({ keyword: "x-problem-messages", schemaType: "object" });
    validate = ajv.compile(buildMappingSchema(parts));
    compiled.set(parts, validate);
  }
  return validate;
}

export function validateStructure(yaml: YamlFile, parts: readonly AnyTargetPart[]): MappingProblem[] {
  const validate = validator(parts);
  if (validate(yaml.value)) return [];
  const errors = pickOneOfBranches(validate.errors ?? []);
  return errors.map((e) => toProblem(e, yaml));
}

/**
 * ajv reports the errors of every branch of a failed oneOf. Keep only the branch whose `type`
 * matches the data (a list where a list or a map is allowed), so the user reads about the form
 * they wrote; when no branch matches, one WRONG_TYPE error remains.
 */
function pickOneOfBranches(all: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, ErrorObject>();
  // Indexes instead of a scan of every error per oneOf: a file with thousands of bad entries
  // has thousands of oneOf errors, and the scan made validation quadratic (4,000 bad hosts: 54 s).
  const byInstance = [...all].sort((a, b) => (a.instancePath < b.instancePath ? -1 : a.instancePath > b.instancePath ? 1 : 0));
  const firstAtOrAfter = (path: string): number => {
    let lo = 0;
    let hi = byInstance.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byInstance[mid].instancePath < path) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Errors at `path` or below it: "p" itself, then "p/…" (every path below sorts before "p0", since "0" follows "/"). */
  const atOrBelow = (path: string): ErrorObject[] => {
    const out: ErrorObject[] = [];
    for (let i = firstAtOrAfter(path); i < byInstance.length && byInstance[i].instancePath === path; i++) out.push(byInstance[i]);
    const end = firstAtOrAfter(`${path}0`);
    for (let i = firstAtOrAfter(`${path}/`); i < end; i++) out.push(byInstance[i]);
    return out;
  };
  const typeErrors = new Set(all.filter((x) => x.keyword === "type").map((x) => `${x.instancePath}\u0000${x.schemaPath}`));
  const oneOfs = all.filter((e) => e.keyword === "oneOf").sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const e of oneOfs) {
    if (dropped.has(e)) continue;
    const prefix = `${e.schemaPath}/`;
    // The same schema location is visited once per list item: match the instance too.
    const inside = atOrBelow(e.instancePath).filter((x) => x.schemaPath.startsWith(prefix));
    const branches = e.schema as Record<string, unknown>[];
    if (branches.every((b) => Object.keys(b).every((k) => k === "required"))) {
      inside.forEach((x) => dropped.add(x));
      const alternatives = branches.flatMap((b) => b.required as string[]);
      const several = Array.isArray(e.params.passingSchemas);
      replaced.set(e, { ...e, keyword: several ? "x-exactly-one" : "x-one-required", params: { alternatives } });
      continue;
    }
    const typeMatches = branches.map((_, i) => i).filter((i) => !typeErrors.has(`${e.instancePath}\u0000${e.schemaPath}/${i}/type`));
    if (typeMatches.length === 1) {
      const keep = `${e.schemaPath}/${typeMatches[0]}/`;
      inside.filter((x) => !x.schemaPath.startsWith(keep)).forEach((x) => dropped.add(x));
      dropped.add(e);
    } else if (typeMatches.length === 0) {
      inside.forEach((x) => dropped.add(x));
      const types = branches.map((b) => String(b.type));
      replaced.set(e, { ...e, keyword: "type", params: { type: types.join(" or ") } });
    }
  }
  return (
    all
      .filter((e) => !dropped.has(e))
      // propertyNames failures come twice: once from the inner keyword (with propertyName), once as propertyNames.
      .filter((e) => !(e.propertyName !== undefined && e.keyword !== "propertyNames"))
      .map((e) => replaced.get(e) ?? e)
  );
}

const defaultCodes: Record<string, ProblemCode> = {
  additionalProperties: ProblemCode.UNKNOWN_KEY,
  required: ProblemCode.MISSING_FIELD,
  "x-one-required": ProblemCode.MISSING_FIELD,
  "x-exactly-one": ProblemCode.INVALID_VALUE,
  type: ProblemCode.WRONG_TYPE,
  propertyNames: ProblemCode.INVALID_NAME,
};

function toProblem(e: ErrorObject, yaml: YamlFile): MappingProblem {
  const path = instancePath(e.instancePath, yaml.value);
  const codes = e.parentSchema?.["x-problem-codes"] as Record<string, ProblemCode> | undefined;
  const code = codes?.[e.keyword] ?? defaultCodes[e.keyword] ?? ProblemCode.INVALID_VALUE;
  const here = (): ReturnType<YamlFile["position"]> => yaml.position(path);
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      const known = Object.keys(((e.parentSchema as Record<string, unknown>).properties as object | undefined) ?? {});
      const at = { ...yaml.position([...path, key], "key"), field: fieldPath([...path, key]) };
      return problem(code, at, `unknown key "${key}"${suggestion(key, known)}${known.length ? `; allowed: ${known.join(", ")}` : ""}`);
    }
    case "required": {
      const missing = String(e.params.missingProperty);
      return problem(code, { ...here(), field: fieldPath([...path, missing]) }, `"${missing}" is required`);
    }
    case "x-one-required":
    case "x-exactly-one": {
      const names = (e.params.alternatives as string[]).join(" or ");
      return problem(code, here(), e.keyword === "x-one-required" ? `give ${names}` : `give only one of ${names}`);
    }
    case "propertyNames": {
      const name = String(e.params.propertyName);
      return problem(code, { ...yaml.position([...path, name], "key"), field: fieldPath([...path, name]) }, `"${name}" is not a valid name${namingRule(e)}`);
    }
    default: {
      const value = valueAt(yaml.value, path);
      // A schema may say why a keyword refuses a value (`x-problem-messages`), where the keyword alone would not.
      const reasons = e.parentSchema?.["x-problem-messages"] as Record<string, string> | undefined;
      const reason = reasons?.[e.keyword];
      const message = reason ? `${JSON.stringify(value)} ${reason}` : describe(e, value);
      return problem(code, here(), message);
    }
  }
}

function describe(e: ErrorObject, value: unknown): string {
  const shown = JSON.stringify(value);
  switch (e.keyword) {
    case "type":
      return `expected ${String(e.params.type)
        .split(/,| or /)
        .map((t) => typeNames[t.trim()] ?? t.trim())
        .join(" or ")}, got ${kindOf(value)}`;
    case "enum":
      return `${shown} is not one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "minimum":
    case "maximum":
      return `${shown} must be ${e.params.comparison} ${e.params.limit}`;
    case "maxLength":
      return `${shown} is longer than ${e.params.limit} characters`;
    case "minLength":
      return "must not be empty";
    case "pattern": {
      const description = (e.parentSchema as { description?: string } | undefined)?.description;
      return description ? `${shown} is not valid: ${description}` : `${shown} does not match ${e.params.pattern}`;
    }
    case "not":
      return `${shown} is not allowed here`;
    default:
      return `${shown} is invalid (${e.keyword})`;
  }
}

const typeNames: Record<string, string> = {
  array: "a list",
  object: "a map",
  string: "text",
  integer: "a whole number",
  boolean: "true or false",
  null: "nothing",
};

function namingRule(e: ErrorObject): string {
  const inner = (e.schema as { pattern?: string } | undefined)?.pattern;
  return inner ? ` (must match ${inner})` : "";
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** ajv's JSON pointer as path segments, list indexes as numbers. */
function instancePath(pointer: string, root: unknown): Path {
  if (!pointer) return [];
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      out.push(Number(segment));
      node = node[Number(segment)];
    } else {
      out.push(segment);
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const step of path) node = node && typeof node === "object" ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}

/** "; did you mean "members"?" for a near miss (edit distance <= 2), else "". */
function suggestion(key: string, known: string[]): string {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase(), 3);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best ? `; did you mean "${best.name}"?` : "";
}
