// The PRA dynamic providers driven as the SDK's provider process drives them (configure with
// the stack config, then check/diff/create/read/update/delete) against the PRA emulator.
import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { isProviderError } from "../../../lib/provider/errors";
import { startPraEmulator, type PraEmulator } from "../../../bench/emulators/pra";
import type { PraScimUserInputs } from "../../../providers/pra/scim-user";
import type { PraScimGroupInputs } from "../../../providers/pra/scim-group";
import type { PraGroupPolicyInputs } from "../../../providers/pra/group-policy";
import { startPraProviderRun, type PraProviderRun } from "./provider-harness";

const user = (name: string, id: string, extra: Partial<PraScimUserInputs> = {}): PraScimUserInputs => ({
  externalId: id,
  userName: `${name}@contoso.com`,
  displayName: name,
  givenName: name,
  familyName: "Contoso",
  email: `${name}@contoso.com`,
  active: true,
  onRemove: "deactivate",
  protected: false,
  ...extra,
});

const writes = (pra: PraEmulator) => pra.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth2/token");

describe("PRA providers against the PRA emulator", () => {
  let run: PraProviderRun;
  let pra: PraEmulator;
  let config: PraProviderRun["config"];
  const newProcess = () => run.newProcess();

  async function createUser(inputs: PraScimUserInputs) {
    const checked = (await run.scimUser.check!({} as PraScimUserInputs, inputs)).inputs as PraScimUserInputs;
    return run.scimUser.create(checked);
  }

  before(async () => {
    run = await startPraProviderRun({ emulator: { seed: { jumpGroups: [{ name: "Linux Servers" }, { name: "Windows Servers" }] }, defaultPerPage: 5, scimMaxCount: 3 } });
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

  test("a user is created with its Entra object id as externalId, and a UPN change renames it in place", async () => {
    const created = await createUser(user("bob", "e-bob"));
    assert.equal(pra.state.scimUsers().length, 1);
    const renamed = user("robert", "e-bob");
    const diff = await run.scimUser.diff!(created.id, created.outs!, renamed);
    assert.deepEqual([diff.changes, diff.replaces], [true, []]);
    await run.scimUser.update!(created.id, created.outs!, renamed);
    const stored = pra.state.scimUsers();
    assert.deepEqual(stored.map((u) => [u.scim!.id, u.scim!.userName, u.scim!.externalId]), [[created.id, "robert@contoso.com", "e-bob"]]);
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
    await run.scimUser.delete!(kept.id, kept.outs!);
    await run.scimUser.delete!(gone.id, gone.outs!);
    assert.deepEqual(pra.state.scimUsers().map((u) => [u.scim!.userName, u.enabled]), [["dave@contoso.com", false]]);
    await run.scimUser.delete!(gone.id, gone.outs!); // already gone: fine
  });

  test("a protected account is recorded as PRA holds it and never written", async () => {
    const existing = await createUser(user("breakglass", "e-bg", { displayName: "Break Glass" }));
    pra.requests.length = 0;
    await newProcess();
    const inputs = user("breakglass", "e-bg", { protected: true, displayName: "Changed", active: false });
    const created = await createUser(inputs);
    assert.equal(created.id, existing.id);
    assert.equal(created.outs!.displayName, "Break Glass");
    assert.equal((await run.scimUser.diff!(created.id, created.outs!, inputs)).changes, false);
    await run.scimUser.update!(created.id, created.outs!, inputs);
    await run.scimUser.delete!(created.id, created.outs!);
    assert.deepEqual(writes(pra), []);
    assert.equal(pra.state.scimUsers()[0].enabled, true);
  });

  test("a SCIM group keeps protected members PRA lists, shows members by userName, and provisions changed users", async () => {
    const alice = await createUser(user("alice", "e-alice"));
    const bob = await createUser(user("bob", "e-bob"));
    const bg = await createUser(user("breakglass", "e-bg"));
    const inputs: PraScimGroupInputs = { externalId: "g-1", displayName: "PRA Linux Admins", members: { "alice@contoso.com": "e-alice", "breakglass@contoso.com": "e-bg" }, protectedAccounts: [] };
    const group = await run.scimGroup.create(inputs);
    assert.deepEqual(Object.keys(group.outs!.members), ["alice@contoso.com", "breakglass@contoso.com"]);

    // breakglass becomes protected and leaves the desired members; bob joins.
    const next: PraScimGroupInputs = { ...inputs, members: { "alice@contoso.com": "e-alice", "bob@contoso.com": "e-bob" }, protectedAccounts: ["breakglass@contoso.com", "e-bg"] };
    pra.state.provisionLog.length = 0;
    const updated = await run.scimGroup.update!(group.id, group.outs!, next);
    const stored = [...pra.state.scimGroups.values()][0];
    assert.deepEqual(stored.memberIds.sort(), [alice.id, bob.id, bg.id].sort(), "the protected member stays");
    assert.deepEqual(updated.outs!.members, { "alice@contoso.com": "e-alice", "bob@contoso.com": "e-bob" });
    assert.equal((await run.scimGroup.diff!(group.id, updated.outs!, next)).changes, false);
    const provisioned = pra.state.provisionLog.filter((e) => e.kind === "users");
    assert.equal(provisioned.length, 1, "one provision call for the users whose membership changed");
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
    assert.equal((await run.groupPolicy.diff!(created.id, created.outs!, inputs)).changes, false);

    // By hand in the console: the member is removed and a permission flipped.
    record.members.length = 0;
    record.wire.perm_shell_jump = false;
    pra.state.touch();
    await newProcess();
    const read = await run.groupPolicy.read!(created.id, created.outs);
    assert.deepEqual(read.props!.memberGroups, []);
    assert.equal(read.props!.permissions.perm_shell_jump, false);
    assert.equal((await run.groupPolicy.diff!(created.id, read.props!, inputs)).changes, true);
    await run.groupPolicy.update!(created.id, read.props!, inputs);
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

  test("provider errors carry a code, the target and the object: duplicate policies, a gone policy, a member without a PRA user, missing settings", async () => {
    const inputs: PraGroupPolicyInputs = { name: "Twice", permissions: {}, memberGroups: [], jumpGroups: {} };
    const first = await run.groupPolicy.create(inputs);
    // By hand in the console: a second policy with the same name.
    const original = pra.state.groupPolicies.get(first.outs!.policyId)!;
    const copyId = pra.state.nextId("groupPolicy");
    pra.state.groupPolicies.set(copyId, { ...original, wire: { ...original.wire, id: copyId }, members: [], jumpGroups: [] });
    pra.state.touch();
    await newProcess();
    await assert.rejects(run.groupPolicy.create(inputs), (err) => isProviderError(err, "CONFLICT") && err.object === 'group policy "Twice"');

    pra.state.groupPolicies.clear();
    pra.state.touch();
    await newProcess();
    await assert.rejects(run.groupPolicy.update!(first.id, first.outs!, inputs), (err) => isProviderError(err, "NOT_FOUND") && err.target === "PRA");

    await assert.rejects(
      run.scimGroup.create({ externalId: "g-x", displayName: "Nobody's Group", members: { "nobody@contoso.com": "e-nobody" }, protectedAccounts: [] }),
      (err) => isProviderError(err, "PRECONDITION") && err.object === 'SCIM group "Nobody\'s Group"',
    );

    await assert.rejects(run.newProcess({}), (err) => isProviderError(err, "MISSING_SETTING") && err.keys.join() === "praUrl");
    await assert.rejects(run.newProcess({ ...config, praScimToken: "" }), (err) => isProviderError(err, "MISSING_SETTING") && err.keys.join() === "praScimToken");
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

  test("the client secret and SCIM token never appear in an error", async () => {
    await run.newProcess({ ...config, praClientSecret: "wrong-secret-value-123", praScimToken: "wrong-scim-token-456" });
    const failures: unknown[] = [];
    await createUser(user("zed", "e-zed")).catch((e) => failures.push(e));
    await run.groupPolicy.create({ name: "P", permissions: {}, memberGroups: [], jumpGroups: {} }).catch((e) => failures.push(e));
    assert.equal(failures.length, 2);
    for (const err of failures) {
      const text = `${String(err)} ${JSON.stringify(err)} ${require("node:util").inspect(err, { depth: 5 })}`;
      assert.doesNotMatch(text, /wrong-secret-value-123|wrong-scim-token-456/);
    }
  });
});
