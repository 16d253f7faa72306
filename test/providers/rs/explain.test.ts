// explain for Remote Support: the group policies a person reaches through their groups, with
// the SAML group that brings them in; no account is made by the reconciler. And the mapping
// rules RS alone has: SAML group names by object id or display name, members that must be groups.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GraphEmulator } from "../../../bench/emulators/graph";
import { explainPerson } from "../../../program/explain";
import { renderExplanation } from "../../../report/explain-render";
import { demoConfig, ids, startDemoGraph } from "../../sources/entra/demo";

const projectDir = path.resolve(__dirname, "..", "..", "..", "..");
const demoRs = fs.readFileSync(path.join(projectDir, "test/providers/rs/remote-support.mappings.yaml"), "utf8");

describe("Remote Support in explain and the mappings", () => {
  let em: GraphEmulator;
  let dir: string;
  const explainOf = async (person: string, text = demoRs) => {
    fs.writeFileSync(path.join(dir, "rs.yaml"), text);
    const get = demoConfig(em, { mappings: path.join(dir, "rs.yaml"), now: "2026-06-01T00:00:00Z" });
    return explainPerson({ person, stack: "test", projectDir, get, machineNow: () => assert.fail("explain read the machine's clock") });
  };

  before(async () => {
    em = await startDemoGraph();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "explain-rs-"));
  });
  after(async () => {
    await em.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a nested member reaches the escalation policy through its SAML group (the object id), with its permissions and jump groups", async () => {
    const e = await explainOf("alice@contoso.com");
    const rs = e.targets.find((t) => t.target === "rs")!;
    assert.equal(rs.title, "Remote Support");
    assert.equal(rs.account?.state, "active");
    assert.match(rs.account.reason!, /first SAML login/);
    const policies = rs.grants.filter((g) => g.kind === "group policy").map((g) => g.name);
    assert.deepEqual(policies, ["Help Desk Escalation"]);
    assert.deepEqual(
      rs.grants.filter((g) => g.kind === "SAML group").map((g) => g.name),
      ["ac37f319-bfb3-4247-ade8-a06b9ab8ea2d"],
    );
    assert.ok(rs.grants.some((g) => g.kind === "jump group" && g.name === "Branch PCs" && g.detail === "jump item role Administrator"));
    const text = renderExplanation(e);
    assert.match(text, /Help Desk Escalation/);
    assert.match(text, /PRA Linux Admins → Platform SRE → alice@contoso\.com/);
  });

  test("someone in no mapped group reaches no RS policy", async () => {
    const e = await explainOf("frank@contoso.com");
    assert.equal(e.targets.find((t) => t.target === "rs")?.account ?? null, null);
  });

  test("samlGroupName: displayName names the members by the groups' display names", async () => {
    const e = await explainOf("bob@contoso.com", demoRs.replace("samlGroupName: objectId", "samlGroupName: displayName"));
    const rs = e.targets.find((t) => t.target === "rs")!;
    assert.deepEqual(
      rs.grants.filter((g) => g.kind === "SAML group").map((g) => g.name),
      ["PRA Windows Operators"],
    );
    assert.equal(e.person?.id, ids.bob);
  });

  test("an application or a direct grant as a member is refused, naming file and line", async () => {
    const text = demoRs.replace("members: [help-desk]", "members: [help-desk, { user: bob@contoso.com }]");
    await assert.rejects(explainOf("bob@contoso.com", text), /rs\.yaml:\d+.*SAML groups: a direct grant/s);
  });
});
