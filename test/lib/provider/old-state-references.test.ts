// Existing stacks keep working after the SCIM account and group lifecycles moved into
// lib/provider/: every `__provider` text a state written by the previous version holds (module
// path and export name, copied verbatim here, never derived from the current code) still loads a
// complete provider, the batch ones and the retired per-object ones alike.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";

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
  ["pam360/group", "pam360GroupProvider"],
  ["passwordsafe/user", "passwordSafeUsersProvider"],
  ["passwordsafe/group", "passwordSafeGroupProvider"],
];

/** The SDK's dynamic-provider process turns `__provider` into a provider this way (in the project directory). */
function evaluateAsTheProviderProcessDoes(text: string): Record<string, unknown> {
  const requireFromString = require(require.resolve("require-from-string", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));
  return requireFromString(text).handler();
}

describe("references stored in existing stacks' state", () => {
  for (const [module, exportName] of IN_EXISTING_STATES) {
    test(`dist/providers/${module} ${exportName} still loads a complete provider`, () => {
      const cwd = process.cwd();
      process.chdir(path.resolve(__dirname, "..", "..", "..", ".."));
      try {
        const loaded = evaluateAsTheProviderProcessDoes(oldReference(module, exportName));
        for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) assert.equal(typeof loaded[method], "function", `${exportName}.${method}`);
      } finally {
        process.chdir(cwd);
      }
    });
  }

  test("a pra:ScimUser member recorded by the previous version (no adoptedFrom) diffs as unchanged against the same inputs", async () => {
    const cwd = process.cwd();
    process.chdir(path.resolve(__dirname, "..", "..", "..", ".."));
    try {
      const users = evaluateAsTheProviderProcessDoes(oldReference("pra/scim-user", "praScimUsersProvider")) as { diff(id: string, olds: unknown, news: unknown): Promise<{ changes?: boolean }> };
      const alice = { externalId: "e-1", userName: "alice@contoso.com", displayName: "Alice", givenName: null, familyName: null, email: null, active: true, onRemove: "deactivate", protected: false };
      const recorded = { members: { "e-1": { ...alice, scimId: "7" } }, ids: { "e-1": "7" } };
      assert.equal((await users.diff("batch-1", recorded, { members: { "e-1": alice } })).changes, false);
    } finally {
      process.chdir(cwd);
    }
  });
});
