// A role-locked account (the scim target's role lock): the product keeps its roles as it holds
// them, so a role it changes is no drift, and a plan never shows the locked role as lost; the
// same change on an unlocked account is drift, and a newly locked account is listed once.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildAccessReport } from "../../report/access-report";
import { toDigest, type DigestStep } from "../../report/digest";
import { buildDriftReport } from "../../report/drift-report";

const TYPE = "pulumi-nodejs:dynamic/scim:User";
const urnOf = (name: string) => `urn:pulumi:prod::pam-reconciler::${TYPE}::${name}`;
const account = (userName: string, roles: string[], roleLocked: boolean) => ({
  scimId: `id-${userName}`,
  externalId: `e-${userName}`,
  userName,
  displayName: userName,
  active: true,
  roles,
  roleLocked,
  roleAttribute: "roles",
  onRemove: "deactivate",
  protected: false,
});

function step(
  op: string,
  name: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  changed: string[] = [],
): DigestStep {
  const state = (props: Record<string, unknown>) => ({ urn: urnOf(name), type: TYPE, custom: true, id: `id-${name}`, inputs: props, outputs: props });
  return { op, urn: urnOf(name), ...(before ? { oldState: state(before) } : {}), ...(after ? { newState: state(after) } : {}), diffReasons: changed };
}

describe("role lock in the reports", () => {
  it("drift: a role the application changed on a locked account is no drift; on an unlocked one it is", () => {
    const refresh = toDigest({
      steps: [
        step("update", "owner", account("owner@contoso.com", ["Owner"], true), account("owner@contoso.com", ["Auditor"], true), ["roles"]),
        step("update", "dave", account("dave@contoso.com", ["Developer"], false), account("dave@contoso.com", ["Administrator"], false), ["roles"]),
      ],
    });
    const report = buildDriftReport(refresh, toDigest({ steps: [] }));
    assert.deepEqual(
      report.handChanges.map((c) => c.name),
      ["dave@contoso.com"],
    );
    assert.equal(report.drifted, true);
    const onlyLocked = buildDriftReport(toDigest({ steps: [refresh.steps[0]] }), toDigest({ steps: [] }));
    assert.equal(onlyLocked.drifted, false);
  });

  it("access: a newly locked account is listed as locked, and its held role is not shown as lost", () => {
    const preview = toDigest({
      steps: [
        step("create", "grace", undefined, account("grace@contoso.com", [], true)),
        step("update", "erin", account("erin@contoso.com", ["Developer"], false), account("erin@contoso.com", [], true), ["roleLocked", "roles"]),
        step("update", "bob", account("bob@contoso.com", ["Viewer"], false), account("bob@contoso.com", ["Developer"], false), ["roles"]),
      ],
    });
    const report = buildAccessReport(preview, { maxRemovals: 10 });
    const scim = report.targets.find((t) => t.target === "SCIM")!;
    assert.deepEqual(scim.accounts.locked, ["erin@contoso.com", "grace@contoso.com"]);
    const roles = scim.objects.filter((o) => o.kind === "role").map((o) => ({ name: o.name, ...(o.kind === "role" ? o.members : {}) }));
    assert.deepEqual(roles, [
      { name: "Developer", added: ["bob@contoso.com"], removed: [], renamed: [] },
      { name: "Viewer", added: [], removed: ["bob@contoso.com"], renamed: [] },
    ]);
  });
});
