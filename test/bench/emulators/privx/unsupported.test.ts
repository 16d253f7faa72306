import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PrivxEmulator } from "../../../../bench/emulators/privx";
import { call, clientBasic, ERROR_SCHEMA, hostBody, startTrustedEmulator, userBody } from "./helpers";

describe("PrivX emulator: what PrivX does not support", () => {
  let emulator: PrivxEmulator;
  let auth: string;
  before(async () => {
    emulator = await startTrustedEmulator();
    auth = clientBasic(emulator);
  });
  after(() => emulator.close());

  test("PATCH is refused with 501 and a SCIM error, and changes nothing", async () => {
    const created = await call(emulator.usersUrl, { method: "POST", authorization: auth, body: userBody("alice", { groups: ["a"] }) });
    const patch = {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", path: "groups", value: ["b"] }],
    };
    const reply = await call(`${emulator.usersUrl}/${created.body.id}`, { method: "PATCH", authorization: auth, body: patch });
    assert.equal(reply.status, 501);
    assert.deepEqual(reply.body.schemas, [ERROR_SCHEMA]);
    assert.equal(reply.body.status, "501");
    assert.deepEqual(emulator.state.users.get(created.body.id)?.groups, ["a"]);
    const hostPatch = await call(`${emulator.hostsUrl}/anything`, { method: "PATCH", authorization: auth, body: patch });
    assert.equal(hostPatch.status, 501);
  });

  test("Bulk is refused with 501", async () => {
    const reply = await call(`${emulator.scimBaseUrl}/Bulk`, {
      method: "POST",
      authorization: auth,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations: [{ method: "POST", path: "/Hosts", data: hostBody("h") }] },
    });
    assert.equal(reply.status, 501);
    assert.equal(emulator.state.hosts.size, 0);
  });

  test("the Group resource type does not exist: 404 with a SCIM error", async () => {
    for (const [method, path] of [
      ["GET", "/Groups"],
      ["POST", "/Groups"],
      ["GET", "/Groups/123"],
    ]) {
      const reply = await call(`${emulator.scimBaseUrl}${path}`, {
        method,
        authorization: auth,
        body: method === "POST" ? { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "x" } : undefined,
      });
      assert.equal(reply.status, 404, `${method} ${path}`);
      assert.deepEqual(reply.body.schemas, [ERROR_SCHEMA]);
    }
  });

  test("POST .search is refused (search is GET with an eq filter); wrong methods get 405 with Allow", async () => {
    assert.equal((await call(`${emulator.usersUrl}/.search`, { method: "POST", authorization: auth, body: { filter: 'userName eq "a"' } })).status, 501);
    const reply = await call(emulator.hostsUrl, { method: "DELETE", authorization: auth });
    assert.equal(reply.status, 405);
    assert.equal(reply.headers.allow, "GET, POST");
    assert.deepEqual(reply.body.schemas, [ERROR_SCHEMA]);
  });
});
