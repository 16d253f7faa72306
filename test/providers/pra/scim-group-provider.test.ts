// pra:ScimGroup driven as the SDK's provider process drives it, against the PRA emulator.
import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { isProviderError } from "../../../lib/provider/errors";
import type { PraScimGroupInputs } from "../../../providers/pra/scim-group";
import type { PraScimUserInputs } from "../../../providers/pra/scim-user";
import { praUser as user, startPraProviderRun, type PraProviderRun } from "./provider-harness";

describe("pra:ScimGroup provider against the PRA emulator", () => {
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

  test("a SCIM group keeps protected members PRA lists, shows members by userName, and provisions changed users", async () => {
    const alice = await createUser(user("alice", "e-alice"));
    const bob = await createUser(user("bob", "e-bob"));
    const bg = await createUser(user("breakglass", "e-bg"));
    const inputs: PraScimGroupInputs = {
      externalId: "g-1",
      displayName: "PRA Linux Admins",
      members: { "alice@contoso.com": "e-alice", "breakglass@contoso.com": "e-bg" },
      protectedAccounts: [],
    };
    const group = await run.scimGroup.create(inputs);
    assert.deepEqual(Object.keys(group.outs.members), ["alice@contoso.com", "breakglass@contoso.com"]);

    // breakglass becomes protected and leaves the desired members; bob joins.
    const next: PraScimGroupInputs = {
      ...inputs,
      members: { "alice@contoso.com": "e-alice", "bob@contoso.com": "e-bob" },
      protectedAccounts: ["breakglass@contoso.com", "e-bg"],
    };
    pra.state.provisionLog.length = 0;
    const updated = await run.scimGroup.update(group.id, group.outs, next);
    const stored = [...pra.state.scimGroups.values()][0];
    assert.deepEqual(stored.memberIds.sort(), [alice.id, bob.id, bg.id].sort(), "the protected member stays");
    assert.deepEqual(updated.outs.members, { "alice@contoso.com": "e-alice", "bob@contoso.com": "e-bob" });
    assert.equal((await run.scimGroup.diff(group.id, updated.outs, next)).changes, false);
    const provisioned = pra.state.provisionLog.filter((e) => e.kind === "users");
    assert.equal(provisioned.length, 1, "one provision call for the users whose membership changed");
  });

  test("a member without a PRA user is a PRECONDITION error naming the group", async () => {
    await assert.rejects(
      run.scimGroup.create({ externalId: "g-x", displayName: "Nobody's Group", members: { "nobody@contoso.com": "e-nobody" }, protectedAccounts: [] }),
      (err) => isProviderError(err, "PRECONDITION") && err.object === 'SCIM group "Nobody\'s Group"',
    );
  });
});
