import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { SCIM_USER_SCHEMA, type PrivxScimUser } from "../../../bench/emulators/privx";
import type { PrivxScimUserInputs, PrivxScimUserOutputs } from "../../../providers/privx/scim-user";
import { privxProviders, requestsTo, startProviderRun, type ProviderRun } from "./provider-harness";

const provider = privxProviders.users;

function alice(overrides: Partial<PrivxScimUserInputs> = {}): PrivxScimUserInputs {
  return {
    externalId: "5c6598fe-608f-4121-b023-6bd1d293270e",
    userName: "alice@contoso.com",
    displayName: "Alice Anders",
    mail: "alice@contoso.com",
    groups: ["developers", "db-admin"],
    entraId: "11111111-aaaa-4bbb-8ccc-000000000001",
    active: true,
    onRemove: "deactivate",
    protected: false,
    ...overrides,
  };
}

/** A user as if created in PrivX by someone else (the console, an earlier tool). */
function consoleUser(id: string, attributes: Omit<PrivxScimUser, "schemas" | "id" | "meta">): PrivxScimUser {
  return {
    schemas: [SCIM_USER_SCHEMA],
    id,
    ...attributes,
    meta: { resourceType: "User", created: "2024-01-01T00:00:00Z", lastModified: "2024-01-01T00:00:00Z" },
  } as PrivxScimUser;
}

/** check then create, as the engine does for a new URN. */
async function apply(inputs: PrivxScimUserInputs): Promise<{ id: string; inputs: PrivxScimUserInputs; outs: PrivxScimUserOutputs }> {
  const checked = await provider.check(inputs, inputs);
  assert.deepEqual(checked.failures, []);
  const created = await provider.create(checked.inputs);
  return { id: created.id, inputs: checked.inputs, outs: created.outs };
}

