// scim:Group against the generic SCIM emulator: flat groups of SCIM user ids, membership by
// PATCH add/remove where the server has PATCH and by PUT where it has not, protected members
// left as the application holds them, drift read back.
import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { ScimGroupInputs, ScimGroupOutputs } from "../../../providers/scim/group";
import { scimProviders, startProviderRun, user, writes, type ProviderRun } from "./harness";

const provider = scimProviders.groups;
const scimUserProvider = scimProviders.users;

for (const patch of [true, false]) {
  describe(`scim:Group against a server ${patch ? "with" : "without"} PATCH`, () => {
    let run: ProviderRun;
    after(() => run?.close());

    test("members follow the inputs; a protected member the application lists stays; drift is read back", async () => {
      run = await startProviderRun({ emulator: { patch } });
      const alice = await scimUserProvider.create(user());
      const bob = await scimUserProvider.create(user({ externalId: "entra-bob", userName: "bob@contoso.com", email: "bob@contoso.com" }));
      run.emulator.state.users.set("bg", { id: "bg", schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "breakglass@contoso.com" });
      const inputs: ScimGroupInputs = {
        externalId: "g-admins",
        displayName: "App Admins",
        members: { "alice@contoso.com": "entra-alice" },
        protectedAccounts: ["breakglass@contoso.com"],
      };
      const created = await provider.create(inputs);
      const stored = run.emulator.state.groups.get(created.id)!;
      assert.deepEqual(stored.members, [{ value: alice.id }]);
      assert.equal(stored.externalId, "g-admins");
      stored.members = [{ value: alice.id }, { value: "bg" }];

      await run.newProcess();
      const read = (await provider.read(created.id, created.outs)).props as ScimGroupOutputs;
      assert.deepEqual(read.members, { "alice@contoso.com": "entra-alice" }, "the protected member is not shown");
      const next = { ...inputs, members: { "bob@contoso.com": "entra-bob" } };
      assert.equal((await provider.diff(created.id, read, next)).changes, true);
      const mark = run.emulator.requests.length;
      const { outs } = await provider.update(created.id, read, next);
      assert.deepEqual(
        writes(run.emulator, mark).map((r) => r.method),
        [patch ? "PATCH" : "PUT"],
      );
      const ids = (run.emulator.state.groups.get(created.id)!.members as { value: string }[]).map((m) => m.value).sort();
      assert.deepEqual(ids, [bob.id, "bg"].sort(), "alice left, bob joined, breakglass kept");
      assert.deepEqual(outs.members, { "bob@contoso.com": "entra-bob" });

      run.emulator.state.groups.get(created.id)!.members = [{ value: "bg" }];
      await run.newProcess();
      const drifted = (await provider.read(created.id, outs)).props as ScimGroupOutputs;
      assert.deepEqual(drifted.members, {});
      assert.equal((await provider.diff(created.id, drifted, next)).changes, true);
    });

    test("a group made by hand with the same name and no externalId is adopted; delete removes it", async () => {
      run.emulator.state.groups.set("hand", { id: "hand", schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "App Users", members: [] });
      await run.newProcess();
      const created = await provider.create({ externalId: "g-users", displayName: "App Users", members: {}, protectedAccounts: [] });
      assert.equal(created.id, "hand");
      assert.equal(run.emulator.state.groups.get("hand")!.externalId, "g-users");
      await provider.delete(created.id);
      assert.equal(run.emulator.state.groups.has("hand"), false);
    });
  });
}
