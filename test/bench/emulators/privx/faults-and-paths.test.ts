import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { call, clientBasic, ERROR_SCHEMA, hostBody, startTrustedEmulator, userBody } from "./helpers";

describe("PrivX emulator: fault knobs and configurable paths", () => {
  test("an injected 429 carries Retry-After and a SCIM error body; a 503 likewise; then service resumes", async () => {
    const emulator = await startTrustedEmulator();
    try {
      const auth = clientBasic(emulator);
      emulator.faults.inject({ status: 429, retryAfterSeconds: 3, times: 1, path: "/Hosts", method: "POST" });
      emulator.faults.inject({ status: 503, times: 1, path: "/Users" });
      const throttled = await call(emulator.hostsUrl, { method: "POST", authorization: auth, body: hostBody("h-1") });
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers["retry-after"], "3");
      assert.deepEqual(throttled.body.schemas, [ERROR_SCHEMA]);
      assert.equal(emulator.state.hosts.size, 0, "a throttled request changes nothing");
      assert.equal((await call(emulator.usersUrl, { authorization: auth })).status, 503);
      assert.equal((await call(emulator.hostsUrl, { method: "POST", authorization: auth, body: hostBody("h-1") })).status, 201);
      assert.equal(emulator.faults.pending.length, 0);
      assert.deepEqual(
        emulator.requests.map((r) => r.status),
        [429, 503, 201],
      );
    } finally {
      await emulator.close();
    }
  });

  test("users and hosts can live at the paths a PrivX UI shows", async () => {
    const emulator = await startTrustedEmulator({
      scimBasePath: "/scim/v2/dir-7",
      usersPath: "/scim/v2/dir-7/Users",
      hostsPath: "/scim/v2/dir-7/host/Hosts",
    });
    try {
      const auth = clientBasic(emulator);
      assert.equal(emulator.hostsUrl, `${emulator.url}/scim/v2/dir-7/host/Hosts`);
      const host = await call(emulator.hostsUrl, { method: "POST", authorization: auth, body: hostBody("h-1") });
      assert.equal(host.status, 201);
      assert.equal(host.headers.location, `${emulator.url}/scim/v2/dir-7/host/Hosts/${host.body.id}`);
      assert.equal((await call(emulator.usersUrl, { method: "POST", authorization: auth, body: userBody("a") })).status, 201);
      assert.equal((await call(`${emulator.url}/scim/v2/Hosts`, { authorization: auth })).status, 404, "the default path is not served");
    } finally {
      await emulator.close();
    }
  });
});
