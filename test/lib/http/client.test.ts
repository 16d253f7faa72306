import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import { Router, startEmulatorServer, type EmulatorServer } from "../../../bench/emulators/common/server";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { ApiError, bearerAuth, createHttpClient, isApiError, PoolRegistry, TokenBucket, type HttpClientOptions } from "../../../lib/http";
import { fakeClock, startDroppingServer } from "./support";

const SECRET_TOKEN = "tok-very-secret-0123456789";

let server: EmulatorServer;
/** /api/hang answers only when released. */
const hang = (() => {
  let waiting: Array<() => void> = [];
  return {
    wait: () => new Promise<void>((resolve) => waiting.push(resolve)),
    release: () => {
      for (const resolve of waiting) resolve();
      waiting = [];
    },
    reset: () => void (waiting = []),
  };
})();
const pools = new PoolRegistry();

before(async () => {
  const router = new Router()
    .on("GET", "/api/things", (req) => ({ status: 200, body: [{ id: 1 }], headers: { "X-Echo-Query": req.query.toString() } }))
    .on("POST", "/api/hang", async () => (await hang.wait(), { status: 201, body: {} }))
    .on("POST", "/api/things", (req) => ({ status: 201, body: { id: 2, name: req.json<{ name: string }>().name } }))
    .on("PUT", "/api/things/:id", () => ({ status: 200, body: { ok: true } }))
    .on("GET", "/api/missing", () => ({ status: 404, body: { message: "Thing 7 not found" } }))
    .on("GET", "/api/conflict", () => ({
      status: 409,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "409", scimType: "uniqueness", detail: "userName taken" },
    }))
    .on("POST", "/api/invalid", () => ({ status: 422, body: { message: "The given data was invalid.", errors: { name: ["The name field is required."] } } }))
    .on("GET", "/api/forbidden", () => ({ status: 403, body: { message: "no permission" } }))
    .on("GET", "/api/html", () => ({ status: 200, body: "<html>login</html>", headers: { "Content-Type": "text/html" } }))
    .on("GET", "/api/empty", () => ({ status: 204 }))
    .on("GET", "/api/echo-secrets", (req) => ({
      status: 500,
      body: { message: `bad header ${req.headers.authorization}`, client_secret: "s3cr3t-in-body", nested: { access_token: "abc-token-xyz" } },
    }))
    .on("GET", "/api/throttled-date", () => ({
      status: 429,
      headers: { "Retry-After": new Date(Date.now() + 3000).toUTCString() },
      body: { message: "slow down" },
    }))
    .on("GET", "/api/throttled-reset", () => ({
      status: 429,
      headers: { "X-RateLimit-Limit": 20, "X-RateLimit-Remaining": 0, "X-RateLimit-Reset": 3 },
      body: { message: "slow down" },
    }))
    .on("GET", "/api/last-in-window", () => ({
      status: 200,
      headers: { "X-RateLimit-Limit": 20, "X-RateLimit-Remaining": 0, "X-RateLimit-Reset": 2 },
      body: {},
    }))
    .on("GET", "/api/throttled-long", () => ({ status: 429, headers: { "Retry-After": 3600 }, body: { message: "come back in an hour" } }));
  server = await startEmulatorServer({ router, notFound: () => ({ status: 404, body: { message: "no route" } }) });
  trustCaBundle(server.caFile);
});

after(async () => {
  hang.release();
  await pools.closeAll();
  await server.close();
});

function client(extra: Partial<HttpClientOptions> = {}) {
  const clock = fakeClock();
  const progress: string[] = [];
  const http = createHttpClient({
    product: "test",
    baseUrl: `${server.url}/api`,
    pools,
    clock,
    random: () => 0.5,
    progress: (line) => progress.push(line),
    ...extra,
  });
  return { http, clock, progress };
}

function requestsTo(path: string) {
  return server.requests.filter((r) => r.path === path);
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(isApiError(err), `expected an ApiError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected ${code}, got success`);
}

