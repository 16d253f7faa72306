// An Okta stack (seed 003) through the offline engine: Okta groups and the Password Safe app's
// assignments → BeyondTrust Password Safe users with roles by group and groups with
// descriptions, with no proxy. First up, a no-change preview, a directory change (a joiner and a
// suspended leaver), a hand edit found by drift and undone, removal safety and the protected
// account; the private key never reaches state or output.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startOktaDemoEnvironment, type OktaDemoEnvironment } from "../../bench/demo/okta-environment";
import { oktaDemoOrg, oktaDemoOrgV2 } from "../../bench/demo/okta-org";
import { driftWorkflow, previewWorkflow, upWorkflow } from "../../workflows/commands";
import { EXIT } from "../../lib/exit-codes";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let env: OktaDemoEnvironment;
const log: string[] = [];
const output = () => log.join("");

/** Password Safe's users: userName → role values and active. */
function psUsers(): Map<string, { roles: string[]; active: unknown; externalId: unknown }> {
  return new Map(
    [...env.passwordsafe.state.users.values()].map((u) => [
      String(u.userName),
      { roles: ((u.roles as { value: string }[] | undefined) ?? []).map((r) => r.value), active: u.active, externalId: u.externalId },
    ]),
  );
}

function psGroup(name: string): { description: unknown; members: string[] } | undefined {
  const group = env.passwordsafe.state.groupNamed(name);
  if (!group) return undefined;
  const byId = new Map([...env.passwordsafe.state.users.values()].map((u) => [u.id, String(u.userName)]));
  return {
    description: group.description,
    members: ((group.members as { value: string }[] | undefined) ?? []).map((m) => byId.get(m.value) ?? m.value).sort(),
  };
}

const writesSince = (from: number) => env.passwordsafe.requests.slice(from).filter((r) => WRITES.has(r.method) && !/token$/.test(r.path));

before(async () => {
  env = await startOktaDemoEnvironment({
    projectDir: PROJECT_DIR,
    workDir: path.join(os.tmpdir(), `pam-okta-lifecycle-${process.pid}`),
    print: (t) => log.push(t),
    smallPages: true,
  });
});
after(() => env.close());

test("first preview and up: Okta's groups and app assignments become Password Safe users, roles and described groups", async () => {
  assert.equal(await previewWorkflow(env.runner, { ...env.options, diff: false }), 0, output());
  assert.equal(await upWorkflow(env.runner, env.options), 0, output());
  const users = psUsers();
  assert.deepEqual(users.get("ana.lopez@northwind.example")?.roles, ["Administrator"]);
  assert.deepEqual(users.get("ben.okafor@northwind.example")?.roles, ["Auditor"]);
  // A member of two groups gets the role of the higher precedence.
  assert.deepEqual(users.get("dan.kim@northwind.example")?.roles, ["Auditor"]);
  // PASSWORD_EXPIRED can still sign in: an active account.
  assert.equal(users.get("chloe.martin@northwind.example")?.active, true);
  // Assigned to the app directly, in no mapped group: the default role.
  assert.deepEqual(users.get("eve.novak@northwind.example")?.roles, ["Requester"]);
  assert.equal(users.get("ana.lopez@northwind.example")?.externalId, oktaDemoOrg().users[0].id, "the Okta user id is the externalId");
  assert.equal(users.has("farid.haddad@northwind.example"), false, "not assigned to the app");
  assert.deepEqual(users.get("breakglass@northwind.example")?.roles, ["Administrator"], "the protected account is left alone");
  assert.deepEqual(psGroup("PS Vault Admins"), { description: "Administer Password Safe vaults", members: ["ana.lopez@northwind.example"] });
  assert.equal(psGroup("PS Requesters")?.description, "People who request credentials from Password Safe", "the mapping's description where Okta has none");
  assert.ok(env.okta.tokensIssued >= 1, "read with a private_key_jwt access token");
});

test("a second preview finds nothing to change", async () => {
  const mark = env.passwordsafe.requests.length;
  const result = await env.runner.run("preview", { ...env.options, expectNoChanges: true });
  assert.equal(result.exitCode, 0, output());
  assert.deepEqual(writesSince(mark), []);
});

test("a directory change: a joiner gets the admin role, a suspended user is deactivated", async () => {
  env.okta.state.org = oktaDemoOrgV2();
  assert.equal(await upWorkflow(env.runner, env.options), 0, output());
  const users = psUsers();
  assert.deepEqual(users.get("farid.haddad@northwind.example")?.roles, ["Administrator"]);
  assert.equal(users.get("dan.kim@northwind.example")?.active, false, "SUSPENDED in Okta: a leaver");
  assert.deepEqual(psGroup("PS Vault Admins")?.members, ["ana.lopez@northwind.example", "farid.haddad@northwind.example"]);
});

test("a hand edit in Password Safe is found by the drift run and undone by up --refresh", async () => {
  const ben = env.passwordsafe.state.userNamed("ben.okafor@northwind.example")!;
  ben.roles = [{ value: "Administrator", primary: true }];
  const drift = await driftWorkflow(env.runner, env.options);
  assert.equal(drift.exitCode, EXIT.DRIFT, output());
  assert.equal(await upWorkflow(env.runner, { ...env.options, refresh: true }), 0, output());
  assert.deepEqual(psUsers().get("ben.okafor@northwind.example")?.roles, ["Auditor"]);
  assert.equal((await driftWorkflow(env.runner, env.options)).exitCode, 0, output());
});

test("removal safety: an emptied mapping file is refused before any write, and the protected account is never touched", async () => {
  const good = fs.readFileSync(env.mappingFile, "utf8");
  try {
    fs.writeFileSync(env.mappingFile, good.replace(/^passwordsafe:[\s\S]*$/m, "").replace(/^applications:[\s\S]*?^protected:/m, "protected:"));
    const mark = env.passwordsafe.requests.length;
    log.length = 0;
    assert.equal(await upWorkflow(env.runner, env.options), EXIT.SAFETY_LIMIT, output());
    assert.deepEqual(writesSince(mark), [], "nothing written to Password Safe");
  } finally {
    fs.writeFileSync(env.mappingFile, good);
  }
  assert.deepEqual(psUsers().get("breakglass@northwind.example")?.roles, ["Administrator"]);
});

test("the Okta private key appears in no state file and no output", () => {
  const body = env.privateKeyPem.split("\n").filter((l) => l && !l.startsWith("-----"));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(env.workDir);
  assert.ok(
    files.some((f) => f.includes(`${path.sep}state${path.sep}`)),
    "state was written",
  );
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const line of body) assert.ok(!text.includes(line), `a line of the private key is in ${file}`);
    assert.doesNotMatch(text, /BEGIN PRIVATE KEY/, file);
  }
  for (const line of body) assert.ok(!output().includes(line), "a line of the private key is in the output");
});
