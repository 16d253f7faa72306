import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import {
  type AccessReport,
  type GroupPolicyChange,
  type HostChange,
  type ObjectChange,
  type ScimGroupChange,
  buildAccessReport,
  renderMarkdown,
  renderText,
} from "../../report/access-report";
import { type Digest, type DigestStep, toDigest } from "../../report/digest";
import { assertGolden, fixturePath, loadFixture } from "./golden";

const PROTECTED = ["breakglass@contoso.com"];

function reportOf(fixture: string, maxRemovals = 10, protectedUserNames = PROTECTED): AccessReport {
  return buildAccessReport(loadFixture(fixture), { maxRemovals, protectedUserNames });
}

function objectNamed<K extends ObjectChange["kind"]>(report: AccessReport, target: string, kind: K, name: string) {
  const found = report.targets.find((t) => t.target === target)?.objects.find((o) => o.kind === kind && o.name === name);
  assert.ok(found, `${target} ${kind} ${name} is in the report`);
  return found as Extract<ObjectChange, { kind: K }>;
}

const accountsOf = (report: AccessReport, target: string) => {
  const t = report.targets.find((x) => x.target === target);
  assert.ok(t, `${target} is in the report`);
  return t.accounts;
};

/** Entra object ids of every user and group in a fixture: the URN names of their resources. */
function entraIdsIn(fixture: string): string[] {
  const ids = new Set<string>();
  for (const step of loadFixture(fixture).steps) {
    if (/dynamic\/(pra|privx):(ScimUser|ScimGroup)::/.test(step.urn)) ids.add(step.urn.split("::").pop()!);
  }
  return [...ids];
}

describe("access report golden files", () => {
  const cases: [string, string, number, string[]][] = [
    ["demo-v2 (joins, leaves, deactivation, rename)", "preview-demo-v2", 10, PROTECTED],
    ["policies, roles and hosts", "preview-policies-hosts", 10, PROTECTED],
    ["mass removal with a protected account", "preview-mass-removal", 3, ["BreakGlass@Contoso.com"]],
    ["no changes", "preview-no-changes", 10, PROTECTED],
  ];
  for (const [title, fixture, maxRemovals, protectedUserNames] of cases) {
    it(`${title}: Markdown and text match the golden files`, () => {
      const report = reportOf(`${fixture}.json`, maxRemovals, protectedUserNames);
      assertGolden(`access-${fixture}.md`, renderMarkdown(report));
      assertGolden(`access-${fixture}.txt`, renderText(report));
    });
  }
});

describe("buildAccessReport: people", () => {
  it("reads joins from the members maps even when the step has no detailedDiff", () => {
    const step = loadFixture("preview-demo-v2.json").steps.find((s) => s.newState?.inputs?.displayName === "PRA Linux Admins");
    assert.equal(step?.detailedDiff, undefined, "the fixture step carries no detailedDiff");
    const group = objectNamed(reportOf("preview-demo-v2.json"), "PRA", "scimGroup", "PRA Linux Admins");
    assert.deepEqual(group.members, { added: ["heidi@contoso.com"], removed: [], renamed: [] });
  });

  it("shows a UPN change as a rename, not as a leave plus a join", () => {
    const report = reportOf("preview-demo-v2.json");
    const group = objectNamed(report, "PRA", "scimGroup", "PRA Windows Operators");
    assert.deepEqual(group.members, {
      added: [],
      removed: ["dave@contoso.com"],
      renamed: [{ from: "bob@contoso.com", to: "robert@contoso.com" }],
    });
    assert.deepEqual(accountsOf(report, "PRA").renamed, [{ from: "bob@contoso.com", to: "robert@contoso.com" }]);
    assert.equal(report.totals.joined, 1);
    assert.equal(report.totals.left, 1);
  });

  it("counts removal from the mappings under onRemove deactivate, and a disabled account, as deactivations", () => {
    const report = reportOf("preview-demo-v2.json");
    assert.deepEqual(accountsOf(report, "PRA").deactivated, ["dave@contoso.com"]);
    assert.deepEqual(accountsOf(report, "PrivX").deactivated, ["frank@contoso.com"]);
    assert.deepEqual(accountsOf(report, "PRA").created, [{ userName: "heidi@contoso.com", active: true }]);
    assert.equal(report.totals.removals, 2);
  });

  it("counts removal under onRemove delete as a deletion, and active false → true as a reactivation", () => {
    const report = reportOf("preview-policies-hosts.json");
    assert.deepEqual(accountsOf(report, "PRA").deleted, ["mallory.old@contoso.com"]);
    assert.deepEqual(accountsOf(report, "PRA").reactivated, ["carol@contoso.com"]);
    assert.equal(report.totals.removals, 1);
  });

  it("does not count an already inactive account that leaves the mappings as a removal", () => {
    const report = reportOf("preview-mass-removal.json", 10);
    assert.ok(!accountsOf(report, "PRA").deactivated.includes("carol@contoso.com"));
    assert.ok(objectNamed(report, "PRA", "scimGroup", "PRA Linux Admins").members.removed.includes("carol@contoso.com"));
  });

  it("turns PrivX role sets into per-role joins and leaves", () => {
    const report = reportOf("preview-policies-hosts.json");
    assert.deepEqual(objectNamed(report, "PrivX", "role", "developers").members.removed, ["grace@contoso.com"]);
    assert.deepEqual(objectNamed(report, "PrivX", "role", "release-managers").members.added, ["grace@contoso.com"]);
    assert.deepEqual(objectNamed(report, "PrivX", "role", "database-admins").members.added, ["alice@contoso.com"]);
  });

  it("removes a deleted PrivX user from every role it held", () => {
    const report = reportOf("preview-mass-removal.json");
    assert.deepEqual(objectNamed(report, "PrivX", "role", "developers").members.removed, ["grace@contoso.com"]);
    assert.deepEqual(objectNamed(report, "PrivX", "role", "database-admins").members.removed, ["grace@contoso.com"]);
    assert.deepEqual(accountsOf(report, "PrivX").deleted, ["grace@contoso.com"]);
  });

  it("never shows an Entra object id", () => {
    for (const fixture of ["preview-demo-v2.json", "preview-policies-hosts.json", "preview-mass-removal.json"]) {
      const report = reportOf(fixture);
      const rendered = renderMarkdown(report) + renderText(report);
      const ids = entraIdsIn(fixture);
      assert.ok(ids.length > 0);
      for (const id of ids) assert.ok(!rendered.includes(id), `${fixture}: ${id} appears in the report`);
    }
  });
});

