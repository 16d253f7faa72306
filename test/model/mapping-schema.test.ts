import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { mappingSchema as buildMappingSchema } from "../../providers/target-model";
import { mappingSchemaText } from "../../providers/target-model";
import { praGroupPolicyFields } from "../../providers/pra/facts";
import { loadMappings } from "../../providers/target-model";
import { briefs, load, repoRoot } from "./helpers";

const root = repoRoot();
const schemaFile = path.join(root, "model", "mapping.schema.json");

/** The schema as an editor sees it: plain ajv, our annotation keyword unknown to it. */
function editorValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
}

function mappingFiles(): string[] {
  const stacks = path.join(root, "stacks");
  return (fs.readdirSync(stacks, { recursive: true }) as string[])
    .filter((f) => /(^|\/)mappings\/[^/]+\.ya?ml$/.test(f))
    .map((f) => path.join(stacks, f))
    .sort();
}

test("the committed model/mapping.schema.json is the generated schema (regenerate with write-mapping-schema)", () => {
  const regenerate = "stale: run node dist/providers/write-mapping-schema.js from the repository root";
  assert.deepEqual(JSON.parse(fs.readFileSync(schemaFile, "utf8")), buildMappingSchema(), regenerate);
  assert.equal(fs.readFileSync(schemaFile, "utf8"), mappingSchemaText(), regenerate);
});

test("PRA permission fields match the GroupPolicy schema of the vendor's Configuration API spec", (t) => {
  const candidates = [
    process.env.PRA_OPENAPI_SPEC,
    path.join(root, "apis", "pra-configuration.openapi.yaml"),
    path.join(root, "..", "shared", "apis", "pra-configuration.openapi.yaml"),
  ].filter((p): p is string => !!p);
  const specFile = candidates.find((p) => fs.existsSync(p));
  if (!specFile) {
    t.skip("vendor spec pra-configuration.openapi.yaml not found (set PRA_OPENAPI_SPEC)");
    return;
  }
  const spec = parse(fs.readFileSync(specFile, "utf8"), { maxAliasCount: -1 });
  const groupPolicy = spec.components.schemas.GroupPolicy as { properties: Record<string, Record<string, unknown>> };
  const writable = Object.entries(groupPolicy.properties).filter(([name, p]) => name !== "name" && !p.readOnly);
  assert.deepEqual(Object.keys(praGroupPolicyFields).sort(), writable.map(([name]) => name).sort());
  for (const [name, field] of writable) {
    const ours = praGroupPolicyFields[name];
    assert.equal(ours.type, field.type, `${name}: type`);
    if (ours.type === "string") assert.deepEqual([...ours.enum], field.enum, `${name}: enum`);
    if (ours.type === "integer") {
      assert.equal(ours.minimum, field.minimum, `${name}: minimum`);
      assert.equal(ours.maximum, field.maximum, `${name}: maximum`);
      for (const allowed of ours.allowed ?? []) {
        assert.ok(String(field.description).includes(String(allowed)), `${name}: ${allowed} is listed by the spec`);
      }
    }
  }
});

test("every mapping file under stacks/ names the schema for editors, passes it, and loads without errors", () => {
  const validate = editorValidator();
  const files = mappingFiles();
  assert.ok(files.length >= 2, "the demo and production example mappings exist");
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const directive = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
    assert.ok(directive, `${file} has a yaml-language-server $schema comment`);
    assert.equal(path.resolve(path.dirname(file), directive[1]), schemaFile, `${file}: $schema points at model/mapping.schema.json`);
    assert.ok(validate(parse(text) ?? {}), `${file}: ${JSON.stringify(validate.errors)}`);
  }
  const byStack = new Map<string, string[]>();
  for (const file of files) {
    const stack = path.dirname(path.dirname(file));
    byStack.set(stack, [...(byStack.get(stack) ?? []), file]);
  }
  for (const [stack, stackFiles] of byStack) {
    const result = loadMappings(stackFiles);
    assert.deepEqual(briefs(result.errors), [], `${stack} loads without errors`);
    assert.deepEqual(briefs(result.warnings), [], `${stack} loads without warnings`);
  }
});

