// The Password Safe emulator against api-facts "BeyondTrust Password Safe — SCIM" and seed 003.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { startPasswordSafeEmulator, type PasswordSafeEmulator } from "../../../../bench/emulators/passwordsafe";
import { ERROR_SCHEMA, GROUP_SCHEMA, PATCH_SCHEMA, rawCall, USER_SCHEMA } from "../scim/http";

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function tokenOf(ps: PasswordSafeEmulator): Promise<string> {
  const res = await rawCall(ps.caPem, ps.tokenUrl, "POST", "grant_type=client_credentials", { authorization: basic(ps.clientId, ps.clientSecret) });
  assert.equal(res.status, 200);
  return res.body.access_token;
}

function user(userName: string): Record<string, unknown> {
  return { schemas: [USER_SCHEMA], userName, name: { givenName: "Given", familyName: "Family" }, emails: [{ value: userName, primary: true }], active: true };
}

describe("Password Safe emulator", () => {
  let ps: PasswordSafeEmulator;
  let token: string;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    rawCall(ps.caPem, `${ps.baseUrl}${path}`, method, body, headers);
  before(async () => {
    ps = await startPasswordSafeEmulator({ maxCount: 2, tokenTtlSeconds: 900 });
    token = await tokenOf(ps);
  });
  after(() => ps.close());

  test("OAuth2 client credentials at /scim/oauth/token with HTTP Basic; tokens carry expires_in", async () => {
    assert.match(ps.tokenUrl, /\/scim\/oauth\/token$/);
    assert.match(ps.baseUrl, /\/scim\/v2$/);
    const res = await rawCall(ps.caPem, ps.tokenUrl, "POST", "grant_type=client_credentials", { authorization: basic(ps.clientId, ps.clientSecret) });
    assert.equal(res.body.token_type, "Bearer");
    assert.equal(res.body.expires_in, 900);
    const wrong = await rawCall(ps.caPem, ps.tokenUrl, "POST", "grant_type=client_credentials", { authorization: basic(ps.clientId, "wrong") });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, "invalid_client");
    const inForm = await rawCall(ps.caPem, ps.tokenUrl, "POST", `grant_type=client_credentials&client_id=${ps.clientId}&client_secret=${ps.clientSecret}`);
    assert.equal(inForm.status, 401, "Basic only by default (formClientCredentials knob)");
    const grant = await rawCall(ps.caPem, ps.tokenUrl, "POST", "grant_type=password", { authorization: basic(ps.clientId, ps.clientSecret) });
    assert.equal(grant.body.error, "unsupported_grant_type");
  });

  test("SCIM routes need a live Bearer token: none, a wrong one, the client secret itself, or an expired one is 401", async () => {
    assert.equal((await call("GET", "/Users")).status, 200);
    assert.equal((await call("GET", "/Users", undefined, {})).status, 401);
    assert.equal((await call("GET", "/Users", undefined, { authorization: "Bearer nope" })).status, 401);
    assert.equal((await call("GET", "/Users", undefined, { authorization: basic(ps.clientId, ps.clientSecret) })).status, 401);
    ps.expireTokens();
    const expired = await call("GET", "/Users");
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.body.schemas, [ERROR_SCHEMA]);
    token = await tokenOf(ps);
    assert.equal((await call("GET", "/Users")).status, 200, "a new token works");
  });

  test("users: POST {schemas, userName, name, emails, active}; disabled with PATCH active false", async () => {
    const created = await call("POST", "/Users", user("grace@contoso.com"));
    assert.equal(created.status, 201);
    const disabled = await call("PATCH", `/Users/${created.body.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: "replace", path: "active", value: false }],
    });
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.active, false);
    assert.equal(ps.state.userNamed("grace@contoso.com")?.active, false);
  });

  test("lists page with startIndex and itemsPerPage (capped); count is ignored by default", async () => {
    for (const n of [1, 2, 3]) await call("POST", "/Users", user(`page${n}@contoso.com`));
    const one = await call("GET", "/Users?startIndex=1&itemsPerPage=1");
    assert.equal(one.status, 200);
    assert.deepEqual([one.body.startIndex, one.body.itemsPerPage, one.body.Resources.length], [1, 1, 1]);
    const capped = await call("GET", "/Users?startIndex=2&itemsPerPage=50");
    assert.equal(capped.body.itemsPerPage, 2);
    assert.equal(capped.body.Resources[0].id, (await call("GET", "/Users?startIndex=2&itemsPerPage=1")).body.Resources[0].id);
    assert.ok(capped.body.totalResults >= 4);
    const withCount = await call("GET", "/Users?startIndex=1&count=1");
    assert.equal(withCount.status, 200);
    assert.equal(withCount.body.itemsPerPage, 2, "count is not Password Safe's parameter: the server's page size");
  });

  test("countParameter refuse: a list with count is 400", async () => {
    const strict = await startPasswordSafeEmulator({ countParameter: "refuse" });
    try {
      const t = await tokenOf(strict);
      const res = await rawCall(strict.caPem, `${strict.baseUrl}/Users?count=10`, "GET", undefined, { authorization: `Bearer ${t}` });
      assert.equal(res.status, 400);
      assert.match(res.body.detail, /count/);
      assert.equal(
        (await rawCall(strict.caPem, `${strict.baseUrl}/Users?startIndex=1&itemsPerPage=10`, "GET", undefined, { authorization: `Bearer ${t}` })).status,
        200,
      );
    } finally {
      await strict.close();
    }
  });

  test("groups need displayName and description on POST and PUT (400 without description)", async () => {
    const noDescription = await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Okta push" });
    assert.equal(noDescription.status, 400);
    assert.match(noDescription.body.detail, /description/);
    assert.equal((await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], description: "no name" })).status, 400);
    const group = await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Vault admins", Description: "Entra group Vault admins" });
    assert.equal(group.status, 201);
    assert.equal(group.body.description, "Entra group Vault admins", "read without case");
    const putWithout = await call("PUT", `/Groups/${group.body.id}`, { schemas: [GROUP_SCHEMA], displayName: "Vault admins" });
    assert.equal(putWithout.status, 400);
    const put = await call("PUT", `/Groups/${group.body.id}`, { schemas: [GROUP_SCHEMA], displayName: "Vault admins", description: "replaced" });
    assert.equal(put.body.description, "replaced");
  });

  test("membership with PATCH /Groups/{id} add and remove members", async () => {
    const alan = (await call("POST", "/Users", user("alan@contoso.com"))).body;
    const group = (await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Auditors", description: "Auditors" })).body;
    const added = await call("PATCH", `/Groups/${group.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: "add", path: "members", value: [{ value: alan.id }] }],
    });
    assert.equal(added.status, 200);
    assert.deepEqual(
      added.body.members.map((m: { value: string }) => m.value),
      [alan.id],
    );
    const removed = await call("PATCH", `/Groups/${group.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: "remove", path: `members[value eq "${alan.id}"]` }],
    });
    assert.deepEqual(removed.body.members, []);
    assert.equal(removed.body.description, "Auditors", "the description stays");
  });

  test("faults: 429 with Retry-After and 5xx in SCIM's error shape, the token endpoint included", async () => {
    ps.faults.inject({ status: 429, retryAfterSeconds: 2, times: 1, path: "/scim/oauth/token" });
    const throttled = await rawCall(ps.caPem, ps.tokenUrl, "POST", "grant_type=client_credentials", { authorization: basic(ps.clientId, ps.clientSecret) });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers["retry-after"], "2");
    ps.faults.inject({ status: 502, times: 1, path: "/Groups" });
    assert.equal((await call("GET", "/Groups")).status, 502);
    assert.equal((await call("GET", "/Groups")).status, 200);
  });
});