describe("createHttpClient", () => {
  test("GET builds the URL from base, path and query and parses JSON", async () => {
    const { http } = client();
    const res = await http.get<{ id: number }[]>("/things", { query: { per_page: 5, name: "a b", skip: undefined, tags: ["x", "y"] } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, [{ id: 1 }]);
    assert.equal(res.headers["x-echo-query"], "per_page=5&name=a+b&tags=x&tags=y");
  });

  test("POST sends JSON with content type, and an empty 204 body parses as undefined", async () => {
    const { http } = client();
    const created = await http.post<{ id: number; name: string }>("/things", { json: { name: "n1" } });
    assert.deepEqual(created.body, { id: 2, name: "n1" });
    const last = requestsTo("/api/things").at(-1)!;
    assert.equal(last.headers["content-type"], "application/json");
    assert.equal(last.headers.accept, "application/json");
    assert.equal((await http.get("/empty")).body, undefined);
  });

  test("connectionClose sends Connection: close on every request", async () => {
    const { http } = client({ connectionClose: true });
    await http.get("/things");
    assert.equal(requestsTo("/api/things").at(-1)!.headers.connection, "close");
  });

  test("429 is retried after the Retry-After seconds the server asked for", async () => {
    const { http, clock } = client();
    const before = requestsTo("/api/things").length;
    server.faults.inject({ status: 429, retryAfterSeconds: 2, times: 1, path: "/api/things", method: "GET" });
    const res = await http.get("/things");
    assert.equal(res.status, 200);
    assert.deepEqual(clock.sleeps, [2000]);
    assert.deepEqual(
      requestsTo("/api/things")
        .slice(before)
        .map((r) => r.status),
      [429, 200],
    );
  });

  test("429 with Retry-After as an HTTP date waits until that date", async () => {
    const { http, clock } = client({ retry: { maxRetries: 1 } });
    await rejectsWith(http.get("/throttled-date"), "RATE_LIMITED");
    assert.equal(clock.sleeps.length, 1);
    assert.ok(clock.sleeps[0] > 1000 && clock.sleeps[0] <= 4000, `waited ${clock.sleeps[0]}`); // the date has whole seconds
  });

  test("429 with an exhausted X-RateLimit window waits for its reset", async () => {
    const { http, clock } = client({ retry: { maxRetries: 1 } });
    const err = await rejectsWith(http.get("/throttled-reset"), "RATE_LIMITED");
    assert.deepEqual(clock.sleeps, [3000]);
    assert.equal(err.retryable, true);
    assert.deepEqual(http.rateLimitStatus()?.remaining, 0);
  });

  test("a success that exhausts the X-RateLimit window holds the next request until the reset", async () => {
    const { http, clock } = client();
    await http.get("/last-in-window");
    assert.deepEqual(clock.sleeps, []);
    await http.get("/things");
    assert.deepEqual(clock.sleeps, [2000]);
  });

  test("debug log lines name method, URL and status, never bodies or credentials", async () => {
    const logs: string[] = [];
    const { http } = client({ auth: bearerAuth(SECRET_TOKEN), logger: (line) => logs.push(line) });
    await http.post("/things", { json: { name: "body-marker-123" } });
    assert.equal(logs.length, 1);
    assert.match(logs[0], /^test POST https:\/\/127\.0\.0\.1:\d+\/api\/things -> 201/);
    assert.ok(!logs[0].includes("body-marker-123") && !logs[0].includes(SECRET_TOKEN));
  });

  test("a Retry-After beyond the policy's limit gives up at once with RATE_LIMITED and the asked delay", async () => {
    const { http, clock } = client();
    const err = await rejectsWith(http.get("/throttled-long"), "RATE_LIMITED");
    assert.deepEqual(clock.sleeps, []);
    assert.equal(err.retryAfterMs, 3_600_000);
    assert.equal(requestsTo("/api/throttled-long").length, 1);
  });

  test("503 then success: one backoff step, then the answer", async () => {
    const { http, clock } = client();
    server.faults.inject({ status: 503, times: 1, path: "/api/things", method: "GET" });
    const res = await http.get("/things");
    assert.equal(res.status, 200);
    assert.equal(clock.sleeps.length, 1);
    assert.ok(clock.sleeps[0] >= 125 && clock.sleeps[0] <= 250, `backoff ${clock.sleeps[0]}`);
  });

  test("backoff doubles per retry and is capped", async () => {
    const { http, clock } = client({ retry: { baseDelayMs: 100, maxDelayMs: 300, maxRetries: 4 }, random: () => 1 });
    server.faults.inject({ status: 502, times: 5, path: "/api/things", method: "GET" });
    await rejectsWith(http.get("/things"), "SERVER");
    assert.deepEqual(clock.sleeps, [100, 200, 300, 300]);
  });

  test("a burst of 8 × 503 is ridden out within the retry budget, with a progress line per wait", async () => {
    const { http, progress } = client();
    const before = requestsTo("/api/things").length;
    server.faults.inject({ status: 503, times: 8, path: "/api/things", method: "GET" });
    const res = await http.get("/things");
    assert.equal(res.status, 200);
    assert.deepEqual(
      requestsTo("/api/things")
        .slice(before)
        .map((r) => r.status),
      [...Array(8).fill(503), 200],
    );
    assert.equal(progress.length, 8);
    assert.match(progress[0], /^test GET \S+\/api\/things answered 503; retrying in \S+ \S+ \(attempt 2, .* of the 3 min retry budget used\)$/);
  });

  test("40 × 429 with Retry-After: 1 is ridden out: every wait is the one asked for", async () => {
    const { http, clock } = client();
    const before = requestsTo("/api/things").length;
    server.faults.inject({ status: 429, retryAfterSeconds: 1, times: 40, path: "/api/things", method: "GET" });
    assert.equal((await http.get("/things")).status, 200);
    assert.equal(requestsTo("/api/things").length - before, 41);
    assert.deepEqual(clock.sleeps, Array(40).fill(1000));
  });

  test("an outage longer than the budget fails with retryBudgetExhausted, the attempts made and the config key to raise", async () => {
    const { http, clock } = client({ retry: { budgetMs: 5000 } });
    const before = requestsTo("/api/things").length;
    server.faults.inject({ status: 429, retryAfterSeconds: 1, times: 10, path: "/api/things", method: "GET" });
    const limited = await rejectsWith(http.get("/things"), "RATE_LIMITED");
    server.faults.clear();
    assert.equal(limited.status, 429);
    assert.equal(limited.retryable, true);
    assert.equal(limited.attempts, 6, "sent at 0, 1, 2, 3, 4 and 5 s; a sixth wait would pass 5 s");
    assert.deepEqual(limited.retryBudgetExhausted, { budgetMs: 5000, elapsedMs: 5000, nextWaitMs: 1000 });
    assert.equal(requestsTo("/api/things").length - before, 6);
    assert.deepEqual(clock.sleeps, Array(5).fill(1000));
    assert.match(limited.message, /retryBudgetSeconds/);
    assert.equal(JSON.parse(JSON.stringify(limited)).retryBudgetExhausted.budgetMs, 5000);
  });

  test("maxRetries still caps the retries when set: SERVER after 5 attempts", async () => {
    const { http } = client({ retry: { maxRetries: 4 } });
    const before = requestsTo("/api/things").length;
    server.faults.inject({ status: 503, times: 10, path: "/api/things", method: "GET" });
    const failed = await rejectsWith(http.get("/things"), "SERVER");
    server.faults.clear();
    assert.equal(failed.status, 503);
    assert.equal(failed.attempts, 5);
    assert.equal(failed.retryBudgetExhausted, undefined);
    assert.equal(requestsTo("/api/things").length - before, 5);
  });

  test("a create whose answer was lost is not sent twice when findExisting finds the object", async () => {
    const { http } = client();
    const before = requestsTo("/api/things").length;
    server.faults.inject({ drop: "after-handling", times: 1, path: "/api/things", method: "POST" });
    let checks = 0;
    const res = await http.post<{ id: number }>("/things", {
      json: { name: "lost-answer" },
      findExisting: async () => (checks++, { id: 2, name: "lost-answer" }),
    });
    assert.deepEqual(res.body, { id: 2, name: "lost-answer" });
    assert.equal(checks, 1);
    assert.deepEqual(
      requestsTo("/api/things")
        .slice(before)
        .map((r) => `${r.method} ${r.status}`),
      ["POST 0"],
      "sent once; its answer never arrived",
    );
  });

  test("a create whose request never arrived is sent again when findExisting finds nothing; without findExisting it is not", async () => {
    const { http } = client();
    let before = requestsTo("/api/things").length;
    server.faults.inject({ drop: "before-handling", times: 1, path: "/api/things", method: "POST" });
    const res = await http.post("/things", { json: { name: "retry-me" }, findExisting: async () => undefined });
    assert.equal(res.status, 201);
    assert.deepEqual(
      requestsTo("/api/things")
        .slice(before)
        .map((r) => r.status),
      [0, 201],
    );

    before = requestsTo("/api/things").length;
    server.faults.inject({ drop: "before-handling", times: 1, path: "/api/things", method: "POST" });
    const err = await rejectsWith(http.post("/things", { json: { name: "not-safe" } }), "NETWORK");
    assert.equal(err.attempts, 1);
    assert.equal(requestsTo("/api/things").length - before, 1);
  });

  test("a create answered 503 checks for its object before sending again", async () => {
    const { http } = client();
    const before = requestsTo("/api/things").length;
    server.faults.inject({ status: 503, times: 2, path: "/api/things", method: "POST" });
    let checks = 0;
    const res = await http.post("/things", { json: { name: "x" }, findExisting: async () => void checks++ });
    assert.equal(res.status, 201);
    assert.equal(checks, 2);
    assert.deepEqual(
      requestsTo("/api/things")
        .slice(before)
        .map((r) => r.status),
      [503, 503, 201],
    );
  });

  test("a non-idempotent POST is not retried on 503 but is retried on 429", async () => {
    const { http } = client();
    let before = requestsTo("/api/things").length;
    server.faults.inject({ status: 503, times: 1, path: "/api/things", method: "POST" });
    await rejectsWith(http.post("/things", { json: { name: "x" } }), "SERVER");
    assert.equal(requestsTo("/api/things").length - before, 1);

    before = requestsTo("/api/things").length;
    server.faults.inject({ status: 429, retryAfterSeconds: 1, times: 1, path: "/api/things", method: "POST" });
    const res = await http.post("/things", { json: { name: "x" } });
    assert.equal(res.status, 201);
    assert.equal(requestsTo("/api/things").length - before, 2);
  });

  test("a POST marked idempotent is retried on 503", async () => {
    const { http } = client();
    server.faults.inject({ status: 503, times: 1, path: "/api/things", method: "POST" });
    const res = await http.post("/things", { json: { name: "x" }, idempotent: true });
    assert.equal(res.status, 201);
  });

  test("status codes map to error codes with the product's detail", async () => {
    const { http } = client();
    const missing = await rejectsWith(http.get("/missing"), "NOT_FOUND");
    assert.equal(missing.status, 404);
    assert.equal(missing.product, "test");
    assert.equal(missing.method, "GET");
    assert.equal(missing.url, `${server.url}/api/missing`);
    assert.deepEqual(missing.body, { message: "Thing 7 not found" });
    assert.equal(missing.detail, "Thing 7 not found");
    assert.equal(missing.retryable, false);

    const conflict = await rejectsWith(http.get("/conflict"), "CONFLICT");
    assert.equal(conflict.scimType, "uniqueness");
    const invalid = await rejectsWith(http.post("/invalid", { json: {} }), "VALIDATION");
    assert.match(invalid.detail ?? "", /name: The name field is required/);
    await rejectsWith(http.get("/forbidden"), "FORBIDDEN");
  });

  test("expect lets a caller accept a non-2xx status as an answer", async () => {
    const { http } = client();
    const res = await http.get("/missing", { expect: [200, 404] });
    assert.equal(res.status, 404);
  });

  test("a 2xx answer that is not JSON is BAD_RESPONSE", async () => {
    const { http } = client();
    await rejectsWith(http.get("/html"), "BAD_RESPONSE");
  });

  test("an absolute URL outside the base origin is refused before anything is sent", async () => {
    const { http } = client({ auth: bearerAuth(SECRET_TOKEN) });
    await rejectsWith(http.get("https://elsewhere.example/api/things"), "BAD_RESPONSE");
  });

  test("an absolute URL on the base origin (a Link target) is followed", async () => {
    const { http } = client();
    const res = await http.get(`${server.url}/api/things?current_page=2`);
    assert.equal(res.headers["x-echo-query"], "current_page=2");
  });

  test("secrets never appear in an error's message, JSON or inspect output", async () => {
    const logs: string[] = [];
    const { http } = client({ auth: bearerAuth(SECRET_TOKEN), logger: (line) => logs.push(line), retry: { maxRetries: 0 } });
    const err = await rejectsWith(http.get("/echo-secrets", { query: { access_token: "query-secret-999", page: 1 } }), "SERVER");
    const shown = [err.message, JSON.stringify(err), inspect(err, { depth: Infinity, showHidden: true }), String(err.stack), ...logs].join("\n");
    for (const secret of [SECRET_TOKEN, "s3cr3t-in-body", "abc-token-xyz", "query-secret-999"]) {
      assert.ok(!shown.includes(secret), `${secret} leaked`);
    }
    assert.match(err.url, /page=1/);
    assert.ok(logs.length > 0);
  });

  test("timeouts: TIMEOUT, and a non-idempotent request is not retried", async () => {
    // The server holds the answer until the test releases it, so the timeout fires however
    // loaded the machine is; the client's own log counts what it sent.
    const logs: string[] = [];
    const { http } = client({ timeoutMs: 100, logger: (line) => logs.push(line) });
    hang.reset();
    const err = await rejectsWith(http.post("/hang", { json: { name: "slow" } }), "TIMEOUT");
    hang.release();
    assert.equal(err.attempts, 1);
    assert.deepEqual(
      logs.map((l) => l.replace(/https:\S+/, "URL")),
      ["test POST URL -> TimeoutError; giving up"],
    );
  });
});

describe("connection errors", () => {
  test("an idempotent GET is retried on a dropped connection, a POST is not", async () => {
    const dropping = await startDroppingServer();
    const localPools = new PoolRegistry();
    try {
      const http = createHttpClient({
        product: "test",
        baseUrl: dropping.url,
        pools: localPools,
        clock: fakeClock(),
        random: () => 0,
        progress: () => {},
        retry: { budgetMs: 10_000 },
      });
      const post = await rejectsWith(http.post("/x", { json: { a: 1 } }), "NETWORK");
      assert.equal(post.retryable, true);
      assert.equal(dropping.connections(), 1, "the POST must be sent once");
      const get = await rejectsWith(http.get("/x"), "NETWORK");
      // Backoff 125, 250, 500, 1000, 2000, 4000 ms (random 0: half of each step) = 7.9 s; 4 s more would pass 10 s.
      assert.equal(get.attempts, 7);
      assert.ok(get.retryBudgetExhausted);
      assert.equal(dropping.connections(), 1 + 7, "the GET is sent until the budget is used");
    } finally {
      await localPools.closeAll();
      await dropping.close();
    }
  });

  test("a refused connection is NETWORK with advice, and carries no secret", async () => {
    const dropping = await startDroppingServer();
    const url = dropping.url;
    await dropping.close();
    const localPools = new PoolRegistry();
    const http = createHttpClient({
      product: "test",
      baseUrl: url,
      pools: localPools,
      clock: fakeClock(),
      auth: bearerAuth(SECRET_TOKEN),
      retry: { maxRetries: 1 },
      progress: () => {},
    });
    const err = await rejectsWith(http.get("/x"), "NETWORK");
    assert.equal(err.cause?.code, "ECONNREFUSED");
    assert.ok(!JSON.stringify(err).includes(SECRET_TOKEN));
    await localPools.closeAll();
  });
});

describe("client-side rate limit", () => {
  test("requests beyond the burst wait for their slot and go out in arrival order", async () => {
    // Sleeps are held until released, so what reached the server can be counted at each step.
    const held: Array<() => void> = [];
    const now = 0;
    const clock = { now: () => now, sleep: () => new Promise<void>((resolve) => held.push(resolve)) };
    const bucket = new TokenBucket({ perSecond: 10, burst: 2 }, clock);
    const http = createHttpClient({ product: "test", baseUrl: `${server.url}/api`, pools, rateLimit: bucket, clock });
    const before = requestsTo("/api/things").length;
    const done: number[] = [];
    const calls = [0, 1, 2, 3, 4].map((i) => http.get("/things", { query: { n: i } }).then(() => done.push(i)));
    while (done.length < 2) await new Promise((r) => setTimeout(r, 5));
    assert.equal(held.length, 3, "three callers wait for a slot");
    assert.equal(requestsTo("/api/things").length - before, 2, "only the burst reached the server");
    for (let released = 0; released < 3; released++) {
      held.shift()!();
      while (done.length < 3 + released) await new Promise((r) => setTimeout(r, 5));
      assert.equal(requestsTo("/api/things").length - before, 3 + released);
    }
    await Promise.all(calls);
    assert.deepEqual(
      requestsTo("/api/things")
        .slice(before)
        .map((r) => r.query.get("n")),
      ["0", "1", "2", "3", "4"],
    );
  });
});
