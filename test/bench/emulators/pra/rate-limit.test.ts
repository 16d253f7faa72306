import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { RateLimiter } from "../../../../bench/emulators/pra/rate-limit";
import { accessToken, call, configApi, scimApi, startEmulator } from "./helpers";

describe("PRA emulator: rate limits and injected faults", () => {
  test("responses carry X-RateLimit-Limit (hourly) and a falling X-RateLimit-Remaining", async () => {
    const pra = await startEmulator({ rateLimitPerHour: 100 });
    try {
      const api = configApi(pra, await accessToken(pra));
      const first = await api.get("/group-policy");
      const second = await api.get("/group-policy");
      assert.equal(first.headers["x-ratelimit-limit"], "100");
      assert.equal(first.headers["x-ratelimit-remaining"], "99");
      assert.equal(second.headers["x-ratelimit-remaining"], "98");
      const failed = await api.get("/group-policy/9999");
      assert.equal(failed.status, 404);
      assert.equal(failed.headers["x-ratelimit-remaining"], "97", "errors count and carry the headers too");
    } finally {
      await pra.close();
    }
  });

  test("past the hourly budget: 429 with Retry-After until the hour ends, per API account", async () => {
    let now = 1_000_000;
    const other = { clientId: "other", clientSecret: "other-secret" };
    const pra = await startEmulator({ rateLimitPerHour: 3, clock: () => now, apiAccounts: [other] });
    try {
      const api = configApi(pra, await accessToken(pra));
      for (let i = 0; i < 3; i++) assert.equal((await api.get("/user")).status, 200);
      const refused = await api.get("/user");
      assert.equal(refused.status, 429);
      assert.equal(refused.headers["retry-after"], "3600");
      assert.equal(refused.headers["x-ratelimit-remaining"], "0");
      assert.equal(typeof refused.json.message, "string");
      const otherApi = configApi(pra, await accessToken(pra, other.clientId, other.clientSecret));
      assert.equal((await otherApi.get("/user")).status, 200, "another API account has its own budget");
      now += 3_600_000;
      assert.equal((await api.get("/user")).status, 200, "a new hour, a new budget");
    } finally {
      await pra.close();
    }
  });

  test("past the per-second limit: refused with Retry-After 1 until a second has passed", async () => {
    let now = 5_000_000;
    const pra = await startEmulator({ rateLimitPerSecond: 2, clock: () => now });
    try {
      const api = configApi(pra, await accessToken(pra));
      assert.equal((await api.get("/user")).status, 200);
      assert.equal((await api.get("/user")).status, 200);
      const refused = await api.get("/user");
      assert.equal(refused.status, 429);
      assert.equal(refused.headers["retry-after"], "1");
      now += 1000;
      assert.equal((await api.get("/user")).status, 200);
    } finally {
      await pra.close();
    }
  });

  test("the status for an exceeded limit is configurable (the vendor does not document it)", async () => {
    const pra = await startEmulator({ rateLimitPerHour: 1, rateLimitStatus: 503 });
    try {
      const api = configApi(pra, await accessToken(pra));
      await api.get("/user");
      const refused = await api.get("/user");
      assert.equal(refused.status, 503);
      assert.ok(refused.headers["retry-after"]);
    } finally {
      await pra.close();
    }
  });

  test("SCIM requests are limited too, with SCIM error bodies", async () => {
    const pra = await startEmulator({ rateLimitPerHour: 1 });
    try {
      const scim = scimApi(pra);
      assert.equal((await scim.get("/Users")).status, 200);
      const refused = await scim.get("/Users");
      assert.equal(refused.status, 429);
      assert.equal(refused.json.status, "429");
      assert.ok(refused.headers["retry-after"]);
    } finally {
      await pra.close();
    }
  });

  test("fault knobs: an injected 429 carries Retry-After, a 503 a readable body; both are used up", async () => {
    const pra = await startEmulator();
    try {
      const token = await accessToken(pra);
      pra.faults.inject({ status: 429, retryAfterSeconds: 7, times: 1, path: "/group-policy" });
      pra.faults.inject({ status: 503, times: 1, path: "/api/scim/v2/Users" });
      const throttled = await call(`${pra.configUrl}/group-policy`, "GET", { token });
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers["retry-after"], "7");
      assert.equal(typeof throttled.json.message, "string");
      const unavailable = await scimApi(pra).get("/Users");
      assert.equal(unavailable.status, 503);
      assert.equal(unavailable.json.status, "503", "SCIM clients can read it as a SCIM error");
      assert.equal((await call(`${pra.configUrl}/group-policy`, "GET", { token })).status, 200);
      assert.equal(pra.faults.pending.length, 0);
    } finally {
      await pra.close();
    }
  });

  test("RateLimiter: refusals do not consume budget; keys are independent", () => {
    let now = 0;
    const limiter = new RateLimiter(1, 2, () => now);
    assert.equal(limiter.take("a").allowed, true);
    assert.equal(limiter.take("a").allowed, false, "second request in the same second");
    assert.equal(limiter.take("b").allowed, true);
    now = 1000;
    const second = limiter.take("a");
    assert.deepEqual([second.allowed, second.remaining], [true, 0]);
    now = 2000;
    const third = limiter.take("a");
    assert.deepEqual([third.allowed, third.retryAfterSeconds], [false, 3598]);
  });
});
