import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import { Router, startEmulatorServer, type EmulatorServer } from "../../../bench/emulators/common/server";
import { basicCredentials, bearerToken, TokenStore } from "../../../bench/emulators/common/tokens";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { createHttpClient, isApiError, OAuthClientCredentials, PoolRegistry } from "../../../lib/http";
import { fakeClock } from "./support";

const CLIENT_ID = "api-account-1";
const CLIENT_SECRET = "client-secret-!#%-0123456789";

let server: EmulatorServer;
const tokens = new TokenStore(3600, 30);
const pools = new PoolRegistry();
let tokenTypeAnswer = "Bearer";

before(async () => {
  const router = new Router()
    .on("POST", "/oauth2/token", (req) => {
      const creds = basicCredentials(req.headers.authorization);
      if (!creds || creds[0] !== CLIENT_ID || creds[1] !== CLIENT_SECRET) {
        return { status: 401, body: { error: "invalid_client", message: "Client authentication failed." } };
      }
      if (req.form().get("grant_type") !== "client_credentials") return { status: 400, body: { error: "unsupported_grant_type" } };
      const issued = tokens.issue(CLIENT_ID);
      return { status: 200, body: { access_token: issued.token, token_type: tokenTypeAnswer, expires_in: tokens.ttl } };
    })
    .on("GET", "/api/thing", (req) =>
      tokens.validate(bearerToken(req.headers.authorization))
        ? { status: 200, body: { ok: true } }
        : { status: 401, body: { error: "access_denied", message: "The resource owner or authorization server denied the request." } },
    )
    .on("GET", "/api/always-401", () => ({ status: 401, body: { error: "access_denied", message: "denied" } }));
  server = await startEmulatorServer({ router, notFound: () => ({ status: 404, body: { message: "no route" } }) });
  trustCaBundle(server.caFile);
});

after(async () => {
  await pools.closeAll();
  await server.close();
});

function setup(secret = CLIENT_SECRET) {
  const clock = fakeClock();
  const auth = new OAuthClientCredentials({
    product: "test",
    tokenUrl: `${server.url}/oauth2/token`,
    clientId: CLIENT_ID,
    clientSecret: secret,
    http: { pools, clock },
  });
  const http = createHttpClient({ product: "test", baseUrl: `${server.url}/api`, auth, pools, clock });
  return { auth, http, clock };
}

const tokenRequests = () => server.requests.filter((r) => r.path === "/oauth2/token").length;

test("many concurrent calls share one minted token", async () => {
  const { auth, http } = setup();
  const before = tokenRequests();
  const results = await Promise.all(Array.from({ length: 25 }, () => http.get("/thing")));
  assert.ok(results.every((r) => r.status === 200));
  assert.equal(auth.mintCount, 1);
  assert.equal(tokenRequests() - before, 1);
  const mint = server.requests.filter((r) => r.path === "/oauth2/token").at(-1)!;
  assert.match(String(mint.headers.authorization), /^Basic /);
  assert.equal(mint.body, "grant_type=client_credentials");
  assert.equal(mint.headers["content-type"], "application/x-www-form-urlencoded");
});

test("an expired token is renewed once after a 401, and the call succeeds", async () => {
  const { auth, http } = setup();
  await http.get("/thing");
  tokens.expireAll();
  const results = await Promise.all(Array.from({ length: 10 }, () => http.get("/thing")));
  assert.ok(results.every((r) => r.status === 200));
  assert.equal(auth.mintCount, 2, "ten concurrent 401s share one re-mint");
});

test("a token is renewed before it expires, without waiting for a 401", async () => {
  const { auth, http, clock } = setup();
  await http.get("/thing");
  clock.advance(3600_000 - 30_000);
  const before = server.requests.length;
  await http.get("/thing");
  assert.equal(auth.mintCount, 2);
  assert.deepEqual(
    server.requests.slice(before).map((r) => [r.path, r.status]),
    [
      ["/oauth2/token", 200],
      ["/api/thing", 200],
    ],
  );
});

test("a second 401 after re-minting fails with UNAUTHORIZED: exactly one renewal", async () => {
  const { auth, http } = setup();
  const before = server.requests.filter((r) => r.path === "/api/always-401").length;
  await assert.rejects(http.get("/always-401"), (err) => isApiError(err, "UNAUTHORIZED") && err.status === 401);
  assert.equal(auth.mintCount, 2);
  assert.equal(server.requests.filter((r) => r.path === "/api/always-401").length - before, 2);
});

test("a wrong client secret is UNAUTHORIZED and the secret shows nowhere", async () => {
  const wrong = "wrong-secret-abcdef-987654";
  const { http } = setup(wrong);
  const err = await http.get("/thing").then(
    () => assert.fail("expected a failure"),
    (e: unknown) => e,
  );
  assert.ok(isApiError(err, "UNAUTHORIZED"));
  const basic = Buffer.from(`${CLIENT_ID}:${encodeURIComponent(wrong)}`).toString("base64");
  const shown = [err.message, JSON.stringify(err), inspect(err, { depth: Infinity, showHidden: true })].join("\n");
  for (const secret of [wrong, encodeURIComponent(wrong), basic]) assert.ok(!shown.includes(secret), `${secret} leaked`);
  assert.match(err.url, /\/oauth2\/token$/);
});

test("a token answer that is not a bearer token is BAD_RESPONSE and hides the token", async () => {
  tokenTypeAnswer = "mac";
  try {
    const { http } = setup();
    const err = await http.get("/thing").then(
      () => assert.fail("expected a failure"),
      (e: unknown) => e,
    );
    assert.ok(isApiError(err, "BAD_RESPONSE"));
    assert.equal((err.body as { access_token?: string }).access_token, "[redacted]");
  } finally {
    tokenTypeAnswer = "Bearer";
  }
});
