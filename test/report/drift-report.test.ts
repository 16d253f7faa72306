import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Digest, type DigestStep, toDigest } from "../../report/digest";
import { buildDriftReport } from "../../report/drift-report";
import { renderDriftMarkdown, renderDriftText } from "../../report/drift-render";
import { assertGolden, loadFixture } from "./golden";

const clean = () => loadFixture("refresh-clean.json");
const praDrift = () => loadFixture("refresh-pra-drift.json");
const noChanges = () => loadFixture("preview-no-changes.json");
const directoryChange = () => loadFixture("preview-demo-v2.json");

const summary = (objects: { target: string; objectType: string; name: string; change: string }[]) =>
  objects.map((o) => `${o.target} ${o.objectType} ${o.name}: ${o.change}`);

const HAND_CHANGES = [
  "PRA SCIM user bob@contoso.com: modified",
  "PRA SCIM user carol@contoso.com: gone",
  "PRA SCIM group PRA Linux Admins: modified",
  "PRA group policy Linux Admins: modified",
];
const DIRECTORY_CHANGES = [
  "PRA SCIM user dave@contoso.com: deactivate",
  "PRA SCIM user heidi@contoso.com: create",
  "PRA SCIM user robert@contoso.com: update",
  "PRA SCIM group PRA Linux Admins: update",
  "PRA SCIM group PRA Windows Operators: update",
  "PrivX user frank@contoso.com: update",
];

/** The same refresh as the real CLI prints it: every object read is a "refresh" step. */
function asRefreshOps(digest: Digest): Digest {
  const steps = digest.steps.map((step): DigestStep => {
    if (step.op === "update") return { ...step, op: "refresh" };
    if (step.op === "delete") return { ...step, op: "refresh", newState: undefined };
    return step;
  });
  return { ...digest, steps };
}

describe("buildDriftReport: classification", () => {
  it("no drift: the products match the state and the plan is empty", () => {
    const report = buildDriftReport(clean(), noChanges());
    assert.equal(report.drifted, false);
    assert.deepEqual(report.handChanges, []);
    assert.deepEqual(report.directoryChanges, []);
    assert.equal(report.stack, "prod");
  });

  it("drift in PRA only: hand changes, nothing from the directory", () => {
    const report = buildDriftReport(praDrift(), noChanges());
    assert.equal(report.drifted, true);
    assert.deepEqual(summary(report.handChanges), HAND_CHANGES);
    assert.deepEqual(report.directoryChanges, []);
  });

  it("directory change only: the plan differs, the products match the state", () => {
    const report = buildDriftReport(clean(), directoryChange());
    assert.equal(report.drifted, true);
    assert.deepEqual(report.handChanges, []);
    assert.deepEqual(summary(report.directoryChanges), DIRECTORY_CHANGES);
  });

  it("both: each kind lands in its own list", () => {
    const report = buildDriftReport(praDrift(), directoryChange());
    assert.equal(report.drifted, true);
    assert.deepEqual(summary(report.handChanges), HAND_CHANGES);
    assert.deepEqual(summary(report.directoryChanges), DIRECTORY_CHANGES);
  });
});

describe("buildDriftReport: what differs", () => {
  it("lists each hand-changed property as recorded → actual, members by userName", () => {
    const report = buildDriftReport(praDrift(), noChanges());
    const policy = report.handChanges.find((c) => c.objectType === "group policy");
    assert.deepEqual(
      policy?.differences.map((d) => [d.path, d.before, d.after]),
      [
        ['jumpGroups["Legacy Unix"]', "{jumpItemRole: none, jumpPolicy: none}", "(not set)"],
        ["permissions.perm_remote_rdp", "false", "true"],
        ["permissions.perm_share_other_team", "false", "true"],
      ],
    );
    const group = report.handChanges.find((c) => c.objectType === "SCIM group");
    assert.deepEqual(
      group?.differences.map((d) => [d.path, d.added, d.removed]),
      [["members", ["mallory@contoso.com"], []]],
    );
    const rendered = renderDriftMarkdown(report) + renderDriftText(report);
    assert.ok(!rendered.includes("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c15"), "a member's Entra object id is never shown");
  });

  it("skips objects the engine lists whose outputs did not change (no detailedDiff needed)", () => {
    const digest = praDrift();
    const alice = digest.steps.find((s) => s.op === "update" && s.oldState?.outputs?.userName === "alice@contoso.com");
    assert.ok(alice && alice.detailedDiff === undefined, "the fixture lists alice unchanged, without detailedDiff");
    const report = buildDriftReport(digest, noChanges());
    assert.ok(!report.handChanges.some((c) => c.name === "alice@contoso.com"));
  });

  it("classifies the real CLI's refresh steps (op refresh, no newState when gone) the same way", () => {
    const report = buildDriftReport(asRefreshOps(praDrift()), noChanges());
    assert.deepEqual(summary(report.handChanges), HAND_CHANGES);
  });

  it("counts only the refresh steps of a `preview --refresh` digest as hand changes", () => {
    const refreshed = asRefreshOps(praDrift());
    const planned = directoryChange().steps.filter((s) => s.op !== "same");
    const combined: Digest = { ...refreshed, steps: [...refreshed.steps, ...planned] };
    assert.deepEqual(summary(buildDriftReport(combined, noChanges()).handChanges), HAND_CHANGES);
  });

  it("ignores a changed serialized provider, and reports a changed secret as [secret]", () => {
    const type = "pulumi-nodejs:dynamic/privx:Host";
    const urn = "urn:pulumi:prod::pam-reconciler::pulumi-nodejs:dynamic/privx:Host::db-01";
    const state = (provider: string, outputs: Record<string, unknown>) => ({ urn, type, id: "h-1", outputs: { ...outputs, __provider: provider } });
    const refresh = toDigest({
      steps: [
        {
          op: "refresh",
          urn,
          oldState: state("old stub", { commonName: "db-01", userMessage: "[secret]" }),
          newState: state("new stub", { commonName: "db-01", userMessage: "[secret]" }),
          detailedDiff: { userMessage: { kind: "update" } },
        },
      ],
    });
    const report = buildDriftReport(refresh, noChanges());
    assert.deepEqual(report.handChanges[0].differences, [{ path: "userMessage", before: "[secret]", after: "[secret]" }]);
    const providerOnly = toDigest({
      steps: [{ op: "refresh", urn, oldState: state("old stub", { commonName: "db-01" }), newState: state("new stub", { commonName: "db-01" }) }],
    });
    assert.equal(buildDriftReport(providerOnly, noChanges()).drifted, false);
  });

  it("says when a dry run failed, since drift may then be missing", () => {
    const failed: Digest = { steps: [], diagnostics: [{ severity: "error", message: "PRA: 401 Unauthorized" }] };
    const report = buildDriftReport(failed, noChanges());
    assert.equal(report.drifted, false);
    assert.deepEqual(report.errors, ["PRA: 401 Unauthorized"]);
    assert.match(renderDriftMarkdown(report), /\[!WARNING\]/);
  });
});

describe("drift report golden files", () => {
  it("both kinds of drift: Markdown issue body and text", () => {
    const report = buildDriftReport(praDrift(), directoryChange());
    assertGolden("drift-both.md", renderDriftMarkdown(report));
    assertGolden("drift-both.txt", renderDriftText(report));
  });

  it("no drift: Markdown and text", () => {
    const report = buildDriftReport(clean(), noChanges());
    assertGolden("drift-none.md", renderDriftMarkdown(report));
    assertGolden("drift-none.txt", renderDriftText(report));
  });
});
