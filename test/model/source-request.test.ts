import { test } from "node:test";
import * as assert from "node:assert/strict";
import { sourceRequestOf } from "../../providers/target-model";
import { loadValid, yaml } from "./helpers";

test("the source is asked only for groups and applications some policy or role uses, plus the extra attributes", () => {
  const model = loadValid({
    "m.yaml": yaml`
      groups:
        by-name: { displayName: PRA Linux Admins }
        by-id: { id: 0D9C1F1E-1111-4C7E-9F10-2A6B7C8D9E01 }
        unused: { displayName: Nobody Uses Me }
      applications:
        app: { appId: 3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01 }
        idle: { appId: 11111111-2222-3333-4444-555555555555 }
      pra:
        userName: { attribute: employeeId, lowercase: true }
        groupPolicies:
          - name: P
            members: [by-name, app/operator]
      privx:
        userName: extension_0123456789abcdef0123456789abcdef_unixName
        externalId: mail
        roles:
          - name: r
            members: [by-id, by-name]
    `,
  });
  assert.deepEqual(sourceRequestOf(model), {
    groups: [{ id: "0D9C1F1E-1111-4C7E-9F10-2A6B7C8D9E01" }, { displayName: "PRA Linux Admins" }],
    applications: [{ appId: "3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01" }],
    userAttributes: ["employeeId", "extension_0123456789abcdef0123456789abcdef_unixName"],
  });
});

test("a model with no targets asks for nothing", () => {
  const model = loadValid({ "m.yaml": "groups:\n  a: { displayName: A }\n" });
  assert.deepEqual(sourceRequestOf(model), { groups: [], applications: [], userAttributes: [] });
});
