import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PrivxEmulator } from "../../../../bench/emulators/privx";
import { basic, call, clientBasic, ERROR_SCHEMA, startTrustedEmulator } from "./helpers";

async function token(emulator: PrivxEmulator, authorization = clientBasic(emulator), body = "grant_type=client_credentials") {
  return call(emulator.tokenUrl, { method: "POST", authorization, body, contentType: "application/x-www-form-urlencoded" });
}

describe("PrivX emulator authentication (all kinds accepted)", () => {
  let emulator: PrivxEmulator;
  before(async () => (emulator = await startTrustedEmulator()));
  after(() => emulator.close());

  test("no credentials: 401 with a SCIM error body and a challenge", async () => {
    const reply = await call(emulator.usersUrl);
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.body.schemas, [ERROR_SCHEMA]);
    assert.equal(reply.body.status, "401");
    assert.match(String(reply.headers["www-authenticate"]), /Basic/);
    assert.match(String(reply.headers["www-authenticate"]), /Bearer/);
  });

  test("Basic with the API client's credentials is accepted, a wrong password is not", async () => {
    assert.equal((await call(emulator.usersUrl, { authorization: clientBasic(emulator) })).status, 200);
    assert.equal((await call(emulator.usersUrl, { authorization: basic(emulator.clientId, "wrong") })).status, 401);
  });

  test("the static access token is accepted as a bearer token", async () => {
    assert.equal((await call(emulator.hostsUrl, { authorization: `Bearer ${emulator.accessToken}` })).status, 200);
    assert.equal((await call(emulator.hostsUrl, { authorization: "Bearer not-a-token" })).status, 401);
  });

  test("OAuth2 client credentials: token endpoint issues a bearer token that works until expired", async () => {
    const issued = await token(emulator);
    assert.equal(issued.status, 200);
    assert.equal(issued.body.token_type, "Bearer");
    assert.equal(typeof issued.body.access_token, "string");
    assert.ok(issued.body.expires_in > 0);
    assert.equal(issued.headers["cache-control"], "no-store");
    const bearer = `Bearer ${issued.body.access_token}`;
    assert.equal((await call(emulator.usersUrl, { authorization: bearer })).status, 200);

    emulator.expireTokens();
    assert.equal((await call(emulator.usersUrl, { authorization: bearer })).status, 401);
    assert.equal((await call(emulator.usersUrl, { authorization: `Bearer ${emulator.accessToken}` })).status, 200, "static token unaffected");
    const again = await token(emulator);
    assert.equal((await call(emulator.usersUrl, { authorization: `Bearer ${again.body.access_token}` })).status, 200);
    assert.equal(emulator.issuedTokenCount, 2);
  });

  test("token endpoint refuses bad client credentials, other grants and non-form bodies", async () => {
    const badClient = await token(emulator, basic(emulator.clientId, "nope"));
    assert.equal(badClient.status, 401);
    assert.equal(badClient.body.error, "invalid_client");
    const noClient = await call(emulator.tokenUrl, { method: "POST", body: "grant_type=client_credentials", contentType: "application/x-www-form-urlencoded" });
    assert.equal(noClient.status, 401);
    const password = await token(emulator, clientBasic(emulator), "grant_type=password&username=a&password=b");
    assert.equal(password.status, 400);
    assert.equal(password.body.error, "unsupported_grant_type");
    const json = await call(emulator.tokenUrl, { method: "POST", authorization: clientBasic(emulator), body: { grant_type: "client_credentials" } });
    assert.equal(json.status, 400);
    assert.equal(json.body.error, "invalid_request");
  });
});

describe("PrivX emulator restricted to one authentication kind", () => {
  test("oauth2 only: Basic and the static token are refused on SCIM", async () => {
    const emulator = await startTrustedEmulator({ auth: "oauth2", clientId: "scim-client", clientSecret: "s3cret" });
    try {
      assert.equal((await call(emulator.usersUrl, { authorization: basic("scim-client", "s3cret") })).status, 401);
      assert.equal((await call(emulator.usersUrl, { authorization: `Bearer ${emulator.accessToken}` })).status, 401);
      const issued = await token(emulator, basic("scim-client", "s3cret"));
      assert.equal((await call(emulator.usersUrl, { authorization: `Bearer ${issued.body.access_token}` })).status, 200);
    } finally {
      await emulator.close();
    }
  });

  test("token only: no token endpoint, Basic refused", async () => {
    const emulator = await startTrustedEmulator({ auth: "token", accessToken: "static-token" });
    try {
      assert.equal((await call(emulator.usersUrl, { authorization: "Bearer static-token" })).status, 200);
      assert.equal((await call(emulator.usersUrl, { authorization: clientBasic(emulator) })).status, 401);
      assert.equal((await token(emulator, "Bearer static-token")).status, 404, "no token endpoint when OAuth2 is not accepted");
    } finally {
      await emulator.close();
    }
  });

  test("basic only: bearer tokens refused", async () => {
    const emulator = await startTrustedEmulator({ auth: ["basic"] });
    try {
      assert.equal((await call(emulator.usersUrl, { authorization: clientBasic(emulator) })).status, 200);
      assert.equal((await call(emulator.usersUrl, { authorization: `Bearer ${emulator.accessToken}` })).status, 401);
    } finally {
      await emulator.close();
    }
  });
});