// Files an editor must flag exactly as the loader does (one per structural rule).
const rejectedByBoth: [string, string, string][] = [
  ["unknown key", "prax: {}\n", "UNKNOWN_KEY"],
  ["wrong type", "protected: breakglass@contoso.com\n", "WRONG_TYPE"],
  ["missing policy name", "pra:\n  groupPolicies:\n    - members: [a]\n", "MISSING_FIELD"],
  ["group alias without id or name", "groups:\n  a: {}\n", "MISSING_FIELD"],
  ["group alias with both id and name", "groups:\n  a: { id: 3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01, displayName: A }\n", "INVALID_VALUE"],
  ["bad alias name", "groups:\n  'a b': { displayName: A }\n", "INVALID_NAME"],
  ["bad leavers", "leavers: archive\n", "INVALID_VALUE"],
  ["unknown permission", "pra:\n  groupPolicies:\n    - name: P\n      permissions: { perm_fly: true }\n", "UNKNOWN_PERMISSION"],
  ["permission of the wrong type", "pra:\n  groupPolicies:\n    - name: P\n      permissions: { perm_shell_jump: 'yes' }\n", "WRONG_TYPE"],
  ["idle timeout not offered by PRA", "pra:\n  groupPolicies:\n    - name: P\n      permissions: { perm_session_idle_timeout: 5 }\n", "INVALID_VALUE"],
  ["policy name over 255", `pra:\n  groupPolicies:\n    - name: ${"p".repeat(256)}\n`, "NAME_TOO_LONG"],
  ["SCIM group name over 64", `groups:\n  a: { displayName: A, scimGroupName: ${"g".repeat(65)} }\n`, "NAME_TOO_LONG"],
  ["unknown username attribute", "pra:\n  userName: sAMAccountName\n", "INVALID_VALUE"],
  ["member source with spaces", "privx:\n  roles:\n    - name: r\n      members: ['a b']\n", "INVALID_NAME"],
  ["host without contact address", "privx:\n  hosts:\n    - { externalId: h, commonName: h }\n", "MISSING_FIELD"],
  [
    "unknown service in a list",
    "privx:\n  hosts:\n    - { externalId: h, commonName: h, contactAddress: h, services: [{ service: FTP, port: 21 }] }\n",
    "UNKNOWN_SERVICE",
  ],
  ["unknown service in a map", "privx:\n  hosts:\n    - { externalId: h, commonName: h, contactAddress: h, services: { FTP: 21 } }\n", "UNKNOWN_SERVICE"],
  ["port out of range", "privx:\n  hosts:\n    - { externalId: h, commonName: h, contactAddress: h, services: { SSH: 65536 } }\n", "INVALID_PORT"],
  [
    "system role on a host",
    "privx:\n  hosts:\n    - { externalId: h, commonName: h, contactAddress: h, principals: { directoryRoles: [privx-admin] } }\n",
    "PRIVX_SYSTEM_ROLE",
  ],
  ["role name with a separator", "privx:\n  roles:\n    - name: 'a=b'\n", "INVALID_NAME"],
  ["services neither list nor map", "privx:\n  hosts:\n    - { externalId: h, commonName: h, contactAddress: h, services: 'SSH:22' }\n", "WRONG_TYPE"],
  ["negative maxRemovals", "safety: { maxRemovals: -1 }\n", "INVALID_VALUE"],
];

for (const [name, text, code] of rejectedByBoth) {
  test(`editor schema and loader agree: ${name} is rejected (${code})`, () => {
    const validate = editorValidator();
    assert.equal(validate(parse(text)), false, "the published schema rejects it");
    const result = load({ "x.yaml": text });
    assert.deepEqual(
      result.errors.map((e) => e.code),
      [code],
    );
  });
}
