// Extracts the parts of a vendor's Configuration API spec (PRA's, or Remote Support's, which
// shares the API) that the emulator enforces (query parameters, request bodies, wire schemas, the
// list of documented routes) into contract.generated.ts, so the emulator validates against the
// vendor's own field names, types, enums and limits instead of a hand-typed copy.
//
//   node dist/bench/emulators/pra/spec/extract-contract.js <pra-configuration.openapi.yaml> > bench/emulators/pra/contract.generated.ts
//   node dist/bench/emulators/pra/spec/extract-contract.js <rs-configuration.openapi.yaml> rsContract > bench/emulators/rs/contract.generated.ts
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Schemas the emulator serves or validates (each spec has some of them: RS has no SCIM provider). */
const SCHEMAS = [
  "GroupPolicy",
  "GroupPolicyMember",
  "GroupPolicyJumpGroup",
  "JumpGroup",
  "JumpItemRole",
  "JumpPolicy",
  "User",
  "SecurityProvider",
  "LocalSecurityProvider",
  "SCIMSecurityProvider",
  "SAMLSecurityProvider",
];

/** Route families the emulator serves; other documented routes are only listed (answered 501). */
const SERVED_ROOTS = new Set(["group-policy", "jump-group", "jump-item-role", "jump-policy", "user", "security-provider"]);

/** Keywords the emulator enforces; descriptions and examples are dropped. */
const KEPT = new Set([
  "type",
  "format",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "enum",
  "nullable",
  "readOnly",
  "writeOnly",
  "default",
  "pattern",
  "items",
  "minItems",
  "maxItems",
  "properties",
  "required",
]);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolver(root: JsonObject) {
  const deref = (ref: string): JsonObject => {
    let node: Json = root;
    for (const part of ref.replace(/^#\//, "").split("/")) node = (node as JsonObject)[part];
    return node as JsonObject;
  };
  const simplify = (schema: JsonObject): JsonObject => {
    if (typeof schema.$ref === "string") return simplify(deref(schema.$ref));
    if (Array.isArray(schema.allOf)) {
      const merged: JsonObject = { type: "object", properties: {}, required: [] };
      for (const part of schema.allOf) {
        const simple = simplify(part as JsonObject);
        Object.assign(merged.properties as JsonObject, simple.properties ?? {});
        (merged.required as Json[]).push(...((simple.required as Json[] | undefined) ?? []));
      }
      return merged;
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      if (!KEPT.has(key)) continue;
      if (key === "items" && isObject(value)) out.items = simplify(value);
      else if (key === "properties" && isObject(value)) {
        const props: JsonObject = {};
        for (const [name, prop] of Object.entries(value)) props[name] = simplify(prop as JsonObject);
        out.properties = props;
      } else out[key] = value;
    }
    return out;
  };
  return { deref, simplify };
}

function extract(spec: JsonObject): JsonObject {
  const { deref, simplify } = resolver(spec);
  const schemas: JsonObject = {};
  const componentSchemas = (spec.components as JsonObject).schemas as JsonObject;
  for (const name of SCHEMAS) if (componentSchemas[name]) schemas[name] = simplify(componentSchemas[name] as JsonObject);

  const operations: JsonObject = {};
  for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
    for (const [method, op] of Object.entries(item as JsonObject)) {
      if (!isObject(op) || !["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (!SERVED_ROOTS.has(path.split("/")[1])) {
        operations[key] = { operationId: op.operationId ?? null, pathParams: {}, query: {}, body: null, responses: [] };
        continue;
      }
      const query: JsonObject = {};
      const pathParams: JsonObject = {};
      for (const raw of (op.parameters as Json[] | undefined) ?? []) {
        const param = typeof (raw as JsonObject).$ref === "string" ? deref((raw as JsonObject).$ref as string) : (raw as JsonObject);
        const schema = simplify((param.schema as JsonObject) ?? {});
        if (param.in === "query") query[param.name as string] = schema;
        if (param.in === "path") pathParams[param.name as string] = schema;
      }
      const bodySchema = ((((op.requestBody as JsonObject | undefined)?.content as JsonObject | undefined)?.["application/json"] as JsonObject | undefined)
        ?.schema ?? null) as JsonObject | null;
      let body: Json = null;
      if (bodySchema) {
        const ref = typeof bodySchema.$ref === "string" ? bodySchema.$ref.split("/").pop()! : null;
        body = ref && schemas[ref] ? { schema: ref } : bodySchema.oneOf ? { oneOf: true } : simplify(bodySchema);
      }
      operations[key] = {
        operationId: op.operationId ?? null,
        pathParams,
        query,
        body,
        responses: Object.keys((op.responses as JsonObject) ?? {}),
      };
    }
  }
  const title = String((spec.info as { title?: string }).title);
  const product = /Remote Support/.test(title) ? "Remote Support" : "PRA";
  return { product, version: (spec.info as JsonObject).version, schemas, operations };
}

function main(): void {
  const [file, exportName = "praContract"] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: extract-contract <pra-configuration.openapi.yaml> [exportName]\n");
    process.exit(2);
  }
  const spec = parse(fs.readFileSync(file, "utf8")) as JsonObject;
  const contract = extract(spec);
  const operations = Object.entries(contract.operations as JsonObject)
    .map(([key, op]) => `    ${JSON.stringify(key)}: ${JSON.stringify(op)},`)
    .join("\n");
  process.stdout.write(
    `// Generated from the vendor's ${path.basename(file)} by bench/emulators/pra/spec/extract-contract.ts.\n` +
      "// Do not edit by hand: regenerate when the vendor spec changes. Routes outside the families the\n" +
      "// emulator serves carry only their operationId (they are answered 501).\n" +
      `import type { PraContract } from "${exportName === "praContract" ? "./contract" : "../pra/contract"}";\n\n` +
      `export const ${exportName}: PraContract = {\n` +
      `  product: ${JSON.stringify(contract.product)},\n` +
      `  version: ${JSON.stringify(contract.version)},\n` +
      `  schemas: ${JSON.stringify(contract.schemas, null, 2).replace(/\n/g, "\n  ")},\n` +
      `  operations: {\n${operations}\n  },\n};\n`,
  );
}

if (require.main === module) main();