describe("buildAccessReport: group policies and hosts", () => {
  it("lists a permission flip field by field, old → new", () => {
    const policy: GroupPolicyChange = objectNamed(reportOf("preview-policies-hosts.json"), "PRA", "groupPolicy", "Linux Admins");
    assert.equal(policy.lifecycle, "updated");
    assert.deepEqual(
      policy.permissions.map((p) => [p.path, p.before, p.after]),
      [
        ["perm_session_idle_timeout", "900", "1800"],
        ["perm_share_other_team", "false", "true"],
      ],
    );
    assert.deepEqual(policy.memberGroups, { added: ["PRA Vendors"], removed: [] });
  });

  it("lists jump groups added, removed and changed with their role and policy", () => {
    const policy = objectNamed(reportOf("preview-policies-hosts.json"), "PRA", "groupPolicy", "Linux Admins");
    assert.deepEqual(policy.jumpGroups, [
      { jumpGroup: "Database Servers", change: "added", after: { jumpItemRole: "Start Sessions Only", jumpPolicy: "Business Hours" } },
      { jumpGroup: "Legacy Unix", change: "removed", before: { jumpItemRole: "default", jumpPolicy: "default" } },
      {
        jumpGroup: "Linux Servers",
        change: "changed",
        before: { jumpItemRole: "Administrator", jumpPolicy: "default" },
        after: { jumpItemRole: "Read Only", jumpPolicy: "default" },
      },
    ]);
  });

  it("shows what a new policy grants, and what a removed one took away", () => {
    const report = reportOf("preview-policies-hosts.json");
    const created = objectNamed(report, "PRA", "groupPolicy", "Vendor Access");
    assert.equal(created.lifecycle, "created");
    assert.ok(created.permissions.some((p) => p.path === "perm_access_allowed" && p.after === "true"));
    assert.ok(!created.permissions.some((p) => p.path === "perm_invite_external_user"), "unset (null) fields are left out");
    const removed = objectNamed(report, "PRA", "groupPolicy", "Old Contractors");
    assert.equal(removed.lifecycle, "deleted");
    assert.deepEqual(removed.memberGroups.removed, ["PRA Contractors"]);
  });

  it("reports hosts added, changed (which attributes), replaced and removed", () => {
    const report = reportOf("preview-policies-hosts.json");
    const hosts = report.targets.find((t) => t.target === "PrivX")!.objects.filter((o): o is HostChange => o.kind === "host");
    assert.deepEqual(
      hosts.map((h) => [h.name, h.lifecycle]),
      [
        ["bastion-01.contoso.com", "replaced"],
        ["db-01.contoso.com", "updated"],
        ["legacy-01.contoso.com", "deleted"],
        ["web-02.contoso.com", "created"],
      ],
    );
    const db = hosts.find((h) => h.name === "db-01.contoso.com")!;
    assert.deepEqual(
      db.attributes.map((a) => a.path),
      ["sharedAccounts", "tags", "userMessage"],
    );
    assert.deepEqual(db.attributes.find((a) => a.path === "tags")?.added, ["pci"]);
    assert.deepEqual(
      { added: report.totals.hostsAdded, changed: report.totals.hostsChanged, removed: report.totals.hostsRemoved },
      { added: 1, changed: 2, removed: 1 },
    );
  });
});

