import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PrivxEmulator } from "../../../../bench/emulators/privx";
import { call, clientBasic, ERROR_SCHEMA, startTrustedEmulator, USER_SCHEMA, userBody } from "./helpers";

describe("PrivX emulator: SCIM Users", () => {
  let emulator: PrivxEmulator;
  let auth: string;
  before(async () => {
    emulator = await startTrustedEmulator();
    auth = clientBasic(emulator);
  });
  beforeEach(() => emulator.state.users.clear());
  after(() => emulator.close());

  const create = (body: unknown) => call(emulator.usersUrl, { method: "POST", authorization: auth, body });

  test("create answers 201 with Location and the stored user; read returns the same", async () => {
    const created = await create(
      userBody("alice@contoso.com", {
        externalId: "5c6598fe-608f-4121-b023-6bd1d293270e",
        displayName: "Alice",
        mail: "alice@contoso.com",
        groups: ["developers", "db-admin"],
        windowsSid: "S-1-5-21-1",
        title: "developers,db-admin",
      }),
    );
    assert.equal(created.status, 201);
    assert.match(String(created.headers["content-type"]), /application\/scim\+json/);
    const id: string = created.body.id;
    assert.equal(created.headers.location, `${emulator.usersUrl}/${id}`);
    assert.equal(created.body.meta.location, created.headers.location);
    assert.equal(created.body.meta.resourceType, "User");
    assert.deepEqual(created.body.schemas, [USER_SCHEMA]);
    assert.deepEqual(created.body.groups, ["developers", "db-admin"]);

    const read = await call(`${emulator.usersUrl}/${id}`, { authorization: auth });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, created.body);
    assert.equal(emulator.state.users.get(id)?.userName, "alice@contoso.com");
  });

  test("undocumented attributes are not stored (PrivX documents no 'active' or 'emails')", async () => {
    const created = await create(userBody("bob", { active: false, emails: [{ value: "bob@contoso.com" }], name: { givenName: "Bob" } }));
    assert.equal(created.status, 201);
    assert.equal("active" in created.body, false);
    assert.equal("emails" in created.body, false);
    assert.equal("name" in created.body, false);
  });

  test("attribute names match case-insensitively and are stored with the documented spelling", async () => {
    const created = await create({ schemas: [USER_SCHEMA], USERNAME: "carol", ExternalID: "c-1" });
    assert.equal(created.status, 201);
    assert.equal(created.body.userName, "carol");
    assert.equal(created.body.externalId, "c-1");
  });

  test("userName is required; schemas must name the User schema; groups must be strings", async () => {
    const missing = await create(userBody("", { externalId: "x" }));
    assert.equal(missing.status, 400);
    assert.equal(missing.body.scimType, "invalidValue");
    assert.deepEqual(missing.body.schemas, [ERROR_SCHEMA]);
    assert.equal((await create({ userName: "noschema" })).body.scimType, "invalidSyntax");
    assert.equal((await create(userBody("g", { groups: [{ value: "developers" }] }))).body.scimType, "invalidValue");
    const notJson = await call(emulator.usersUrl, { method: "POST", authorization: auth, body: "{not json" });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.scimType, "invalidSyntax");
    assert.equal(emulator.state.users.size, 0);
  });

  test("externalId must be unique: 409 uniqueness, on create and on replace", async () => {
    assert.equal((await create(userBody("alice", { externalId: "e-1" }))).status, 201);
    const duplicate = await create(userBody("alice2", { externalId: "e-1" }));
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.scimType, "uniqueness");
    assert.equal(duplicate.body.status, "409");
    const other = await create(userBody("dave", { externalId: "e-2" }));
    const replace = await call(`${emulator.usersUrl}/${other.body.id}`, { method: "PUT", authorization: auth, body: userBody("dave", { externalId: "e-1" }) });
    assert.equal(replace.status, 409);
  });

  test("without externalId, userName is the unique identifier; with distinct externalIds a userName may repeat", async () => {
    assert.equal((await create(userBody("frank"))).status, 201);
    assert.equal((await create(userBody("frank"))).status, 409);
    assert.equal((await create(userBody("grace", { externalId: "g-1" }))).status, 201);
    assert.equal((await create(userBody("grace", { externalId: "g-2" }))).status, 201);
  });

  test("replace swaps every attribute (omitted ones disappear) and keeps id and created", async () => {
    const created = await create(userBody("heidi", { externalId: "h-1", displayName: "Heidi", groups: ["a"] }));
    const url = `${emulator.usersUrl}/${created.body.id}`;
    const replaced = await call(url, {
      method: "PUT",
      authorization: auth,
      body: userBody("heidi", { externalId: "h-1", mail: "heidi@contoso.com", id: "ignored" }),
    });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.body.id, created.body.id);
    assert.equal(replaced.body.meta.created, created.body.meta.created);
    assert.equal(replaced.body.mail, "heidi@contoso.com");
    assert.equal("displayName" in replaced.body, false);
    assert.equal("groups" in replaced.body, false);
    assert.deepEqual((await call(url, { authorization: auth })).body, replaced.body);
  });

  test("delete answers 204, then the user is gone (404 on read, replace and delete)", async () => {
    const created = await create(userBody("ivan"));
    const url = `${emulator.usersUrl}/${created.body.id}`;
    const deleted = await call(url, { method: "DELETE", authorization: auth });
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, undefined);
    for (const method of ["GET", "PUT", "DELETE"]) {
      const reply = await call(url, { method, authorization: auth, body: method === "PUT" ? userBody("ivan") : undefined });
      assert.equal(reply.status, 404, method);
      assert.deepEqual(reply.body.schemas, [ERROR_SCHEMA]);
    }
  });

  test("an edit made in the console (state) shows on the next read", async () => {
    const created = await create(userBody("judy", { groups: ["a"] }));
    emulator.state.users.get(created.body.id)!.groups = ["a", "added-in-console"];
    const read = await call(`${emulator.usersUrl}/${created.body.id}`, { authorization: auth });
    assert.deepEqual(read.body.groups, ["a", "added-in-console"]);
  });
});