describe("privx:ScimUser provider against the PrivX emulator", () => {
  let run: ProviderRun;
  before(async () => (run = await startProviderRun({ emulator: { maxCount: 5 } })));
  after(() => run.close());
  beforeEach(async () => {
    run.emulator.state.users.clear();
    run.emulator.requests.length = 0;
    await run.newProcess();
  });

  test("check sorts and de-duplicates the role names", async () => {
    const checked = await provider.check(alice(), alice({ groups: ["ops", "developers", "ops"] }));
    assert.deepEqual(checked.inputs?.groups, ["developers", "ops"]);
  });

  test("check reports a missing externalId, an unknown leaver policy and roles that are not names", async () => {
    const checked = await provider.check(alice(), alice({ externalId: "", onRemove: "archive" as never, groups: ["dba", 7] as never }));
    assert.deepEqual(checked.failures?.map((f) => f.property).sort(), ["externalId", "groups", "onRemove"]);
  });

  test("create: PrivX holds the user with its roles as groups, and no diff remains", async () => {
    const { id, inputs, outs } = await apply(alice());
    const stored = run.emulator.state.users.get(id);
    assert.equal(stored?.externalId, inputs.externalId);
    assert.equal(stored?.userName, "alice@contoso.com");
    assert.equal(stored?.mail, "alice@contoso.com");
    assert.deepEqual(stored?.groups, ["db-admin", "developers"]);
    assert.deepEqual(outs, { ...inputs, scimId: id });
    assert.equal((await provider.diff(id, outs, inputs)).changes, false);
  });

  test("create adopts the user with the same externalId instead of adding a second one", async () => {
    run.emulator.state.users.set("pre-1", consoleUser("pre-1", { externalId: alice().externalId, userName: "alice.old@contoso.com", groups: ["legacy"] }));
    const { id, outs } = await apply(alice());
    assert.equal(id, "pre-1");
    assert.equal(run.emulator.state.users.size, 1);
    assert.equal(requestsTo(run.emulator, "POST", run.emulator.usersUrl), 0);
    assert.deepEqual(run.emulator.state.users.get("pre-1")?.groups, ["db-admin", "developers"]);
    assert.equal(outs.userName, "alice@contoso.com");
  });

  test("create adopts by userName a user that has no externalId, and re-links one linked to another value (relinkPolicy relink, the default)", async () => {
    run.emulator.state.users.set("unlinked", consoleUser("unlinked", { userName: "ALICE@contoso.com", groups: [] }));
    const adopted = await apply(alice());
    assert.equal(adopted.id, "unlinked");
    assert.equal(run.emulator.state.users.get("unlinked")?.externalId, alice().externalId);
    assert.deepEqual(adopted.outs.adoptedFrom, { how: "name", id: "unlinked", externalId: null });

    run.emulator.state.users.set("bob-linked", consoleUser("bob-linked", { externalId: "sub-of-another-tool", userName: "bob@contoso.com" }));
    await run.newProcess();
    const bob = await apply(alice({ externalId: "sub-bob", userName: "bob@contoso.com", entraId: "entra-bob" }));
    assert.equal(bob.id, "bob-linked", "re-linked in place, not duplicated");
    assert.equal(run.emulator.state.users.get("bob-linked")?.externalId, "sub-bob");
    assert.deepEqual(bob.outs.adoptedFrom, { how: "relink", id: "bob-linked", externalId: "sub-of-another-tool" });
    assert.equal(run.emulator.state.users.size, 2);
  });

  test("with relinkPolicy refuse, a user linked to another value is refused naming the user and the setting; nothing is written", async () => {
    run.emulator.state.users.set("bob-linked", consoleUser("bob-linked", { externalId: "sub-of-another-tool", userName: "bob@contoso.com" }));
    run.config.relinkPolicy = "refuse";
    try {
      await run.newProcess();
      const mark = run.emulator.requests.length;
      await assert.rejects(
        provider.create(alice({ externalId: "sub-bob", userName: "bob@contoso.com" })),
        /PrivX user bob@contoso\.com: already exists \(id bob-linked\) linked to externalId "sub-of-another-tool".*pam-reconciler:relinkPolicy is "refuse"/,
      );
      assert.deepEqual(
        run.emulator.requests.slice(mark).filter((r) => r.method !== "GET" && !r.path.endsWith("/token")),
        [],
      );
      assert.equal(run.emulator.state.users.get("bob-linked")?.externalId, "sub-of-another-tool");
    } finally {
      delete run.config.relinkPolicy;
    }
  });

  test("refresh after a console edit returns the edit, diff reports it, update restores the user", async () => {
    const { id, inputs, outs } = await apply(alice());
    const edited = run.emulator.state.users.get(id)!;
    run.emulator.state.users.set(id, { ...edited, displayName: "Mallory", groups: ["developers", "privx-admin"] });

    await run.newProcess(); // `pulumi refresh` / `up --refresh` runs in a new provider process
    const read = await provider.read(id, outs);
    assert.equal(read.id, id);
    assert.equal(read.props?.displayName, "Mallory");
    assert.deepEqual(read.props?.groups, ["developers", "privx-admin"]);
    assert.equal((await provider.diff(id, read.props, inputs)).changes, true);

    const updated = await provider.update(id, read.props, inputs);
    assert.deepEqual(updated.outs, { ...inputs, scimId: id });
    assert.equal(run.emulator.state.users.get(id)?.displayName, "Alice Anders");
    assert.deepEqual(run.emulator.state.users.get(id)?.groups, ["db-admin", "developers"]);

    await run.newProcess();
    const again = await provider.read(id, updated.outs);
    assert.equal((await provider.diff(id, again.props!, inputs)).changes, false);
  });

  test("a disabled Entra account is kept without roles and reported inactive", async () => {
    const { id, inputs, outs } = await apply(alice({ active: false }));
    assert.deepEqual(run.emulator.state.users.get(id)?.groups, []);
    assert.equal(outs.active, false);
    assert.deepEqual(outs.groups, []);
    assert.equal((await provider.diff(id, outs, inputs)).changes, false, "no role is the desired state of an inactive user");
  });

  test("a role granted through `title` to an inactive user is drift, and update removes it", async () => {
    const { id, inputs, outs } = await apply(alice({ active: false }));
    // PrivX maps roles from `title` when `groups` is empty (seed 001).
    run.emulator.state.users.set(id, { ...run.emulator.state.users.get(id)!, title: "developers" });

    await run.newProcess();
    const read = await provider.read(id, outs);
    assert.deepEqual(read.props?.groups, ["developers"]);
    assert.equal(read.props?.active, true);
    assert.equal((await provider.diff(id, read.props, inputs)).changes, true);

    await provider.update(id, read.props, inputs);
    const stored = run.emulator.state.users.get(id)!;
    assert.equal(stored.title, undefined);
    assert.deepEqual(stored.groups, []);
  });

  test("re-enabling the Entra account gives the roles back", async () => {
    const { id, outs } = await apply(alice({ active: false }));
    const enabled = (await provider.check(alice(), alice())).inputs;
    assert.equal((await provider.diff(id, outs, enabled)).changes, true);
    const updated = await provider.update(id, outs, enabled);
    assert.equal(updated.outs?.active, true);
    assert.deepEqual(run.emulator.state.users.get(id)?.groups, ["db-admin", "developers"]);
  });

  test("changing only onRemove updates the outputs without a request to PrivX", async () => {
    const { id, outs } = await apply(alice());
    const news = (await provider.check(alice(), alice({ onRemove: "delete" }))).inputs;
    const diff = await provider.diff(id, outs, news);
    assert.equal(diff.changes, true, "delete reads onRemove from the outputs, so they must follow");
    const updated = await provider.update(id, outs, news);
    assert.equal(updated.outs?.onRemove, "delete");
    assert.equal(requestsTo(run.emulator, "PUT", `${run.emulator.usersUrl}/${id}`), 0);
  });

  test("read of a user deleted in the console returns no id", async () => {
    const { id, outs } = await apply(alice());
    run.emulator.state.users.delete(id);
    await run.newProcess();
    assert.equal((await provider.read(id, outs)).id, undefined);
  });

  test('delete with onRemove "delete" removes the user; deleting it again finds it gone', async () => {
    const { id, outs } = await apply(alice({ onRemove: "delete" }));
    await provider.delete(id, outs);
    assert.equal(run.emulator.state.users.has(id), false);

    await run.newProcess();
    await provider.delete(id, outs);
    const deletes = run.emulator.requests.filter((r) => r.method === "DELETE");
    assert.deepEqual(
      deletes.map((r) => r.status),
      [204, 404],
    );
  });

  test('delete with onRemove "deactivate" keeps the user with no groups and no title', async () => {
    const { id, outs } = await apply(alice());
    run.emulator.state.users.set(id, {
      ...run.emulator.state.users.get(id)!,
      windowsSid: "S-1-5-21-992878714-4041223874-2616370337-1001",
      title: "developers",
    });

    await run.newProcess(); // `pulumi up` after the user left every mapped group
    await provider.delete(id, outs);
    const kept = run.emulator.state.users.get(id)!;
    assert.equal(kept.externalId, alice().externalId, "the OIDC link and history stay");
    assert.deepEqual(kept.groups, []);
    assert.equal(kept.title, undefined);
    assert.equal(kept.windowsSid, "S-1-5-21-992878714-4041223874-2616370337-1001", "attributes we do not manage are kept");
    assert.equal(requestsTo(run.emulator, "DELETE", `${run.emulator.usersUrl}/${id}`), 0);
  });

  test('delete with onRemove "deactivate" of a user already gone does nothing', async () => {
    const { id, outs } = await apply(alice());
    run.emulator.state.users.delete(id);
    await run.newProcess();
    await provider.delete(id, outs);
    assert.equal(run.emulator.state.users.size, 0);
  });

  test("a protected account is adopted as PrivX holds it and never written: create, update and delete send nothing", async () => {
    run.emulator.state.users.set("bg-1", consoleUser("bg-1", { externalId: alice().externalId, userName: "alice@contoso.com", groups: ["privx-admin-like"] }));
    const inputs = (await provider.check(alice(), alice({ protected: true }))).inputs;
    const created = await provider.create(inputs);
    assert.equal(created.id, "bg-1");
    assert.deepEqual(created.outs.groups, ["privx-admin-like"], "what PrivX holds is recorded, not the mapped roles");
    const changed = alice({ protected: true, groups: ["developers"], onRemove: "delete" });
    assert.equal((await provider.diff(created.id, created.outs, changed)).changes, false, "data changes of a protected account are not changes");
    await provider.update(created.id, created.outs, changed);
    await provider.delete(created.id, { ...created.outs, onRemove: "delete" });
    const writes = run.emulator.requests.filter((r) => r.method !== "GET" && r.path.includes("/Users"));
    assert.deepEqual(writes, []);
    assert.deepEqual(run.emulator.state.users.get("bg-1")?.groups, ["privx-admin-like"]);
  });

  test("a managed user who becomes protected is no longer changed or deactivated", async () => {
    const { id, outs } = await apply(alice());
    const nowProtected = alice({ protected: true });
    const diff = await provider.diff(id, outs, nowProtected);
    assert.equal(diff.changes, true, "the protection itself is recorded");
    const updated = await provider.update(id, outs, nowProtected);
    run.emulator.requests.length = 0;
    await provider.delete(id, updated.outs);
    assert.equal(run.emulator.requests.filter((r) => r.method !== "GET" && r.path.includes("/Users")).length, 0);
    assert.deepEqual(run.emulator.state.users.get(id)?.groups, ["db-admin", "developers"]);
  });

  test("a protected account PrivX does not have is not created", async () => {
    const created = await provider.create(alice({ protected: true }));
    assert.match(created.id, /^absent:/);
    assert.equal(run.emulator.state.users.size, 0);
    await provider.delete(created.id, created.outs);
    assert.equal(run.emulator.requests.filter((r) => r.method !== "GET" && r.path.includes("/Users")).length, 0);
  });
});
