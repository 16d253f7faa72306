// The access register against the Graph emulator and the demo tenant, with mappings committed to
// a Git repository: one row per person × target × grant with why, since when and who approved
// it, for nested, direct, temporary, guest, protected and role-locked grants in every target.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GraphEmulator } from "../../bench/emulators/graph";
import { gitHistoryLookup } from "../../program/git-history";
import { registerOfStack } from "../../program/register";
import { registerCsv, type Register, type RegisterRow } from "../../report/register";
import { demoConfig, ids, startDemoGraph } from "../sources/entra/demo";

const projectDir = path.resolve(__dirname, "..", "..", "..");
const demoAccess = fs.readFileSync(path.join(projectDir, "stacks/demo/mappings/access.yaml"), "utf8");
const demoHosts = fs.readFileSync(path.join(projectDir, "stacks/demo/mappings/hosts.yaml"), "utf8");
/** The demo's role mappings one precedence lower, so the added Auditor mappings (precedence 1) win. */
const demoAccessShifted = demoAccess.replace(/precedence: (\d)/g, (_, p: string) => `precedence: ${Number(p) + 1}`);
const targets = ["pra", "privx", "scim", "pam360", "passwordsafe"];

/**
 * Added by a later, squash-merged pull request: in every target a rule for the nested Linux
 * admins (alice: PRA Linux Admins → Platform SRE), the vendors (erin, a guest), the break-glass
 * group (a protected account) and a direct, temporary grant to ivan.
 */
const members = "[linux-admins, vendors, break-glass, { user: ivan@contoso.com, until: 2026-06-05 }]";
const extraFile = `groups:
  break-glass: { displayName: Break Glass }
pra:
  groupPolicies:
    - name: Incident Access
      members: ${members}
      permissions:
        perm_session_idle_timeout: 3600
privx:
  roles:
    - name: on-call
      members: ${members}
scim:
  roles:
    - role: Auditor
      precedence: 1
      members: ${members}
pam360:
  roles:
    - role: Auditor
      precedence: 1
      members: ${members}
passwordsafe:
  roles:
    - role: Auditor
      precedence: 1
      members: ${members}
`;

export const git = (dir: string, ...args: string[]) =>
  execFileSync("git", ["-C", dir, "-c", "user.name=Alex Admin", "-c", "user.email=alex@contoso.com", "-c", "commit.gpgsign=false", ...args], {
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_DATE: "2026-03-02T10:00:00Z", GIT_COMMITTER_DATE: "2026-03-02T10:00:00Z" },
  });

/** The demo mappings committed (the first commit) and a second file by a squash-merged pull request. */
export function mappingRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "register-"));
  git(dir, "init", "-q", "-b", "main");
  fs.writeFileSync(path.join(dir, "access.yaml"), demoAccessShifted);
  fs.writeFileSync(path.join(dir, "hosts.yaml"), demoHosts);
  git(dir, "add", ".");
  execFileSync(
    "git",
    ["-C", dir, "-c", "user.name=Dana Demo", "-c", "user.email=dana@contoso.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "Demo mappings"],
    {
      env: { ...process.env, GIT_AUTHOR_DATE: "2026-01-10T09:00:00Z", GIT_COMMITTER_DATE: "2026-01-10T09:00:00Z" },
    },
  );
  fs.writeFileSync(path.join(dir, "extra.yaml"), extraFile);
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "On-call access for ivan (#42)");
  return dir;
}

