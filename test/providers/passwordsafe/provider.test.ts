// passwordsafe:User and passwordsafe:Group against a Password Safe server: one OAuth token from
// /scim/oauth/token for the process, pages of startIndex + itemsPerPage, users disabled by
// PATCH active false, groups created and replaced with a description, members by PATCH.
import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { ScimGroupInputs, ScimGroupOutputs } from "../../../providers/scim/group";
import type { ProductRun } from "../scim/product-harness";
import { passwordSafe, passwordSafeUser, type PasswordSafeEmulator } from "./harness";

const users = passwordSafe.providers.users;
const groups = passwordSafe.providers.groups;
const writes = (run: ProductRun<PasswordSafeEmulator>, from = 0) =>
  run.emulator.requests.slice(from).filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method) && !r.path.endsWith("/token"));

describe("Password Safe providers", () => {
  let run: ProductRun<PasswordSafeEmulator>;
  after(() => run?.close());

  test("one OAuth token from /scim/oauth/token beside /scim/v2 serves users and groups; lists page with itemsPerPage, never count", async () => {
    run = await passwordSafe.startProviderRun({ emulator: { maxCount: 2 } });
    for (let i = 0; i < 3; i++)
      run.emulator.state.users.set(`seed-${i}`, {
        id: `seed-${i}`,
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: `seed${i}@contoso.com`,
        active: true,
      });
    const alice = await users.create(passwordSafeUser());
    await groups.create({
      externalId: "g-ops",
      displayName: "Vault Operators",
      description: "Operators",
      members: { "alice@contoso.com": "entra-alice" },
      protectedAccounts: [],
    });
    const tokens = run.emulator.requests.filter((r) => r.path === "/scim/oauth/token");
    assert.equal(tokens.length, 1, "one token for the process");
    assert.match(String(tokens[0].headers.authorization), /^Basic /);
    const lists = run.emulator.requests.filter((r) => r.method === "GET" && r.path.endsWith("/Users"));
    assert.ok(lists.length >= 2, "paged");
    for (const r of lists) assert.deepEqual([...r.query.keys()].sort(), ["itemsPerPage", "startIndex"]);
    assert.ok(alice.id);
  });

  test("a user leaving scope is disabled with PATCH active false, kept", async () => {
    await run.newProcess();
    const bob = await users.create(passwordSafeUser({ externalId: "entra-bob", userName: "bob@contoso.com", email: "bob@contoso.com" }));
    const mark = run.emulator.requests.length;
    await users.delete(bob.id, bob.outs);
    const sent = writes(run, mark);
    assert.deepEqual(
      sent.map((r) => r.method),
      ["PATCH"],
    );
    assert.deepEqual(JSON.parse(sent[0].body).Operations, [{ op: "replace", path: "active", value: false }]);
    assert.equal(run.emulator.state.users.get(bob.id)!.active, false);
  });

  test("groups are created with displayName and description; a description edited by hand is drift, undone; members change by PATCH add/remove", async () => {
    await run.newProcess();
    const carol = await users.create(passwordSafeUser({ externalId: "entra-carol", userName: "carol@contoso.com", email: "carol@contoso.com" }));
    const desired: ScimGroupInputs = {
      externalId: "g-admins",
      displayName: "Vault Admins",
      description: "Vault administrators",
      members: { "carol@contoso.com": "entra-carol" },
      protectedAccounts: [],
    };
    const mark = run.emulator.requests.length;
    const created = await groups.create(desired);
    const post = writes(run, mark).find((r) => r.method === "POST" && r.path.endsWith("/Groups"))!;
    assert.equal(JSON.parse(post.body).description, "Vault administrators");
    run.emulator.state.groups.get(created.id)!.description = "edited in the console";
    await run.newProcess();
    const read = (await groups.read(created.id, created.outs)).props as ScimGroupOutputs;
    assert.equal(read.description, "edited in the console");
    const changed = { ...desired, members: { "alice@contoso.com": "entra-alice" } };
    assert.equal((await groups.diff(created.id, read, changed)).changes, true);
    const before = run.emulator.requests.length;
    const { outs } = await groups.update(created.id, read, changed);
    const patch = writes(run, before);
    assert.deepEqual(
      patch.map((r) => r.method),
      ["PATCH"],
    );
    const ops = JSON.parse(patch[0].body).Operations as { op: string; path: string }[];
    assert.deepEqual(
      ops.map((o) => `${o.op} ${o.path.replace(/\[.*\]/, "[…]")}`),
      ["replace description", "add members", "remove members[…]"],
    );
    assert.equal(run.emulator.state.groups.get(created.id)!.description, "Vault administrators");
    assert.equal((await groups.diff(created.id, outs, changed)).changes, false);
    assert.ok(carol.id);
  });

  test("check refuses a group without a description, naming the property", async () => {
    const checked = await groups.check({} as ScimGroupInputs, { externalId: "g-x", displayName: "X", members: {}, protectedAccounts: [] });
    assert.deepEqual(checked.failures, [{ property: "description", reason: "Password Safe requires a description on every group" }]);
  });
});
