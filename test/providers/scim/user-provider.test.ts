// scim:User against the generic SCIM emulator: roles at the configured attribute, rename in
// place, role lock, deactivation, adoption (unlinked user, 409 uniqueness), drift undone, and
// the server's capabilities deciding PATCH or PUT.
import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { ScimUserOutputs } from "../../../providers/scim/user";
import { scimProviders, startProviderRun, user, writes, type ProviderRun } from "./harness";

const provider = scimProviders.users;

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const EXT = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

for (const patch of [true, false]) {
  describe(`scim:User against a server ${patch ? "with" : "without"} PATCH`, () => {
    let run: ProviderRun;
    after(() => run?.close());

    test("created with externalId = Entra id and its role in roles (RFC 7643 §4.1.2); renamed in place; role changed", async () => {
      run = await startProviderRun({ emulator: { patch, maxCount: 2 } });
      const created = await provider.create(user());
      const stored = run.emulator.state.users.get(created.id)!;
      assert.equal(stored.externalId, "entra-alice");
      assert.deepEqual(stored.roles, [{ value: "Developer", primary: true }]);
      assert.deepEqual(created.outs.roles, ["Developer"]);
      const renamed = user({ userName: "alice.smith@contoso.com", roles: ["Administrator"] });
      assert.equal((await provider.diff(created.id, created.outs, renamed)).changes, true);
      const mark = run.emulator.requests.length;
      const { outs } = await provider.update(created.id, created.outs, renamed);
      const used = writes(run.emulator, mark).map((r) => r.method);
      assert.deepEqual(used, [patch ? "PATCH" : "PUT"], "PATCH only where /ServiceProviderConfig says the server has it");
      assert.equal(run.emulator.state.users.size, 1, "renamed, not duplicated");
      assert.equal(run.emulator.state.users.get(created.id)!.userName, "alice.smith@contoso.com");
      assert.deepEqual(outs.roles, ["Administrator"]);
      assert.equal((await provider.diff(created.id, outs, renamed)).changes, false);
    });

    test("a hand edit of the role is read back as drift and undone; unmanaged attributes survive", async () => {
      await run.newProcess();
      const created = await provider.create(user({ externalId: "entra-bob", userName: "bob@contoso.com", email: "bob@contoso.com" }));
      const stored = run.emulator.state.users.get(created.id)!;
      stored.roles = [{ value: "Owner" }];
      stored.title = "set in the console";
      await run.newProcess();
      const read = (await provider.read(created.id, created.outs)).props as ScimUserOutputs;
      assert.deepEqual(read.roles, ["Owner"]);
      const desired = user({ externalId: "entra-bob", userName: "bob@contoso.com", email: "bob@contoso.com" });
      assert.equal((await provider.diff(created.id, read, desired)).changes, true);
      await provider.update(created.id, read, desired);
      const after = run.emulator.state.users.get(created.id)!;
      assert.deepEqual(after.roles, [{ value: "Developer", primary: true }]);
      assert.equal(after.title, "set in the console", "an attribute we do not manage is kept");
    });

    test("role lock: the application's role is never written, and is no difference to undo", async () => {
      await run.newProcess();
      const desired = user({ externalId: "entra-owner", userName: "owner@contoso.com", email: "owner@contoso.com", roles: [], roleLocked: true });
      run.emulator.state.users.set("held-owner", {
        id: "held-owner",
        schemas: [USER],
        userName: "owner@contoso.com",
        roles: [{ value: "Owner" }],
        active: true,
      });
      const created = await provider.create(desired);
      assert.equal(created.id, "held-owner", "the unlinked user is adopted");
      assert.deepEqual(run.emulator.state.users.get("held-owner")!.roles, [{ value: "Owner" }]);
      assert.deepEqual(created.outs.roles, ["Owner"], "outputs show the role the application holds");
      run.emulator.state.users.get("held-owner")!.roles = [{ value: "Auditor" }];
      await run.newProcess();
      const read = (await provider.read(created.id, created.outs)).props as ScimUserOutputs;
      assert.equal((await provider.diff(created.id, read, desired)).changes, false);
      const renamed = { ...desired, displayName: "The Owner" };
      await provider.update(created.id, read, renamed);
      const held = run.emulator.state.users.get("held-owner")!;
      assert.equal(held.displayName, "The Owner");
      assert.deepEqual(held.roles, [{ value: "Auditor" }], "an update of other attributes leaves the locked role alone");
    });

    test("disabled in Entra: active false, kept; removal deactivates by default, deletes when told", async () => {
      await run.newProcess();
      const desired = user({ externalId: "entra-carol", userName: "carol@contoso.com", email: "carol@contoso.com" });
      const created = await provider.create(desired);
      const disabled = { ...desired, active: false };
      const { outs } = await provider.update(created.id, created.outs, disabled);
      assert.equal(run.emulator.state.users.get(created.id)!.active, false);
      assert.deepEqual(
        run.emulator.state.users.get(created.id)!.roles,
        [{ value: "Developer", primary: true }],
        "the role stays for when the account comes back",
      );
      await provider.update(created.id, outs, desired);
      await provider.delete(created.id, { ...outs, active: true });
      assert.equal(run.emulator.state.users.get(created.id)!.active, false, "deactivated, not deleted");
      await provider.delete(created.id, { ...outs, onRemove: "delete" });
      assert.equal(run.emulator.state.users.has(created.id), false);
    });
  });
}