describe("register", () => {
  let em: GraphEmulator;
  let dir: string;
  let register: Register;
  const rowsOf = (upn: string, target?: string): RegisterRow[] => register.rows.filter((r) => r.userPrincipalName === upn && (!target || r.target === target));
  const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

  before(async () => {
    em = await startDemoGraph();
    dir = mappingRepo();
    const files = ["access.yaml", "extra.yaml", "hosts.yaml"].map((f) => path.join(dir, f)).join(",");
    const get = demoConfig(em, { mappings: files, now: "2026-06-01T00:00:00Z" });
    const record = {
      version: 1,
      targets: { pra: { accounts: { [ids.alice]: "alice@contoso.com" }, grants: { "group policy Linux Administrators": [ids.alice] } } },
      sources: {},
    };
    register = await registerOfStack({
      stack: "test",
      projectDir,
      get,
      machineNow: () => assert.fail("the register read the machine's clock"),
      lastRun: () => record,
    });
  });
  after(async () => {
    await em.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const one = (upn: string, target: string, kind: string, name: string): RegisterRow => {
    const found = rowsOf(upn, target).filter((r) => r.kind === kind && r.name === name);
    assert.equal(found.length, 1, `one row for ${upn} ${target} ${kind} ${name}: ${found.length}`);
    return found[0];
  };
  const granted = (target: string) => (target === "pra" ? ["group policy", "Incident Access"] : target === "privx" ? ["role", "on-call"] : ["role", "Auditor"]);

  test("a nested member in every target: the path through the nested group, the rule at file:line, introduced and approved by the pull request's commit", () => {
    for (const target of targets) {
      const [kind, name] = granted(target);
      const row = one("alice@contoso.com", target, kind, name);
      assert.equal(row.objectId, ids.alice);
      assert.equal(row.enabled, true);
      assert.equal(row.guest, false);
      assert.equal(row.via, "linux-admins");
      assert.deepEqual(row.paths, ["PRA Linux Admins → Platform SRE → alice@contoso.com"]);
      assert.deepEqual(row.groups, ["PRA Linux Admins", "Platform SRE"]);
      const lines = extraFile.split("\n");
      const section = lines.indexOf(`${target}:`);
      const rule = lines.findIndex((l, i) => i > section && /- (name|role): /.test(l)) + 1;
      const [file, line] = [row.ruleAt.slice(0, row.ruleAt.lastIndexOf(":")), Number(row.ruleAt.slice(row.ruleAt.lastIndexOf(":") + 1))];
      assert.equal(file, path.join(dir, "extra.yaml"));
      assert.ok(line >= rule && line <= rule + 2, `${target}: the rule written at line ${rule}, read at ${line}`);
      assert.equal(row.since, "2026-03-02T10:00:00Z".replace("Z", "+00:00"));
      assert.equal(row.sinceHow, "git");
      assert.equal(row.approvedBy?.pullRequest, "#42");
      assert.equal(row.approvedBy?.author, "Alex Admin");
      assert.equal(row.approvedBy?.subject, "On-call access for ivan (#42)");
      assert.equal(row.accountState, "active");
      assert.equal(row.until, null);
    }
  });

  test("the demo's own rule: introduced by the first commit, applied by the last run (its record), no pull request named", () => {
    const row = one("alice@contoso.com", "pra", "group policy", "Linux Administrators");
    assert.equal(row.ruleAt, `${path.join(dir, "access.yaml")}:${lineOf(demoAccess, "- name: Linux Administrators")}`);
    assert.equal(row.introducedBy?.author, "Dana Demo");
    assert.equal(row.since, "2026-01-10T09:00:00+00:00");
    assert.equal(row.approvedBy?.pullRequest, null);
    assert.equal(row.applied, true);
    assert.equal(
      one("alice@contoso.com", "pra", "group policy", "Incident Access").applied,
      false,
      "the record lists group policies, and not this one for alice",
    );
    assert.ok(rowsOf("alice@contoso.com", "pra").some((r) => r.kind === "permission" && r.name === "perm_session_idle_timeout" && r.value === 3600));
  });

  test("a direct, temporary grant in every target: the person is the source, with the expiry and the days left by the fixed clock", () => {
    for (const target of targets) {
      const [kind, name] = granted(target);
      const row = one("ivan@contoso.com", target, kind, name);
      assert.equal(row.via, "ivan@contoso.com");
      assert.equal(row.viaKind, "direct");
      assert.deepEqual(row.paths, ["granted to ivan@contoso.com directly (no group)"]);
      assert.deepEqual(row.groups, []);
      assert.equal(row.until, "2026-06-05");
      assert.equal(row.expired, false);
      assert.equal(row.expiresInDays, 5, "2026-06-05 holds through the end of that day (UTC); the clock says 2026-06-01T00:00Z");
    }
  });

  test("a guest in every target: marked as one", () => {
    for (const target of targets) {
      const [kind, name] = granted(target);
      const row = one("erin_fabrikam.com#EXT#@contoso.onmicrosoft.com", target, kind, name);
      assert.equal(row.guest, true);
      assert.equal(row.via, "vendors");
    }
    assert.equal(one("erin_fabrikam.com#EXT#@contoso.onmicrosoft.com", "pra", "group policy", "Vendor Access").until, "2026-07-15");
  });

  test("a protected account in every target: listed with its state and why, never changed", () => {
    for (const target of targets) {
      const [kind, name] = granted(target);
      const row = one("breakglass@contoso.com", target, kind, name);
      assert.equal(row.accountState, "protected");
      assert.match(row.accountReason ?? "", /protected account: held hands-off/);
    }
  });

  test("a role-locked user in every target that locks roles: the product keeps their role", () => {
    for (const target of ["scim", "pam360", "passwordsafe"]) {
      const rows = rowsOf("grace@contoso.com", target);
      assert.ok(rows.length > 0 && rows.every((r) => r.roleLocked), target);
    }
    assert.ok(rowsOf("alice@contoso.com").every((r) => !r.roleLocked));
  });

  test("every row is a person × target × grant, and the CSV has one line per row, formula-safe", () => {
    assert.equal(register.now, "2026-06-01T00:00:00.000Z");
    const csv = registerCsv(register).trimEnd().split("\r\n");
    assert.equal(csv.length, register.rows.length + 1);
    assert.match(csv[0], /^userPrincipalName,objectId,displayName,enabled,guest,target,/);
    assert.ok(csv.some((l) => l.includes("PRA Linux Admins → Platform SRE → alice@contoso.com")));
    assert.ok(
      csv.every((l) => !/,[=+@-]/.test(l.replace(/,-?\d+(?=,|$)/g, ","))),
      "no cell starts a formula",
    );
  });

  test("a mapping file with uncommitted changes: since and approval are unknown, and say why", async () => {
    fs.appendFileSync(path.join(dir, "extra.yaml"), "# an edit not yet committed\n");
    try {
      const files = ["access.yaml", "extra.yaml", "hosts.yaml"].map((f) => path.join(dir, f)).join(",");
      const again = await registerOfStack({ stack: "test", projectDir, get: demoConfig(em, { mappings: files, now: "2026-06-01T00:00:00Z" }) });
      const row = again.rows.find((r) => r.userPrincipalName === "ivan@contoso.com" && r.target === "privx" && r.name === "on-call");
      assert.equal(row?.since, null);
      assert.equal(row?.approvedBy, null);
      assert.equal(row?.sinceHow, "the file has uncommitted changes: its lines are not yet approved");
      assert.equal(row?.applied, null, "the last run was not read");
    } finally {
      git(dir, "checkout", "--", "extra.yaml");
    }
  });
});

test("the pull request the pipeline passes is cited for lines the checked-out commit changed, and only for those", () => {
  const dir = mappingRepo();
  try {
    fs.appendFileSync(path.join(dir, "hosts.yaml"), "# tidied\n");
    git(dir, "commit", "-q", "-am", "Tidy hosts");
    const lookup = gitHistoryLookup({ pullRequest: "https://github.com/contoso/access/pull/7" });
    const tidied = lookup(path.join(dir, "hosts.yaml"), demoHosts.split("\n").length);
    assert.ok("introduced" in tidied);
    assert.equal(tidied.lastChanged.subject, "Tidy hosts");
    assert.equal(tidied.lastChanged.pullRequest, "https://github.com/contoso/access/pull/7");
    const older = lookup(path.join(dir, "access.yaml"), lineOfText(demoAccess, "- name: Linux Administrators"));
    assert.ok("introduced" in older);
    assert.equal(older.lastChanged.subject, "Demo mappings");
    assert.equal(older.lastChanged.pullRequest, null);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const lineOfText = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
