import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { buildDesiredState } from "../../providers/target-model";
import { expandMappingFiles } from "../../model/load/load-mappings";
import { loadMappings } from "../../providers/target-model";
import { briefs, repoRoot } from "./helpers";
import { demoSnapshot } from "./fixtures/demo-directory";

const root = repoRoot();
const NAMESPACE = "pam-reconciler";
const KEYS = [
  "entraTenantId",
  "entraClientId",
  "entraCredential",
  "entraClientSecret",
  "entraCertificatePath",
  "entraClientAssertionFile",
  "entraAuthorityHost",
  "graphBaseUrl",
  "caBundle",
  "mappings",
  "praUrl",
  "praClientId",
  "praClientSecret",
  "praScimToken",
  "privxScimUrl",
  "privxScimUsersPath",
  "privxScimHostsPath",
  "privxAuth",
  "privxClientId",
  "privxClientSecret",
  "privxTokenUrl",
  "privxAccessToken",
  "scimUrl",
  "scimAuth",
  "scimToken",
  "scimTokenUrl",
  "scimClientId",
  "scimClientSecret",
  "scimScope",
  "scimUsername",
  "scimPassword",
  "scimPageSize",
  "pam360Url",
  "pam360Auth",
  "pam360Token",
  "pam360PageSize",
  "pam360CaBundle",
  "passwordsafeUrl",
  "passwordsafeClientId",
  "passwordsafeClientSecret",
  "passwordsafeTokenUrl",
  "passwordsafePageSize",
  "passwordsafeCaBundle",
];
const SECRET_KEYS = [
  "entraClientSecret",
  "praClientSecret",
  "praScimToken",
  "privxClientSecret",
  "privxAccessToken",
  "scimToken",
  "scimClientSecret",
  "scimPassword",
  "pam360Token",
  "passwordsafeClientSecret",
];

function stackConfig(file: string): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(root, "stacks", file), "utf8")) as { config: Record<string, unknown> };
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc.config)) {
    assert.ok(key.startsWith(`${NAMESPACE}:`), `${file}: ${key} is in the ${NAMESPACE} namespace`);
    const name = key.slice(NAMESPACE.length + 1);
    assert.ok(KEYS.includes(name), `${file}: ${name} is a known key`);
    config[name] = value;
  }
  for (const secret of SECRET_KEYS) assert.equal(typeof config[secret], "undefined", `${file}: ${secret} is not stored in clear text`);
  return config;
}

function mappingFilesOf(config: Record<string, unknown>): string[] {
  const specs = String(config.mappings)
    .split(",")
    .map((s) => path.join(root, s.trim()));
  const expanded = expandMappingFiles(specs);
  assert.deepEqual(expanded.errors, []);
  return expanded.files;
}

test("the demo stack config names the demo tenant, emulator placeholders that never resolve, and the demo mappings", () => {
  const config = stackConfig("Pulumi.demo.yaml");
  assert.equal(config.entraTenantId, "7c1b0d3e-5a4f-4e1a-9a61-0c5e2f8d9b10");
  for (const key of ["entraAuthorityHost", "graphBaseUrl", "praUrl", "privxScimUrl", "privxTokenUrl"]) {
    const url = new URL(String(config[key]));
    assert.equal(url.protocol, "https:", `${key} is https`);
    assert.ok(url.hostname.endsWith(".invalid"), `${key} is a placeholder the demo overrides`);
  }
  const files = mappingFilesOf(config);
  assert.deepEqual(
    files.map((f) => path.relative(root, f)),
    ["stacks/demo/mappings/access.yaml", "stacks/demo/mappings/hosts.yaml"],
  );
  const loaded = loadMappings(files);
  assert.deepEqual(briefs(loaded.errors), []);
  assert.ok(loaded.value);
  assert.deepEqual(buildDesiredState(loaded.value, demoSnapshot(1)).problems, []);
});

test("the demo mappings protect the break-glass account and map the three policies and two roles of the demo tenant", () => {
  const loaded = loadMappings(mappingFilesOf(stackConfig("Pulumi.demo.yaml")));
  const model = loaded.value;
  assert.ok(model);
  assert.deepEqual(
    model.protectedAccounts.map((p) => p.value),
    ["breakglass@contoso.com"],
  );
  assert.deepEqual(
    model.pra?.groupPolicies.map((p) => p.name),
    ["Linux Administrators", "Vendor Access", "Windows Operators"],
  );
  assert.deepEqual(
    model.privx?.roles.map((r) => r.name),
    ["db-admins", "developers"],
  );
  assert.ok((model.privx?.hosts.length ?? 0) >= 5);
});

test("the production example sets or explains every config key, stores no secret, and its mappings load cleanly", () => {
  const config = stackConfig("Pulumi.production.example.yaml");
  const text = fs.readFileSync(path.join(root, "stacks", "Pulumi.production.example.yaml"), "utf8");
  for (const key of KEYS) assert.ok(text.includes(`${NAMESPACE}:${key}`), `${key} is set or explained`);
  const loaded = loadMappings(mappingFilesOf(config));
  assert.deepEqual(briefs(loaded.errors), []);
  assert.deepEqual(briefs(loaded.warnings), []);
  assert.ok(loaded.value?.pra && loaded.value.privx && loaded.value.scim && loaded.value.pam360 && loaded.value.passwordsafe);
});

test("every field of the mapping schema is explained in the production example mappings", () => {
  const dir = path.join(root, "stacks", "production.example", "mappings");
  const text = fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
  const comments = text
    .split("\n")
    .filter((l) => l.trim().startsWith("#"))
    .join("\n");
  const schema = JSON.parse(fs.readFileSync(path.join(root, "model", "mapping.schema.json"), "utf8"));
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.properties && typeof n.properties === "object") for (const key of Object.keys(n.properties)) names.add(key);
    Object.values(n).forEach(walk);
  };
  walk(schema);
  assert.deepEqual(
    [...names].filter((name) => !comments.includes(name)),
    [],
    "fields without an explaining comment",
  );
});