describe("scim:User adoption and quirks", () => {
  let run: ProviderRun;
  after(() => run?.close());

  test("409 uniqueness on create adopts the existing unlinked user; one linked to another value is re-linked, or refused by relinkPolicy refuse", async () => {
    run = await startProviderRun({ emulator: { filter: false } });
    // The index is read before the user appears (another tool created it meanwhile).
    await provider.read("missing", user() as ScimUserOutputs);
    run.emulator.state.users.set("late", { id: "late", schemas: [USER], userName: "ALICE@contoso.com", active: true });
    const created = await provider.create(user());
    assert.equal(created.id, "late");
    assert.equal(run.emulator.state.users.size, 1);
    assert.equal(run.emulator.state.users.get("late")!.externalId, "entra-alice");
    const posts = run.emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/Users"));
    assert.deepEqual(
      posts.map((r) => r.status),
      [409],
    );
    assert.equal(
      run.emulator.requests.some((r) => r.query.has("filter")),
      false,
      "a server without filter support is listed, not filtered",
    );

    await run.newProcess();
    await provider.read("missing", user() as ScimUserOutputs);
    run.emulator.state.users.set("other", { id: "other", schemas: [USER], userName: "dave@contoso.com", externalId: "dave" });
    const relinked = await provider.create(user({ externalId: "entra-dave", userName: "dave@contoso.com" }));
    assert.equal(relinked.id, "other");
    assert.equal(run.emulator.state.users.get("other")!.externalId, "entra-dave");
    assert.deepEqual(relinked.outs.adoptedFrom, { how: "relink", id: "other", externalId: "dave" });
    assert.equal(run.emulator.state.users.size, 2);

    run.config.relinkPolicy = "refuse";
    try {
      await run.newProcess();
      await provider.read("missing", user() as ScimUserOutputs);
      run.emulator.state.users.set("erin", { id: "erin", schemas: [USER], userName: "erin@contoso.com", externalId: "entra-someone-else" });
      await assert.rejects(
        provider.create(user({ externalId: "entra-erin", userName: "erin@contoso.com" })),
        /SCIM user erin@contoso\.com: already exists \(id erin\) linked to externalId "entra-someone-else".*Set pam-reconciler:relinkPolicy to "relink"/,
      );
      assert.equal(run.emulator.state.users.get("erin")!.externalId, "entra-someone-else");
    } finally {
      delete run.config.relinkPolicy;
    }
  });

  test("active answered as a string reads as a boolean: no false drift", async () => {
    await run.newProcess();
    run.emulator.knobs.activeAsString = true;
    try {
      const desired = user({ externalId: "entra-erin", userName: "erin@contoso.com", email: "erin@contoso.com", active: false });
      const created = await provider.create(desired);
      assert.equal(created.outs.active, false);
      await run.newProcess();
      const read = (await provider.read(created.id, created.outs)).props as ScimUserOutputs;
      assert.equal(read.active, false);
      assert.equal((await provider.diff(created.id, read, desired)).changes, false);
    } finally {
      run.emulator.knobs.activeAsString = false;
    }
  });

  test("a named or extension role attribute holds one role value", async () => {
    await run.newProcess();
    const ext = await provider.create(
      user({ externalId: "entra-frank", userName: "frank@contoso.com", roleAttribute: `${EXT}:accessRole`, roles: ["Operator"] }),
    );
    const stored = run.emulator.state.users.get(ext.id)!;
    assert.deepEqual(stored[EXT], { accessRole: "Operator" });
    assert.ok((stored.schemas as string[]).includes(EXT), "the extension's URN is listed in schemas");
    assert.equal(stored.roles, undefined);
    const named = await provider.create(user({ externalId: "entra-grace", userName: "grace@contoso.com", roleAttribute: "userType", roles: ["Operator"] }));
    assert.equal(run.emulator.state.users.get(named.id)!.userType, "Operator");
    assert.deepEqual(named.outs.roles, ["Operator"]);
  });

  test("check names the property at fault", async () => {
    const { failures } = await provider.check(user(), user({ userName: "", roleAttribute: "not a path", roles: [""] }));
    assert.deepEqual(failures.map((f) => f.property).sort(), ["roleAttribute", "roles", "userName"]);
  });
});
