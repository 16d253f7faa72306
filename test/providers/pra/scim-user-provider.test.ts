// pra:ScimUser driven as the SDK's provider process drives it, against the PRA emulator.
import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PraScimUserInputs } from "../../../providers/pra/scim-user";
import { praUser as user, startPraProviderRun, writes, type PraProviderRun } from "./provider-harness";

describe("pra:ScimUser provider against the PRA emulator", () => {
  let run: PraProviderRun;
  let pra: PraProviderRun["pra"];
  const newProcess = () => run.newProcess();

  async function createUser(inputs: PraScimUserInputs) {
    const checked = (await run.scimUser.check({} as PraScimUserInputs, inputs)).inputs;
    return run.scimUser.create(checked);
  }

  before(async () => {
    run = await startPraProviderRun({
      emulator: { seed: { jumpGroups: [{ name: "Linux Servers" }, { name: "Windows Servers" }] }, defaultPerPage: 5, scimMaxCount: 3 },
    });
    pra = run.pra;
  });
  after(() => run.close());
  beforeEach(async () => {
    for (const u of pra.state.scimUsers()) pra.state.users.delete(u.id);
    pra.state.scimGroups.clear();
    pra.state.groupPolicies.clear();
    pra.requests.length = 0;
    await newProcess();
  });

  test("a user is created with its Entra object id as externalId, and a UPN change renames it in place", async () => {
    const created = await createUser(user("bob", "e-bob"));
    assert.equal(pra.state.scimUsers().length, 1);
    const renamed = user("robert", "e-bob");
    const diff = await run.scimUser.diff(created.id, created.outs, renamed);
    assert.deepEqual([diff.changes, diff.replaces], [true, []]);
    await run.scimUser.update(created.id, created.outs, renamed);
    const stored = pra.state.scimUsers();
    assert.deepEqual(
      stored.map((u) => [u.scim!.id, u.scim!.userName, u.scim!.externalId]),
      [[created.id, "robert@contoso.com", "e-bob"]],
    );
  });

  test("create adopts a user an older tool made (same userName, no externalId) instead of duplicating it", async () => {
    const first = await createUser(user("alice", ""));
    await newProcess();
    const adopted = await createUser(user("alice", "e-alice"));
    assert.equal(adopted.id, first.id);
    assert.equal(pra.state.scimUsers().length, 1);
    assert.equal(pra.state.scimUsers()[0].scim!.externalId, "e-alice");
  });

  test("removal deactivates by default and deletes only when the mappings say so", async () => {
    const kept = await createUser(user("dave", "e-dave"));
    const gone = await createUser(user("erin", "e-erin", { onRemove: "delete" }));
    await run.scimUser.delete(kept.id, kept.outs);
    await run.scimUser.delete(gone.id, gone.outs);
    assert.deepEqual(
      pra.state.scimUsers().map((u) => [u.scim!.userName, u.enabled]),
      [["dave@contoso.com", false]],
    );
    await run.scimUser.delete(gone.id, gone.outs); // already gone: fine
  });

  test("a protected account is recorded as PRA holds it and never written", async () => {
    const existing = await createUser(user("breakglass", "e-bg", { displayName: "Break Glass" }));
    pra.requests.length = 0;
    await newProcess();
    const inputs = user("breakglass", "e-bg", { protected: true, displayName: "Changed", active: false });
    const created = await createUser(inputs);
    assert.equal(created.id, existing.id);
    assert.equal(created.outs.displayName, "Break Glass");
    assert.equal((await run.scimUser.diff(created.id, created.outs, inputs)).changes, false);
    await run.scimUser.update(created.id, created.outs, inputs);
    await run.scimUser.delete(created.id, created.outs);
    assert.deepEqual(writes(pra), []);
    assert.equal(pra.state.scimUsers()[0].enabled, true);
  });
});
