// explain against the Graph emulator and the demo tenant: the person's sources with nesting
// paths, the rules that grant each access, settings several policies define, and why an
// account is disabled, protected or a guest's.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GraphEmulator } from "../../bench/emulators/graph";
import { explainPerson } from "../../program/explain";
import type { Explanation } from "../../report/explain";
import { renderExplanation } from "../../report/explain-render";
import { demoConfig, graphRequests, ids, startDemoGraph } from "../sources/entra/demo";

const projectDir = path.resolve(__dirname, "..", "..", "..");
const demoAccess = fs.readFileSync(path.join(projectDir, "stacks/demo/mappings/access.yaml"), "utf8");
const demoHosts = path.join(projectDir, "stacks/demo/mappings/hosts.yaml");

/** The demo's mappings plus a break-glass role (a protected account in a mapped source) and a second policy for Linux admins that sets a permission final. */
const extraFile = `groups:
  break-glass: { displayName: Break Glass }
pra:
  groupPolicies:
    - name: SRE Session Limits
      members: [linux-admins, { user: ivan@contoso.com, until: 2026-12-31 }]
      permissions:
        access_perm_status: final
        perm_session_idle_timeout: 3600
privx:
  roles:
    - name: emergency
      members: [break-glass]
`;

describe("explain", () => {
  let em: GraphEmulator;
  let dir: string;
  const explainOf = async (person: string, overrides: Record<string, string> = {}, lastRun?: () => unknown): Promise<Explanation> => {
    const get = demoConfig(em, {
      mappings: `${path.join(dir, "access.yaml")},${path.join(dir, "extra.yaml")},${demoHosts}`,
      now: "2026-06-01T00:00:00Z",
      ...overrides,
    });
    return explainPerson({ person, stack: "test", projectDir, get, machineNow: () => assert.fail("explain read the machine's clock"), lastRun });
  };

  before(async () => {
    em = await startDemoGraph();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "explain-"));
    fs.writeFileSync(path.join(dir, "access.yaml"), demoAccess);
    fs.writeFileSync(path.join(dir, "extra.yaml"), extraFile);
  });
  after(async () => {
    await em.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a nested member: the path through the nested group, the rule at file:line, both sources of a setting and which is final", async () => {
    const e = await explainOf("alice@contoso.com");
    assert.equal(e.person?.id, ids.alice);
    const linux = e.sources.find((s) => s.source === "linux-admins");
    assert.deepEqual(linux?.paths, ["PRA Linux Admins → Platform SRE → alice@contoso.com"]);
    const pra = e.targets.find((t) => t.target === "pra");
    assert.equal(pra?.account?.state, "active");
    assert.equal(pra?.account?.name, "alice@contoso.com");
    const policy = pra?.grants.find((g) => g.kind === "group policy" && g.name === "Linux Administrators");
    assert.equal(policy?.via, "linux-admins");
    const line = demoAccess.split("\n").findIndex((l) => l.includes("- name: Linux Administrators")) + 1;
    assert.equal(policy?.at, `${path.join(dir, "access.yaml")}:${line}`);
    assert.ok(pra?.grants.some((g) => g.kind === "jump group" && g.name === "Linux Servers" && g.detail?.includes("Administrator")));
    const timeout = pra?.settings.find((s) => s.name === "perm_session_idle_timeout");
    assert.deepEqual(
      timeout?.sources.map((s) => [s.rule, s.value, s.final]),
      [
        ['group policy "Linux Administrators"', 1800, false],
        ['group policy "SRE Session Limits"', 3600, true],
      ],
    );
    const privx = e.targets.find((t) => t.target === "privx");
    assert.ok(privx?.grants.some((g) => g.kind === "role" && g.name === "developers"));
    assert.ok(privx?.grants.some((g) => g.kind === "host principal" && g.name === "contoso-web-01" && g.detail?.startsWith("own account")));
    assert.match(renderExplanation(e), /PRA Linux Admins → Platform SRE → alice@contoso\.com/);
  });

  test("the same person by object id; the path costs reads of only the groups on it", async () => {
    const before = graphRequests(em).length;
    const e = await explainOf(ids.alice);
    assert.equal(e.person?.userPrincipalName, "alice@contoso.com");
    const memberReads = graphRequests(em)
      .slice(before)
      .filter((r) => r.path.endsWith("/members"))
      .map((r) => r.path.split("/")[3]);
    assert.deepEqual(memberReads.sort(), [ids.linuxAdmins, ids.platformSre, ids.privxDevelopers].sort());
  });

  test("a disabled account is kept inactive, and says so", async () => {
    const e = await explainOf("carol@contoso.com");
    assert.equal(e.person?.accountEnabled, false);
    const pra = e.targets.find((t) => t.target === "pra");
    assert.equal(pra?.account?.state, "disabled");
    assert.ok(pra?.grants.some((g) => g.name === "Linux Administrators"));
  });

  test("a protected account is held hands-off and gets no grant", async () => {
    const e = await explainOf("breakglass@contoso.com");
    const privx = e.targets.find((t) => t.target === "privx");
    assert.equal(privx?.account?.state, "protected");
    assert.equal(e.targets.find((t) => t.target === "pra")?.account, null);
  });

  test("a guest is marked as one (userType Guest, #EXT# UPN)", async () => {
    const e = await explainOf("erin_fabrikam.com#EXT#@contoso.onmicrosoft.com");
    assert.equal(e.person?.guest, true);
    assert.equal(e.person?.userType, "Guest");
    assert.ok(e.targets.find((t) => t.target === "pra")?.grants.some((g) => g.name === "Vendor Access"));
    assert.equal(e.targets.find((t) => t.target === "privx")?.account, null);
  });

  test("loses: what the stack's last recorded access gave the person that the next run takes away, and why", async () => {
    const erin = "erin_fabrikam.com#EXT#@contoso.onmicrosoft.com";
    const record = {
      version: 1,
      targets: {
        pra: {
          accounts: { [ids.erin]: erin, [ids.alice]: "alice@contoso.com" },
          grants: { "group policy Vendor Access": [ids.erin], "group policy Linux Administrators": [ids.alice] },
        },
        privx: { accounts: {}, grants: { "role db-admins": [ids.erin] } },
      },
      sources: {},
    };
    const after = await explainOf(erin, { now: "2026-07-16T00:00:00Z" }, () => record);
    const line = demoAccess.split("\n").findIndex((l) => l.includes("- name: Vendor Access")) + 1;
    assert.deepEqual(after.loses, {
      known: true,
      note: null,
      items: [
        { target: "pra", title: "PRA", what: "account", reason: "every grant has expired (until)" },
        {
          target: "pra",
          title: "PRA",
          what: "group policy Vendor Access",
          reason: `expired (until 2026-07-15, group policy "Vendor Access" at ${path.join(dir, "access.yaml")}:${line})`,
        },
        { target: "privx", title: "PrivX", what: "role db-admins", reason: "the mappings or the member sources no longer grant it" },
      ],
    });
    assert.match(
      renderExplanation(after),
      /Loses on the next run \(against the stack's last recorded access\):\n {2}PRA: the account \(deactivated or deleted\) — every grant has expired/,
    );
    assert.deepEqual(
      (await explainOf(erin, {}, () => record)).loses?.items.map((x) => x.what),
      ["role db-admins"],
      "before the date only what the mappings no longer give is lost",
    );
    assert.deepEqual((await explainOf("alice@contoso.com", {}, () => record)).loses?.items, [], "alice keeps what she had");
  });

  test("loses is unknown, saying why, when the last run cannot be read or recorded nothing", async () => {
    const unreadable = await explainOf("alice@contoso.com", {}, () => {
      throw new Error("no stack named 'test' found");
    });
    assert.deepEqual(unreadable.loses, { known: false, note: "the stack's last run cannot be read: no stack named 'test' found", items: [] });
    assert.match(
      renderExplanation(unreadable),
      /Loses on the next run \(against the stack's last recorded access\): unknown, the stack's last run cannot be read/,
    );
    assert.equal((await explainOf("alice@contoso.com", {}, () => ({}))).loses?.note, "the stack has no accessRecord output yet (no successful run)");
    assert.equal((await explainOf("alice@contoso.com")).loses, undefined, "not asked: nothing said");
  });

  test("a direct grant: the person is the source, written at file:line, with their own PRA SCIM group and the expiry", async () => {
    const e = await explainOf("ivan@contoso.com");
    const direct = e.sources.find((s) => s.kind === "direct");
    assert.deepEqual(direct, {
      source: "ivan@contoso.com",
      kind: "direct",
      at: `${path.join(dir, "extra.yaml")}:6`,
      paths: ["granted to ivan@contoso.com directly (no group)"],
    });
    const grants = e.targets.find((t) => t.target === "pra")?.grants.filter((g) => g.via === "ivan@contoso.com");
    assert.deepEqual(
      grants?.filter((g) => g.kind === "SCIM group").map((g) => [g.name, g.until, g.expired]),
      [["pam-direct SRE Session Limits ivan@contoso.com", "2026-12-31", false]],
    );
    assert.match(renderExplanation(e), /group policy "SRE Session Limits" at \S+extra\.yaml:5 ← ivan@contoso\.com, until 2026-12-31/);
  });

  test("someone the directory no longer has loses what the last run gave them, found in the record by username", async () => {
    const record = {
      version: 1,
      targets: { pra: { accounts: { "gone-id": "nobody@contoso.com" }, grants: { "group policy Linux Administrators": ["gone-id"] } } },
      sources: {},
    };
    const e = await explainOf("nobody@contoso.com", {}, () => record);
    assert.equal(e.person, null);
    assert.deepEqual(
      e.loses?.items.map((x) => [x.what, x.reason]),
      [
        ["account", "the directory no longer has this person"],
        ["group policy Linux Administrators", "the directory no longer has this person"],
      ],
    );
    assert.match(renderExplanation(e), /no such user[^]*Loses on the next run[^]*PRA: group policy Linux Administrators/);
  });

  test("someone the directory does not know", async () => {
    const e = await explainOf("nobody@contoso.com");
    assert.equal(e.person, null);
  });
});
