// The survey's cost: only objects the last run did not record are looked up. A converged run
// (every object in the record) creates nothing and must read nothing: no target even builds a
// client, so a no-change preview at 10,000 users costs what it cost before adoption was shown.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { buildDesiredState, loadMappings } from "../../providers/target-model";
import { accessRecordOf } from "../../program/access-record";
import { targetList } from "../../providers/targets";
import { newPraObjects } from "../../providers/pra/survey";
import { newPrivxObjects } from "../../providers/privx/survey";
import { repoRoot } from "../model/helpers";
import { demoSnapshot } from "../model/fixtures/demo-directory";

function demoState() {
  const loaded = loadMappings([path.join(repoRoot(), "stacks", "demo", "mappings")]);
  assert.ok(loaded.value);
  return buildDesiredState(loaded.value, demoSnapshot(1)).state;
}

const noSettings = (key: string): string => {
  throw new Error(`the survey read the setting ${key}: it would have built a client`);
};

test("a run whose objects are all in the last run's record surveys nothing and builds no client", async () => {
  const state = demoState();
  const record = accessRecordOf(state, {});
  const surveyed = targetList.filter(({ name, target }) => state[name] && target.survey);
  assert.deepEqual(
    surveyed.map((t) => t.name),
    ["pra", "privx", "scim", "pam360", "passwordsafe"],
    "every target surveys",
  );
  for (const { name, target } of surveyed) {
    const survey = await target.survey!(noSettings, state[name], record.targets[name], state);
    assert.deepEqual(survey, { adopted: [], baseline: { accounts: {}, grants: {} } }, name);
  }
});

test("on a first run every object is new; on a later one, only what the record lacks", () => {
  const state = demoState();
  const first = newPraObjects(state.pra!, undefined);
  assert.equal(first.users.length, state.pra!.users.filter((u) => !u.protected).length);
  assert.equal(first.policies.length, state.pra!.groupPolicies.length);
  assert.equal(first.groups.length, state.pra!.groups.length);
  const record = accessRecordOf(state, {});
  const pra = structuredClone(record.targets.pra);
  delete pra.grants["group policy Linux Administrators"];
  const later = newPraObjects(state.pra!, pra);
  assert.deepEqual(
    later.policies.map((p) => p.name),
    ["Linux Administrators"],
  );
  assert.deepEqual(
    later.groups.map((g) => g.displayName),
    ["PRA Linux Admins"],
    "the SCIM groups of a new policy",
  );
  assert.deepEqual(later.users, []);
  const privx = structuredClone(record.targets.privx);
  delete privx.grants["host web-01"];
  assert.deepEqual(
    newPrivxObjects(state.privx!, privx).hosts.map((h) => h.externalId),
    ["contoso-web-01"],
  );
});
