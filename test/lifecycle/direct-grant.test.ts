// A direct grant end to end, through the offline engine and the PRA emulator: one person granted
// a group policy without a group gets a SCIM group of their own (keyed by policy and Entra
// object id) as a member of the policy, and when the clock passes `until` the next run takes
// it out of the policy and deactivates them, with nobody editing Git.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { ids } from "../sources/entra/demo";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const KEY = `pam-direct/Windows Operators/${ids.heidi}`;
const NAME = "pam-direct Windows Operators heidi@contoso.com";

let env: DemoEnvironment;
const log: string[] = [];

before(async () => {
  env = await startDemoEnvironment({ projectDir: PROJECT_DIR, workDir: path.join(os.tmpdir(), `pam-direct-grant-${process.pid}`), print: (t) => log.push(t) });
  const accessFile = path.join(env.workDir, "mappings", "access.yaml");
  const text = fs.readFileSync(accessFile, "utf8");
  const granted = text.replace(
    "        - beyondtrust-pra/operator\n",
    "        - beyondtrust-pra/operator\n        - { user: heidi@contoso.com, until: 2026-07-12 }\n",
  );
  assert.notEqual(granted, text, "the demo's Windows Operators members are where the test expects them");
  fs.writeFileSync(accessFile, granted);
});
after(() => env.close());

test("a direct grant is applied as the person's own SCIM group in the policy, and removed by the first run after its until", async () => {
  const up = await env.runner.run("up", env.options);
  assert.equal(up.exitCode, 0, log.join(""));
  const state = env.pra.state;
  const group = [...state.scimGroups.values()].find((g) => g.externalId === KEY);
  assert.ok(group, `a SCIM group with externalId ${KEY}`);
  assert.equal(group.displayName, NAME);
  const heidi = state.scimUsers().find((u) => u.scim!.externalId === ids.heidi);
  assert.deepEqual(group.memberIds, [heidi?.scim?.id]);
  const policy = () => state.groupPoliciesNamed("Windows Operators")[0];
  assert.ok(
    policy().members.some((m) => m.kind === "scim-group" && m.scimGroupId === group.id),
    "the group is a member of the policy",
  );
  assert.equal(heidi?.enabled, true);

  log.length = 0;
  const later = await env.runner.run("up", { ...env.options, env: { ...env.options.env, PAM_RECONCILER_NOW: "2026-07-13T00:00:00Z" } });
  assert.equal(later.exitCode, 0, log.join(""));
  assert.ok(!policy().members.some((m) => m.kind === "scim-group" && m.scimGroupId === group.id), "the expired grant's group left the policy");
  assert.ok(![...state.scimGroups.values()].some((g) => g.externalId === KEY), "and is gone");
  assert.equal(state.scimUsers().find((u) => u.scim!.externalId === ids.heidi)?.enabled, false, "heidi had no other grant: deactivated");
});
