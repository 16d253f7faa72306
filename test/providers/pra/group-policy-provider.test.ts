// pra:GroupPolicy driven as the SDK's provider process drives it, against the PRA emulator.
import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { startPraEmulator } from "../../../bench/emulators/pra";
import { isProviderError } from "../../../lib/provider/errors";
import type { PraGroupPolicyInputs } from "../../../providers/pra/group-policy";
import type { PraScimUserInputs } from "../../../providers/pra/scim-user";
import { praUser as user, startPraProviderRun, type PraProviderRun } from "./provider-harness";

describe("pra:GroupPolicy provider against the PRA emulator", () => {
  let run: PraProviderRun;
  let pra: PraProviderRun["pra"];
  let config: PraProviderRun["config"];
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
    config = run.config;
  });
  after(() => run.close());
  beforeEach(async () => {
    for (const u of pra.state.scimUsers()) pra.state.users.delete(u.id);
    pra.state.scimGroups.clear();
    pra.state.groupPolicies.clear();
    pra.requests.length = 0;
    await newProcess();
  });

  test("a group policy is created with members, jump groups and permissions, provisioned, and drift is read back and undone", async () => {
    await createUser(user("alice", "e-alice"));
    await run.scimGroup.create({ externalId: "g-1", displayName: "PRA Linux Admins", members: { "alice@contoso.com": "e-alice" }, protectedAccounts: [] });
    const inputs: PraGroupPolicyInputs = {
      name: "Linux Administrators",
      permissions: { perm_access_allowed: true, perm_shell_jump: true },
      memberGroups: ["PRA Linux Admins"],
      jumpGroups: { "Linux Servers": { jumpItemRole: "Administrator", jumpPolicy: null } },
    };
    const created = await run.groupPolicy.create(inputs);
    const record = pra.state.groupPolicies.get(Number(created.id))!;
    assert.equal(record.wire.perm_shell_jump, true);
    assert.equal(record.members.length, 1);
    assert.equal(record.jumpGroups.length, 1);
    assert.equal(record.provisionedAtVersion !== null && record.provisionedAtVersion >= record.changedAtVersion, true, "provisioned after the change");
    assert.equal((await run.groupPolicy.diff(created.id, created.outs, inputs)).changes, false);

    // By hand in the console: the member is removed and a permission flipped.
    record.members.length = 0;
    record.wire.perm_shell_jump = false;
    pra.state.touch();
    await newProcess();
    const read = await run.groupPolicy.read(created.id, created.outs);
    assert.deepEqual(read.props!.memberGroups, []);
    assert.equal(read.props!.permissions.perm_shell_jump, false);
    assert.equal((await run.groupPolicy.diff(created.id, read.props!, inputs)).changes, true);
    await run.groupPolicy.update(created.id, read.props!, inputs);
    assert.equal(record.members.length, 1);
    assert.equal(pra.state.groupPolicies.get(Number(created.id))!.wire.perm_shell_jump, true);
  });

  test("a group policy made by hand is adopted by name, and an unknown jump group is a clear error", async () => {
    pra.state.groupPolicies.clear();
    const inputs: PraGroupPolicyInputs = { name: "Vendor Access", permissions: { perm_access_allowed: true }, memberGroups: [], jumpGroups: {} };
    const first = await run.groupPolicy.create(inputs);
    await newProcess();
    const again = await run.groupPolicy.create(inputs);
    assert.equal(again.id, first.id);
    assert.equal(pra.state.groupPolicies.size, 1);
    await assert.rejects(
      run.groupPolicy.create({ ...inputs, name: "Other", jumpGroups: { "No Such Group": { jumpItemRole: null, jumpPolicy: null } } }),
      (err) => isProviderError(err, "NOT_FOUND") && err.target === "PRA" && err.object === 'jump group "No Such Group"',
    );
  });

  test("two policies with the desired name are a CONFLICT, and updating a policy that is gone is NOT_FOUND", async () => {
    const inputs: PraGroupPolicyInputs = { name: "Twice", permissions: {}, memberGroups: [], jumpGroups: {} };
    const first = await run.groupPolicy.create(inputs);
    // By hand in the console: a second policy with the same name.
    const original = pra.state.groupPolicies.get(first.outs.policyId)!;
    const copyId = pra.state.nextId("groupPolicy");
    pra.state.groupPolicies.set(copyId, { ...original, wire: { ...original.wire, id: copyId }, members: [], jumpGroups: [] });
    pra.state.touch();
    await newProcess();
    await assert.rejects(run.groupPolicy.create(inputs), (err) => isProviderError(err, "CONFLICT") && err.object === 'group policy "Twice"');

    pra.state.groupPolicies.clear();
    pra.state.touch();
    await newProcess();
    await assert.rejects(run.groupPolicy.update(first.id, first.outs, inputs), (err) => isProviderError(err, "NOT_FOUND") && err.target === "PRA");
  });

  test("a PRA without a SCIM security provider is a PRECONDITION error", async () => {
    const bare = await startPraEmulator({ seed: { scimProvider: null } });
    try {
      await run.newProcess({ ...config, praUrl: bare.url, praClientId: bare.clientId, praClientSecret: bare.clientSecret, praScimToken: bare.scimToken });
      await assert.rejects(
        run.groupPolicy.create({ name: "P", permissions: {}, memberGroups: [], jumpGroups: {} }),
        (err) => isProviderError(err, "PRECONDITION") && err.object === "SCIM security provider",
      );
    } finally {
      await bare.close();
    }
  });
});
