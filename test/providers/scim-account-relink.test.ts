// Migration from Entra ID's SCIM app (which links users by mailNickname) into PAM360 and Password
// Safe: the one SCIM account lifecycle finds the user by userName and re-links it in place, or
// refuses under relinkPolicy refuse, exactly as for PRA, PrivX and the generic SCIM target.
import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { pam360, pam360User } from "./pam360/harness";
import { passwordSafe, passwordSafeUser } from "./passwordsafe/harness";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

const products = [
  { name: "PAM360", harness: pam360, desired: pam360User },
  { name: "Password Safe", harness: passwordSafe, desired: passwordSafeUser },
] as const;

for (const { name, harness, desired } of products) {
  describe(`${name}: a user Entra's SCIM app made`, () => {
    let run: Awaited<ReturnType<typeof harness.startProviderRun>>;
    after(() => run?.close());

    test("is re-linked in place by userName, and the outputs say from which externalId", async () => {
      run = await harness.startProviderRun();
      run.emulator.state.users.set("by-entra-app", {
        id: "by-entra-app",
        schemas: [USER],
        userName: "alice@contoso.com",
        externalId: "alice",
        name: { givenName: "Alice", familyName: "Smith" },
        emails: [{ value: "alice@contoso.com", primary: true }],
        active: true,
      });
      await run.newProcess();
      const created = await harness.providers.users.create(desired());
      assert.equal(created.id, "by-entra-app");
      assert.equal(run.emulator.state.users.size, 1, "not duplicated");
      assert.equal(run.emulator.state.users.get("by-entra-app")!.externalId, "entra-alice");
      assert.deepEqual(created.outs.adoptedFrom, { how: "relink", id: "by-entra-app", externalId: "alice" });
      assert.equal((await harness.providers.users.diff(created.id, created.outs, desired())).changes, false);
    });

    test("is refused under relinkPolicy refuse, naming the user and the setting", async () => {
      run.emulator.state.users.set("other-tool", { id: "other-tool", schemas: [USER], userName: "bob@contoso.com", externalId: "bob", active: true });
      run.config.relinkPolicy = "refuse";
      try {
        await run.newProcess();
        await assert.rejects(
          harness.providers.users.create(desired({ externalId: "entra-bob", userName: "bob@contoso.com", email: "bob@contoso.com" })),
          new RegExp(`${name} user bob@contoso\\.com: already exists \\(id other-tool\\) linked to externalId "bob".*pam-reconciler:relinkPolicy`),
        );
        assert.equal(run.emulator.state.users.get("other-tool")!.externalId, "bob");
      } finally {
        delete run.config.relinkPolicy;
      }
    });
  });
}
