// Existing stacks keep working after the SCIM account and group lifecycles moved into
// lib/provider/: every `__provider` text a state written by the previous version holds (module
// path and export name, copied verbatim here, never derived from the current code) still loads a
// complete provider, the batch ones and the retired per-object ones alike.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { providerReference } from "../../../lib/provider/dynamic-resource";
import { legacyReferences, providerFor, providerKinds } from "../../../providers/provider-registry";

/** `__provider` as the previous version wrote it into every resource's state. */
const oldReference = (module: string, exportName: string) =>
  `exports.handler=()=>require(require("path").resolve("dist/lib/provider/load-provider")).loadProvider("dist/providers/${module}","${exportName}");`;

const IN_EXISTING_STATES: readonly [string, string][] = [
  ["pra/scim-user", "praScimUsersProvider"],
  ["pra/scim-user", "praScimUserProvider"],
  ["pra/scim-group", "praScimGroupProvider"],
  ["pra/group-policy", "praGroupPolicyProvider"],
  ["privx/scim-user", "privxScimUsersProvider"],
  ["privx/scim-user", "privxScimUserProvider"],
  ["privx/host", "privxHostsProvider"],
  ["privx/host", "privxHostProvider"],
  ["scim/user", "scimUsersProvider"],
  ["scim/user", "scimUserProvider"],
  ["scim/group", "scimGroupProvider"],
  ["pam360/user", "pam360UsersProvider"],
  ["pam360/user", "pam360UserProvider"],
  ["pam360/group", "pam360GroupProvider"],
  ["passwordsafe/user", "passwordSafeUsersProvider"],
  ["passwordsafe/user", "passwordSafeUserProvider"],
  ["passwordsafe/group", "passwordSafeGroupProvider"],
];

/** The SDK's dynamic-provider process turns `__provider` into a provider this way (in the project directory). */
function evaluateAsTheProviderProcessDoes(text: string): Record<string, unknown> {
  const requireFromString = require(require.resolve("require-from-string", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));
  return requireFromString(text).handler();
}

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..", "..");

describe("references stored in existing stacks' state", () => {
  for (const [module, exportName] of IN_EXISTING_STATES) {
    test(`dist/providers/${module} ${exportName} still loads a complete provider`, () => {
      const cwd = process.cwd();
      process.chdir(path.resolve(__dirname, "..", "..", "..", ".."));
      try {
        const loaded = evaluateAsTheProviderProcessDoes(oldReference(module, exportName));
        for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"])
          assert.equal(typeof loaded[method], "function", `${exportName}.${method}`);
      } finally {
        process.chdir(cwd);
      }
    });
  }

  test("a pra:ScimUser member recorded by the previous version (no adoptedFrom) diffs as unchanged against the same inputs", async () => {
    const cwd = process.cwd();
    process.chdir(path.resolve(__dirname, "..", "..", "..", ".."));
    try {
      const users = evaluateAsTheProviderProcessDoes(oldReference("pra/scim-user", "praScimUsersProvider")) as {
        diff(id: string, olds: unknown, news: unknown): Promise<{ changes?: boolean }>;
      };
      const alice = {
        externalId: "e-1",
        userName: "alice@contoso.com",
        displayName: "Alice",
        givenName: null,
        familyName: null,
        email: null,
        active: true,
        onRemove: "deactivate",
        protected: false,
      };
      const recorded = { members: { "e-1": { ...alice, scimId: "7" } }, ids: { "e-1": "7" } };
      assert.equal((await users.diff("batch-1", recorded, { members: { "e-1": alice } })).changes, false);
    } finally {
      process.chdir(cwd);
    }
  });

  test("the registry maps every reference earlier versions wrote, and nothing else", () => {
    assert.deepEqual(
      legacyReferences()
        .map(([module, exportName]) => `${module}#${exportName}`)
        .sort(),
      IN_EXISTING_STATES.map(([module, exportName]) => `dist/providers/${module}#${exportName}`).sort(),
    );
  });

  test("a state file the previous version wrote: every resource's provider loads, is its kind's, and diffs its own inputs as unchanged", async () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "test/lib/provider/fixtures/state-before-provider-kinds.json"), "utf8")) as {
      resources: { urn: string; type: string; id: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
    };
    assert.ok(fixture.resources.length >= 40, "the demo's resources");
    const cwd = process.cwd();
    process.chdir(PROJECT_DIR);
    try {
      for (const resource of fixture.resources) {
        const kind = resource.type.replace("pulumi-nodejs:dynamic/", "");
        assert.ok(providerKinds().includes(kind), `${kind} has a provider`);
        for (const text of [resource.inputs.__provider, resource.outputs.__provider]) {
          const loaded = evaluateAsTheProviderProcessDoes(String(text)) as { diff(id: string, olds: unknown, news: unknown): Promise<{ changes?: boolean }> };
          const current = evaluateAsTheProviderProcessDoes(providerReference(kind)) as typeof loaded;
          assert.equal(typeof loaded.diff, "function", resource.urn);
          assert.equal((await loaded.diff(resource.id, resource.outputs, resource.inputs)).changes, false, `${resource.urn} diffs as unchanged`);
          assert.equal(
            (await current.diff(resource.id, resource.outputs, resource.inputs)).changes,
            false,
            `${resource.urn} diffs as unchanged through the new reference`,
          );
        }
        assert.ok(providerFor(kind), kind);
      }
    } finally {
      process.chdir(cwd);
    }
  });
});
