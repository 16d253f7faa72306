import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PraEmulator } from "../../../../bench/emulators/pra";
import { accessToken, call, configApi, mintToken, startEmulator } from "./helpers";

const limited = { clientId: "limited-client", clientSecret: "limited-secret", areas: ["user"] as const };
const noConfig = { clientId: "scim-only", clientSecret: "scim-only-secret", permConfiguration: false };
const readOnly = { clientId: "reader", clientSecret: "reader-secret", readOnly: true };
const disabled = { clientId: "disabled", clientSecret: "disabled-secret", enabled: false };

describe("PRA emulator: OAuth tokens, authentication, permissions and routing", () => {
  let pra: PraEmulator;
  before(async () => {
    pra = await startEmulator({ apiAccounts: [{ ...limited, areas: [...limited.areas] }, noConfig, readOnly, disabled] });
  });
  after(() => pra.close());

  test("client credentials in a Basic header mint a one-hour bearer token", async () => {
    const res = await mintToken(pra);
    assert.equal(res.status, 200);
    assert.equal(res.json.token_type, "Bearer");
    assert.equal(res.json.expires_in, 3600);
    assert.equal(typeof res.json.access_token, "string");
    const ok = await call(`${pra.configUrl}/group-policy`, "GET", { token: res.json.access_token });
    assert.equal(ok.status, 200);
  });

  test("token endpoint refuses bad credentials, a missing grant and other grants with OAuth error bodies", async () => {
    const wrongSecret = await mintToken(pra, pra.clientId, "wrong");
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.json.error, "invalid_client");
    assert.equal(typeof wrongSecret.json.message, "string");
    const disabledAccount = await mintToken(pra, disabled.clientId, disabled.clientSecret);
    assert.equal(disabledAccount.json.error, "invalid_client");
    const noBasic = await call(pra.tokenUrl, "POST", {
      rawBody: "grant_type=client_credentials",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(noBasic.status, 401);
    assert.equal(noBasic.json.error, "invalid_client");
    const basic = `Basic ${Buffer.from(`${pra.clientId}:${pra.clientSecret}`).toString("base64")}`;
    const form = { authorization: basic, "content-type": "application/x-www-form-urlencoded" };
    const noGrant = await call(pra.tokenUrl, "POST", { rawBody: "", headers: form });
    assert.deepEqual([noGrant.status, noGrant.json.error], [400, "invalid_request"]);
    const password = await call(pra.tokenUrl, "POST", { rawBody: "grant_type=password", headers: form });
    assert.deepEqual([password.status, password.json.error], [400, "unsupported_grant_type"]);
  });

  test("a 31st live token evicts the account's oldest token", async () => {
    const account = { clientId: "eviction", clientSecret: "eviction-secret" };
    const local = await startEmulator({ apiAccounts: [account] });
    try {
      const tokens: string[] = [];
      for (let i = 0; i < 31; i++) tokens.push(await accessToken(local, account.clientId, account.clientSecret));
      const oldest = await call(`${local.configUrl}/user`, "GET", { token: tokens[0] });
      assert.equal(oldest.status, 401);
      assert.equal(oldest.json.error, "access_denied");
      for (const token of [tokens[1], tokens[30]]) {
        assert.equal((await call(`${local.configUrl}/user`, "GET", { token })).status, 200);
      }
      // Another account's tokens are not touched by this account's eviction.
      const other = await accessToken(local);
      assert.equal((await call(`${local.configUrl}/user`, "GET", { token: other })).status, 200);
    } finally {
      await local.close();
    }
  });

  test("missing, unknown and expired tokens get the spec's 401 access_denied body", async () => {
    const missing = await call(`${pra.configUrl}/user`, "GET");
    assert.equal(missing.status, 401);
    assert.deepEqual(Object.keys(missing.json).sort(), ["error", "message"]);
    assert.equal(missing.json.error, "access_denied");
    assert.equal((await call(`${pra.configUrl}/user`, "GET", { token: "not-a-token" })).status, 401);
    const token = await accessToken(pra);
    pra.expireTokens();
    assert.equal((await call(`${pra.configUrl}/user`, "GET", { token })).status, 401);
  });

  test("403 without permission: no Configuration API access, a route family not granted, or a read-only account writing", async () => {
    const noConfigToken = await accessToken(pra, noConfig.clientId, noConfig.clientSecret);
    const denied = await call(`${pra.configUrl}/user`, "GET", { token: noConfigToken });
    assert.equal(denied.status, 403);
    assert.equal(typeof denied.json.message, "string");

    const limitedApi = configApi(pra, await accessToken(pra, limited.clientId, limited.clientSecret));
    assert.equal((await limitedApi.get("/user")).status, 200);
    assert.equal((await limitedApi.get("/group-policy")).status, 403);

    const readerApi = configApi(pra, await accessToken(pra, readOnly.clientId, readOnly.clientSecret));
    assert.equal((await readerApi.get("/group-policy")).status, 200);
    assert.equal((await readerApi.post("/group-policy", { name: "nope" })).status, 403);
    assert.equal(pra.state.groupPoliciesNamed("nope").length, 0);
  });

  test("unrecognized query parameters and body fields are answered 401, as the spec says", async () => {
    const api = configApi(pra, await accessToken(pra));
    const query = await api.get("/group-policy?nmae=typo");
    assert.equal(query.status, 401);
    assert.match(query.json.message, /nmae/);
    const body = await api.post("/group-policy", { name: "typo policy", perm_remote_rpd: true });
    assert.equal(body.status, 401);
    assert.equal(pra.state.groupPoliciesNamed("typo policy").length, 0, "nothing is created");
  });

  test("wrong methods get 405 with Allow, OPTIONS lists the methods, HEAD answers GET without a body", async () => {
    const token = await accessToken(pra);
    const put = await call(`${pra.configUrl}/group-policy`, "PUT", { token, body: {} });
    assert.equal(put.status, 405);
    assert.equal(put.headers.allow, "GET,POST,HEAD,OPTIONS");
    const options = await call(`${pra.configUrl}/user`, "OPTIONS", { token });
    assert.equal(options.headers.allow, "GET,POST,HEAD,OPTIONS");
    const head = await call(`${pra.configUrl}/user`, "HEAD", { token });
    assert.equal(head.status, 200);
    assert.equal(head.text, "");
    assert.equal(head.headers["x-bt-pagination-total"], String(pra.state.users.size));
  });

  test("a trailing slash, or a doubled slash from a base URL ending in '/', gets 405", async () => {
    const token = await accessToken(pra);
    assert.equal((await call(`${pra.configUrl}/user/`, "GET", { token })).status, 405);
    assert.equal((await call(`${pra.url}//api/config/v1/user`, "GET", { token })).status, 405);
  });

  test("a route the vendor documents but the emulator does not serve answers 501; an unknown one 404 {message}", async () => {
    const token = await accessToken(pra);
    assert.equal((await call(`${pra.configUrl}/jump-client`, "GET", { token })).status, 501);
    const unknown = await call(`${pra.configUrl}/no-such-thing`, "GET", { token });
    assert.equal(unknown.status, 404);
    assert.equal(typeof unknown.json.message, "string");
  });

  test("ids that are not positive integers are 404", async () => {
    const api = configApi(pra, await accessToken(pra));
    assert.equal((await api.get("/group-policy/abc")).status, 404);
    assert.equal((await api.get("/group-policy/0")).status, 404);
    assert.equal((await api.get("/group-policy/999")).status, 404);
  });

  test("/get_mech_list?version=3 reports product bpam without authentication; a Remote Support emulator reports another", async () => {
    const res = await call(`${pra.url}/get_mech_list?version=3`, "GET");
    assert.equal(res.status, 200);
    assert.equal(res.json.product, "bpam");
    assert.ok(res.json.mechs.includes("local"));
    const rs = await startEmulator({ product: "ingredi" });
    try {
      assert.equal((await call(`${rs.url}/get_mech_list?version=3`, "GET")).json.product, "ingredi");
    } finally {
      await rs.close();
    }
  });
});