describe("buildAccessReport: secrets and noise", () => {
  it("keeps secrets as [secret] in every output and never unwraps a stored secret", () => {
    const report = reportOf("preview-policies-hosts.json");
    const outputs = [renderMarkdown(report), renderText(report), JSON.stringify(report)];
    assert.ok(fs.readFileSync(fixturePath("preview-policies-hosts.json"), "utf8").includes("hunter2"), "the fixture holds the secret");
    for (const out of outputs) assert.ok(!out.includes("hunter2"), "the secret's value leaked");
    const db = objectNamed(report, "PrivX", "host", "db-01.contoso.com");
    assert.deepEqual(
      db.attributes.find((a) => a.path === "userMessage"),
      { path: "userMessage", before: "[secret]", after: "[secret]" },
    );
  });

  it("ignores same steps, Pulumi's own resources and updates of the serialized provider only", () => {
    const report = reportOf("preview-policies-hosts.json");
    const rendered = renderMarkdown(report) + renderText(report);
    assert.ok(!rendered.includes("ivan@contoso.com"), "a provider-only update is not an access change");
    assert.ok(!rendered.includes("__provider"));
    assert.ok(!rendered.includes("pulumi:pulumi:Stack"));
    const none = reportOf("preview-no-changes.json");
    assert.equal(none.hasChanges, false);
    assert.deepEqual(none.targets, []);
  });
});

describe("buildAccessReport: warnings", () => {
  it("warns when removals exceed the limit, and not when they equal it", () => {
    const over = reportOf("preview-mass-removal.json", 3);
    assert.equal(over.limitExceeded, true);
    const warning = over.warnings.find((w) => w.code === "REMOVALS_OVER_LIMIT");
    assert.ok(warning && warning.code === "REMOVALS_OVER_LIMIT");
    assert.equal(warning.removals, 4);
    assert.deepEqual(
      warning.accounts.map((a) => `${a.target} ${a.userName} ${a.how}`),
      ["PRA alice@contoso.com deactivated", "PRA breakglass@contoso.com deactivated", "PRA heidi@contoso.com deactivated", "PrivX grace@contoso.com deleted"],
    );
    const atLimit = reportOf("preview-mass-removal.json", 4);
    assert.equal(atLimit.limitExceeded, false);
    assert.ok(!atLimit.warnings.some((w) => w.code === "REMOVALS_OVER_LIMIT"));
    assert.match(renderMarkdown(over), /> \[!CAUTION\]\n> \*\*Safety limit exceeded/);
    assert.match(renderText(over), /^!! CAUTION: 4 accounts would be deactivated or deleted/m);
  });

  it("warns about every change to a protected account, matching userNames without regard to case", () => {
    const report = reportOf("preview-mass-removal.json", 10, ["BREAKGLASS@contoso.com"]);
    const warnings = report.warnings.filter((w) => w.code === "PROTECTED_ACCOUNT_CHANGE");
    assert.equal(warnings.length, 1);
    assert.deepEqual(warnings[0], {
      code: "PROTECTED_ACCOUNT_CHANGE",
      userName: "breakglass@contoso.com",
      changes: [
        { target: "PRA", what: "removed from SCIM group", object: "Break Glass" },
        { target: "PRA", what: "account deactivated (removed from the mappings)" },
      ],
    });
    assert.deepEqual(reportOf("preview-mass-removal.json", 10, ["nobody@contoso.com"]).warnings, []);
  });

  it("warns about a protected account under its old and its new name", () => {
    const report = reportOf("preview-demo-v2.json", 10, ["robert@contoso.com"]);
    const warning = report.warnings.find((w) => w.code === "PROTECTED_ACCOUNT_CHANGE");
    assert.ok(warning && warning.code === "PROTECTED_ACCOUNT_CHANGE");
    assert.ok(warning.changes.some((c) => c.what === "renamed" && c.object === "bob@contoso.com → robert@contoso.com"));
  });

  it("says when the preview failed: the report is then incomplete", () => {
    const digest: Digest = {
      ...loadFixture("preview-demo-v2.json"),
      diagnostics: [
        { severity: "error", message: "\u001b[31mgraph: 503 Service Unavailable\u001b[0m\n    at read (/x/read.ts:3:9)\n    at main (/x/main.ts:1:1)" },
      ],
    };
    const report = buildAccessReport(digest, { maxRemovals: 10 });
    assert.deepEqual(report.errors, ["graph: 503 Service Unavailable"]);
    assert.match(renderMarkdown(report), /> \[!WARNING\]\n> \*\*The preview reported errors/);
  });

  it("keeps every line of a program error (the cause is after the headline), without the SDK's wrapper, stack frames or inspected fields", () => {
    const message = [
      "Running program '/repo/dist/index.js' failed with an unhandled exception:",
      "EntraError: 2 directory references cannot be resolved:",
      '- No Entra ID group is named "PRA Vendorz".',
      '- 2 Entra ID groups are named "Ops".',
      "    at combineProblems (/repo/sources/entra/directory-objects.ts:119:10)",
      "    at main (/repo/program/main.ts:26:20) {",
      "  code: 'NOT_FOUND',",
      "}",
    ].join("\n");
    const report = buildAccessReport({ steps: [], diagnostics: [{ severity: "error", message }] }, { maxRemovals: 10 });
    assert.deepEqual(report.errors, [
      'EntraError: 2 directory references cannot be resolved:\n- No Entra ID group is named "PRA Vendorz".\n- 2 Entra ID groups are named "Ops".',
    ]);
    assert.match(renderMarkdown(report), /cannot be resolved:<br>- No Entra ID group is named "PRA Vendorz"\.<br>- 2 Entra ID groups/);
  });

  it("caps a very long error at 25 lines and counts the rest", () => {
    const message = [
      "The mapping files have 60000 problem(s):",
      ...Array.from({ length: 100 }, (_, i) => `  hosts.yaml:${i + 3}:7 privx.hosts[${i}].contactAddress: invalid`),
    ].join("\n");
    const [error] = buildAccessReport({ steps: [], diagnostics: [{ severity: "error", message }] }, { maxRemovals: 10 }).errors;
    assert.equal(error.split("\n").length, 26);
    assert.match(error, /… and 76 more line\(s\)$/);
  });
});

