import { test } from "node:test";
import * as assert from "node:assert/strict";
import { request } from "undici";
import { Router, startEmulatorServer } from "../../../bench/emulators/common/server";
import { TokenStore } from "../../../bench/emulators/common/tokens";
import { trustCaBundle } from "../../../lib/ca-bundle";

test("emulator serves HTTPS trusted through the CA bundle, records requests and injects faults", async () => {
  const router = new Router().on("GET", "/things/:id", (req) => ({ status: 200, body: { id: req.params.id } }));
  const server = await startEmulatorServer({ router, notFound: () => ({ status: 404, body: { message: "nope" } }) });
  try {
    await assert.rejects(request(`${server.url}/things/1`), /certificate/i, "an untrusted CA must be refused");
    trustCaBundle(server.caFile);
    const ok = await request(`${server.url}/things/a%20b`);
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(await ok.body.json(), { id: "a b" });

    server.faults.inject({ status: 429, retryAfterSeconds: 2, times: 1, path: "/things" });
    const throttled = await request(`${server.url}/things/1`);
    assert.equal(throttled.statusCode, 429);
    assert.equal(throttled.headers["retry-after"], "2");
    await throttled.body.dump();
    const missing = await request(`${server.url}/other`);
    assert.equal(missing.statusCode, 404);
    await missing.body.dump();
    assert.deepEqual(
      server.requests.map((r) => r.status),
      [200, 429, 404],
    );
    assert.equal(server.faults.pending.length, 0);
  } finally {
    await server.close();
  }
});

test("token store evicts the oldest live token past the per-subject limit and expires on demand", () => {
  const store = new TokenStore(3600, 2);
  const a = store.issue("acct");
  const b = store.issue("acct");
  const c = store.issue("acct");
  assert.equal(store.validate(a.token), undefined);
  assert.ok(store.validate(b.token));
  assert.ok(store.validate(c.token));
  store.expireAll();
  assert.equal(store.validate(c.token), undefined);
});
