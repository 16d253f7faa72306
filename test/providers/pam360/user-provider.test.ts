// pam360:User against a PAM360 server: what PAM360 requires on POST, the pam360_domain
// extension written and its hand edits undone, only documented query parameters, the role-lock
// user created with a role once, and the UPN-rename policy (in place, else RENAME_REFUSED
// naming both names, nothing else sent).
import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { isProviderError } from "../../../lib/provider/errors";
import type { ScimUserOutputs } from "../../../providers/scim/user";
import type { ProductRun } from "../scim/product-harness";
import { DOMAIN, DOMAIN_TYPE, pam360, pam360User, type Pam360Emulator } from "./harness";

const provider = pam360.providers.users;
const EXTENSION = "urn:ietf:params:scim:schemas:extension:pam360_domain:2.0:User";
const bodies = (run: ProductRun<Pam360Emulator>, method: string, from = 0) =>
  run.emulator.requests
    .slice(from)
    .filter((r) => r.method === method && r.path.includes("/Users"))
    .map((r) => JSON.parse(r.body));

describe("pam360:User", () => {
  let run: ProductRun<Pam360Emulator>;
  after(() => run?.close());

  test("POST carries userName, name.givenName, name.familyName, emails, roles, active and the domain extension (userType 2)", async () => {
    run = await pam360.startProviderRun({ emulator: { maxCount: 2, filter: true } });
    const created = await provider.create(pam360User());
    const [body] = bodies(run, "POST");
    assert.equal(body.userName, "alice@contoso.com");
    assert.deepEqual(body.name, { givenName: "Alice", familyName: "Smith" });
    assert.deepEqual(body.emails, [{ value: "alice@contoso.com", type: "work", primary: true }]);
    assert.deepEqual(body.roles, [{ value: "Password User", primary: true }]);
    assert.equal(body.active, true);
    assert.deepEqual(body[EXTENSION], { userType: 2, domain: "contoso.com" });
    assert.ok(body.schemas.includes(EXTENSION), "the extension's URN is listed in schemas (RFC 7643 §3.3)");
    assert.deepEqual(created.outs.attributes, { [DOMAIN_TYPE]: 2, [DOMAIN]: "contoso.com" });
    assert.equal((await provider.diff(created.id, created.outs, pam360User())).changes, false);
  });

  test("only startIndex and count are ever sent: no filter even where /ServiceProviderConfig offers one", async () => {
    await run.newProcess();
    const mark = run.emulator.requests.length;
    for (const n of [1, 2])
      run.emulator.state.users.set(`someone-${n}`, {
        id: `someone-${n}`,
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: `someone${n}@contoso.com`,
        active: true,
      });
    await provider.create(pam360User({ externalId: "entra-bob", userName: "bob@contoso.com", email: "bob@contoso.com" }));
    const lists = run.emulator.requests.slice(mark).filter((r) => r.method === "GET" && r.path.endsWith("/Users"));
    assert.ok(lists.length >= 2, "the users are listed in pages of 2");
    for (const r of lists) assert.deepEqual([...r.query.keys()].sort(), ["count", "startIndex"]);
  });

  test("a hand edit of the domain extension is drift, undone by update", async () => {
    await run.newProcess();
    const desired = pam360User({ externalId: "entra-dan", userName: "dan@contoso.com", email: "dan@contoso.com" });
    const created = await provider.create(desired);
    const stored = run.emulator.state.users.get(created.id)!;
    stored[EXTENSION] = { userType: "0", domain: "LOCAL" };
    await run.newProcess();
    const read = (await provider.read(created.id, created.outs)).props as ScimUserOutputs;
    assert.deepEqual(read.attributes, { [DOMAIN_TYPE]: 0, [DOMAIN]: "LOCAL" });
    assert.equal((await provider.diff(created.id, read, desired)).changes, true);
    const { outs } = await provider.update(created.id, read, desired);
    assert.deepEqual(run.emulator.state.users.get(created.id)![EXTENSION], { userType: 2, domain: "contoso.com" });
    assert.equal((await provider.diff(created.id, outs, desired)).changes, false);
  });

  test("a role-locked user is created with the mapped role (PAM360 requires one), then keeps the role PAM360 holds", async () => {
    await run.newProcess();
    const desired = pam360User({
      externalId: "entra-owner",
      userName: "owner@contoso.com",
      email: "owner@contoso.com",
      roleLocked: true,
      roles: ["Password User"],
    });
    const created = await provider.create(desired);
    const stored = run.emulator.state.users.get(created.id)!;
    assert.deepEqual(stored.roles, [{ value: "Password User", primary: true }]);
    stored.roles = [{ value: "Privileged Administrator" }];
    await run.newProcess();
    const read = (await provider.read(created.id, created.outs)).props as ScimUserOutputs;
    assert.deepEqual(read.roles, ["Privileged Administrator"]);
    assert.equal((await provider.diff(created.id, read, desired)).changes, false, "the held role is no difference");
  });

  test("a renamed UPN is renamed in place where PAM360 allows it", async () => {
    await run.newProcess();
    run.emulator.knobs.renameUserName = "in-place";
    const created = await provider.create(pam360User({ externalId: "entra-erin", userName: "erin@contoso.com", email: "erin@contoso.com" }));
    const renamed = pam360User({ externalId: "entra-erin", userName: "erin.new@contoso.com", email: "erin@contoso.com" });
    const { outs } = await provider.update(created.id, created.outs, renamed);
    assert.equal(outs.userName, "erin.new@contoso.com");
    assert.equal(run.emulator.state.users.get(created.id)!.userName, "erin.new@contoso.com");
  });

  for (const knob of ["refuse", "ignore"] as const) {
    test(`where PAM360 ${knob === "refuse" ? "refuses the rename (400 mutability)" : "answers with the old name"}, that user fails with RENAME_REFUSED naming both names and what to do; nothing is created or deleted`, async () => {
      await run.newProcess();
      run.emulator.knobs.renameUserName = knob;
      const finn = `finn-${knob}`;
      const created = await provider.create(pam360User({ externalId: `entra-${finn}`, userName: `${finn}@contoso.com`, email: `${finn}@contoso.com` }));
      const users = run.emulator.state.users.size;
      const renamed = pam360User({ externalId: `entra-${finn}`, userName: `${finn}.new@contoso.com`, email: `${finn}@contoso.com` });
      const mark = run.emulator.requests.length;
      const err = await provider.update(created.id, created.outs, renamed).catch((e: unknown) => e);
      assert.ok(isProviderError(err, "RENAME_REFUSED"), `RENAME_REFUSED, got ${String(err)}`);
      assert.ok(
        err.message.includes(`PAM360 user ${finn}@contoso.com (${created.id}): ${knob === "refuse" ? "refused" : "accepted the change but kept the old name"}`),
        err.message,
      );
      assert.ok(err.message.includes(`renaming it to ${finn}.new@contoso.com, the new Entra UPN`), err.message);
      assert.ok(err.remedy.includes(`Rename the user to ${finn}.new@contoso.com in PAM360's console, or delete it there`), err.remedy);
      assert.equal(run.emulator.state.users.size, users);
      assert.equal(run.emulator.state.users.get(created.id)!.userName, `${finn}@contoso.com`);
      assert.deepEqual(
        run.emulator.requests.slice(mark).filter((r) => ["POST", "DELETE"].includes(r.method)),
        [],
      );
    });
  }
});