describe("buildAccessReport: shapes the digest may take", () => {
  const base = (steps: DigestStep[]): Digest => toDigest({ steps });
  const urn = (type: string, name: string) => `urn:pulumi:dev::pam-reconciler::pulumi-nodejs:dynamic/${type}::${name}`;

  it("lists changes of resource types it does not know, so nothing goes unseen", () => {
    const report = buildAccessReport(
      base([
        {
          op: "create",
          urn: urn("acme:ScimUser", "u1"),
          newState: { urn: urn("acme:ScimUser", "u1"), type: "pulumi-nodejs:dynamic/acme:ScimUser", inputs: { userName: "zoe@contoso.com" } },
        },
      ]),
      { maxRemovals: 10 },
    );
    assert.equal(report.stack, "dev");
    assert.equal(report.targets[0].target, "acme");
    assert.equal(report.targets[0].objects[0].kind, "other");
    assert.equal(report.totals.otherChanges, 1);
  });

  it("shows values known only after apply as such, and accepts members as a plain userName list", () => {
    const type = "pulumi-nodejs:dynamic/pra:ScimGroup";
    const report = buildAccessReport(
      base([
        {
          op: "update",
          urn: urn("pra:ScimGroup", "g1"),
          oldState: { urn: urn("pra:ScimGroup", "g1"), type, outputs: { displayName: "Ops", members: ["a@contoso.com"] } },
          newState: { urn: urn("pra:ScimGroup", "g1"), type, inputs: { displayName: "Ops", members: ["a@contoso.com", "b@contoso.com"] } },
        },
        {
          op: "create",
          urn: urn("privx:Host", "h1"),
          newState: {
            urn: urn("privx:Host", "h1"),
            type: "pulumi-nodejs:dynamic/privx:Host",
            inputs: { commonName: "h1", accessGroupId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
          },
        },
      ]),
      { maxRemovals: 10 },
    );
    assert.deepEqual((report.targets[0].objects[0] as ScimGroupChange).members.added, ["b@contoso.com"]);
    assert.match(renderText(report), /accessGroupId: \(known after apply\)/);
  });

  it("cuts long name lists in Markdown and says how many are left out", () => {
    const report = reportOf("preview-mass-removal.json");
    const md = renderMarkdown(report, { maxNamesPerList: 1 });
    assert.match(md, /- Removed \(3\): `alice@contoso.com` and 2 more/);
  });
});
