// A create of an object the product already holds reads as an adoption in both reports: from
// what the product holds now (the program's adoption file) to what the run declares.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildAccessReport, renderText, type GroupPolicyChange } from "../../report/access-report";
import { buildDriftReport } from "../../report/drift-report";
import { readAdoptions, withAdoptions } from "../../report/adoptions";
import { plannedChanges, toDigest, ReportError, type Digest } from "../../report/digest";
import type { AdoptedObject } from "../../model/adoption";

const URN = (kind: string, name: string) => `urn:pulumi:dev::pam-reconciler::pulumi-nodejs:dynamic/${kind}::${name}`;
const policyInputs = {
  name: "Ops",
  permissions: { perm_session_idle_timeout: 1800 },
  memberGroups: ["Ops Team"],
  jumpGroups: { Linux: { jumpItemRole: "Administrator", jumpPolicy: null } },
};
const digest: Digest = toDigest({
  steps: [
    {
      op: "create",
      urn: URN("pra:GroupPolicy", "Ops"),
      newState: { urn: URN("pra:GroupPolicy", "Ops"), type: "pulumi-nodejs:dynamic/pra:GroupPolicy", inputs: policyInputs },
    },
    {
      op: "create",
      urn: URN("pra:GroupPolicy", "New"),
      newState: { urn: URN("pra:GroupPolicy", "New"), type: "pulumi-nodejs:dynamic/pra:GroupPolicy", inputs: { ...policyInputs, name: "New" } },
    },
  ],
});
const adopted: AdoptedObject[] = [
  {
    kind: "pra:GroupPolicy",
    name: "Ops",
    id: "7",
    before: {
      policyId: 7,
      name: "Ops",
      permissions: { perm_session_idle_timeout: 600 },
      memberGroups: ["Old Team"],
      otherMembers: ["user #4 (security provider 1)"],
      jumpGroups: { Linux: { jumpItemRole: null, jumpPolicy: null } },
    },
  },
];

test("only the create of an adopted object becomes an adoption, from what the product holds", () => {
  const changes = withAdoptions(plannedChanges(digest), adopted);
  assert.deepEqual(
    changes.map((c) => [c.name, c.op, c.adopted ?? false]),
    [
      ["Ops", "update", true],
      ["New", "create", false],
    ],
  );
  assert.equal(changes[0].before, adopted[0].before);
  assert.deepEqual(withAdoptions(plannedChanges(digest), []), plannedChanges(digest));
});

test("the access report shows every field, member and jump group an adoption changes, and the members it keeps", () => {
  const report = buildAccessReport(digest, { maxRemovals: 10, adopted });
  const policies = report.targets[0].objects as GroupPolicyChange[];
  const ops = policies.find((p) => p.name === "Ops")!;
  assert.equal(ops.lifecycle, "adopted");
  assert.deepEqual(ops.memberGroups, { added: ["Ops Team"], removed: ["Old Team"] });
  assert.deepEqual(
    ops.permissions.map((c) => [c.path, c.before, c.after]),
    [["perm_session_idle_timeout", "600", "1800"]],
  );
  assert.deepEqual(
    ops.jumpGroups.map((j) => [j.jumpGroup, j.change, j.before?.jumpItemRole, j.after?.jumpItemRole]),
    [["Linux", "changed", "default", "Administrator"]],
  );
  assert.deepEqual(ops.notManaged, ["user #4 (security provider 1)"]);
  assert.equal(policies.find((p) => p.name === "New")!.lifecycle, "created");
  assert.equal(report.totals.adopted, 1);
  assert.equal(report.totals.groupPoliciesChanged, 1, "the created one; the adopted one is counted apart");
  const text = renderText(report);
  assert.match(text, /1 adopted \(already in the product\)/);
  assert.match(text, /Group policy "Ops" \(ADOPTED/);
  assert.match(text, /not managed, kept: user #4 \(security provider 1\)/);
});

test("a policy that removes members the mappings cannot state shows them as removed, not as kept", () => {
  const removing = toDigest({
    steps: [{ ...digest.steps[0], newState: { ...digest.steps[0].newState!, inputs: { ...policyInputs, unmanagedMembers: "remove" } } }],
  });
  const ops = buildAccessReport(removing, { maxRemovals: 10, adopted }).targets[0].objects[0] as GroupPolicyChange;
  assert.deepEqual(ops.memberGroups.removed, ["Old Team", "user #4 (security provider 1)"]);
  assert.equal(ops.notManaged, undefined);
});

test("the drift report lists an adoption with its differences", () => {
  const report = buildDriftReport(toDigest({ steps: [] }), digest, [], adopted);
  const ops = report.directoryChanges.find((c) => c.name === "Ops")!;
  assert.equal(ops.change, "adopt");
  assert.ok(ops.differences.some((d) => d.path.startsWith("permissions") && d.before === "600"));
  assert.equal(report.directoryChanges.find((c) => c.name === "New")!.change, "create");
});

test("the adoption file: missing is none; another stack's or a foreign file is refused", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adoptions-"));
  assert.deepEqual(readAdoptions(path.join(dir, "absent.json"), "dev"), []);
  const file = path.join(dir, "a.json");
  fs.writeFileSync(file, JSON.stringify({ version: 1, stack: "prod", adopted }));
  assert.deepEqual(readAdoptions(file, "prod"), adopted);
  assert.throws(
    () => readAdoptions(file, "dev"),
    (e: unknown) => e instanceof ReportError && /of stack prod, not of dev/.test(e.message),
  );
  fs.writeFileSync(file, JSON.stringify({ steps: [] }));
  assert.throws(() => readAdoptions(file, "dev"), ReportError);
});

test("an account another tool linked (the community script's UPN local part) reads as adopted and re-linked from that externalId", () => {
  const user = {
    externalId: "0b1f-entra-id",
    userName: "bob@contoso.com",
    displayName: "Bob",
    givenName: null,
    familyName: null,
    email: null,
    active: true,
    onRemove: "deactivate",
    protected: false,
  };
  const userDigest: Digest = toDigest({
    steps: [
      {
        op: "update",
        urn: URN("pra:ScimUsers", "users-07"),
        oldState: {
          urn: URN("pra:ScimUsers", "users-07"),
          type: "pulumi-nodejs:dynamic/pra:ScimUsers",
          inputs: { members: {} },
          outputs: { members: {}, ids: {} },
        },
        newState: { urn: URN("pra:ScimUsers", "users-07"), type: "pulumi-nodejs:dynamic/pra:ScimUsers", inputs: { members: { "0b1f-entra-id": user } } },
      },
    ],
  });
  const relinked: AdoptedObject[] = [{ kind: "pra:ScimUser", name: "0b1f-entra-id", id: "41", before: { ...user, externalId: "bob", scimId: "41" } }];
  const report = buildAccessReport(userDigest, { maxRemovals: 10, adopted: relinked });
  const adoptedAccounts = report.targets.flatMap((t) => t.accounts.adopted);
  assert.deepEqual(
    adoptedAccounts.map((a) => [a.userName, a.relinkedFrom]),
    [["bob@contoso.com", "bob"]],
  );
  assert.match(renderText(report), /ADOPTED\s+bob@contoso\.com \(exists in the product, taken over, re-linked from externalId "bob"\)/);
});
