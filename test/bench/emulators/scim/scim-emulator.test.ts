// The generic SCIM emulator against RFC 7643/7644 (not against our client): raw HTTPS requests.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { startScimEmulator, type ScimEmulator } from "../../../../bench/emulators/scim";
import { rawCall } from "./http";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
let scim: ScimEmulator;

before(async () => {
  scim = await startScimEmulator({ maxCount: 2 });
});
after(() => scim.close());

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return rawCall(scim.caPem, `${scim.baseUrl}${path}`, method, body, { authorization: `Bearer ${scim.token}`, ...headers });
}

test('attribute names are case-insensitive (RFC 7643 §2.1): "Active": false deactivates', async () => {
  const created = await call("POST", "/Users", { schemas: [USER], UserName: "case@example.com", Active: false, EMAILS: [{ Value: "case@example.com" }] });
  assert.equal(created.status, 201);
  assert.equal(created.body.userName, "case@example.com");
  assert.equal(created.body.active, false);
  assert.equal(created.body.Active, undefined, "stored once, under the schema's name");
  assert.deepEqual(created.body.emails, [{ value: "case@example.com" }]);
  const found = await call("GET", `/Users?filter=${encodeURIComponent('USERNAME eq "CASE@example.com"')}`);
  assert.equal(found.body.totalResults, 1, "filter attribute names and userName values ignore case");
});

test("409 uniqueness for a second user with the same userName, in any case", async () => {
  await call("POST", "/Users", { schemas: [USER], userName: "dup@example.com" });
  const again = await call("POST", "/Users", { schemas: [USER], userName: "DUP@example.com" });
  assert.equal(again.status, 409);
  assert.equal(again.body.scimType, "uniqueness");
  assert.equal(again.body.status, "409");
  assert.deepEqual(again.body.schemas, ["urn:ietf:params:scim:api:messages:2.0:Error"]);
});

test("ListResponse pages with startIndex/count under the server's cap", async () => {
  for (const n of [1, 2, 3]) await call("POST", "/Users", { schemas: [USER], userName: `page${n}@example.com` });
  const first = await call("GET", "/Users?startIndex=1&count=100");
  assert.equal(first.body.itemsPerPage, 2, "count above the cap is lowered");
  assert.equal(first.body.Resources.length, 2);
  assert.ok(first.body.totalResults >= 3);
  const second = await call("GET", "/Users?startIndex=3&count=2");
  assert.equal(second.body.startIndex, 3);
  assert.notEqual(second.body.Resources[0].id, first.body.Resources[0].id);
});

test("PATCH and filter follow their knobs, and /ServiceProviderConfig says so", async () => {
  const user = (await call("POST", "/Users", { schemas: [USER], userName: "knobs@example.com", active: true })).body;
  const patched = await call("PATCH", `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "active", value: "False" }] });
  assert.equal(patched.status, 200);
  assert.equal(patched.body.active, false, "Entra's capitalised op and string boolean are read");
  assert.equal((await call("GET", "/ServiceProviderConfig")).body.patch.supported, true);
  scim.knobs.patch = false;
  scim.knobs.filter = false;
  try {
    const refused = await call("PATCH", `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: true }] });
    assert.equal(refused.status, 501);
    const spc = (await call("GET", "/ServiceProviderConfig")).body;
    assert.equal(spc.patch.supported, false);
    assert.equal(spc.filter.supported, false);
    const filtered = await call("GET", `/Users?filter=${encodeURIComponent('userName eq "knobs@example.com"')}`);
    assert.equal(filtered.status, 400);
    assert.equal(filtered.body.scimType, "invalidFilter");
    scim.knobs.unsupportedFilter = "ignore";
    const ignored = await call("GET", `/Users?filter=${encodeURIComponent('userName eq "knobs@example.com"')}`);
    assert.ok(ignored.body.totalResults > 1, "a server that ignores filters answers the whole list");
  } finally {
    scim.knobs.patch = true;
    scim.knobs.filter = true;
    scim.knobs.unsupportedFilter = "refuse";
  }
});

test("active as a string knob; groups validate their members; PATCH removes a member by value filter", async () => {
  const user = (await call("POST", "/Users", { schemas: [USER], userName: "member@example.com", active: true })).body;
  scim.knobs.activeAsString = true;
  try {
    assert.equal((await call("GET", `/Users/${user.id}`)).body.active, "True");
  } finally {
    scim.knobs.activeAsString = false;
  }
  assert.equal((await call("POST", "/Groups", { schemas: [GROUP], displayName: "G", members: [{ value: "nobody" }] })).status, 400);
  const group = (await call("POST", "/Groups", { schemas: [GROUP], displayName: "G", members: [{ value: user.id }] })).body;
  const removed = await call("PATCH", `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: "remove", path: `members[value eq "${user.id}"]` }] });
  assert.deepEqual(removed.body.members, []);
  await call("PATCH", `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: user.id }] }] });
  assert.deepEqual(scim.state.groups.get(group.id)!.members, [{ value: user.id }]);
  assert.equal((await call("DELETE", `/Users/${user.id}`)).status, 204);
  assert.deepEqual(scim.state.groups.get(group.id)!.members, [], "a deleted user leaves its groups");
  assert.equal((await call("GET", `/Users/${user.id}`)).status, 404);
});

test("authentication: bearer, Basic and OAuth2 tokens that expire; faults answer in SCIM's error shape", async () => {
  assert.equal((await call("GET", "/Users", undefined, { authorization: "Bearer wrong" })).status, 401);
  const basic = Buffer.from(`${scim.username}:${scim.password}`).toString("base64");
  assert.equal((await call("GET", "/Users", undefined, { authorization: `Basic ${basic}` })).status, 200);
  const tokenRes = await rawCall(scim.caPem, scim.tokenUrl, "POST", "grant_type=client_credentials", {
    authorization: `Basic ${Buffer.from(`${scim.clientId}:${scim.clientSecret}`).toString("base64")}`,
  });
  const { access_token } = tokenRes.body as { access_token: string };
  assert.equal((await call("GET", "/Users", undefined, { authorization: `Bearer ${access_token}` })).status, 200);
  scim.expireTokens();
  assert.equal((await call("GET", "/Users", undefined, { authorization: `Bearer ${access_token}` })).status, 401);
  scim.faults.inject({ status: 429, retryAfterSeconds: 3, times: 1, path: "/Users" });
  const throttled = await call("GET", "/Users");
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers["retry-after"], "3");
  assert.equal(throttled.body.status, "429");
});

test("discovery: /ResourceTypes and /Schemas describe Users and Groups", async () => {
  const types = (await call("GET", "/ResourceTypes")).body;
  assert.deepEqual(
    types.Resources.map((t: { name: string }) => t.name),
    ["User", "Group"],
  );
  const schemas = (await call("GET", "/Schemas")).body;
  assert.deepEqual(
    schemas.Resources.map((s: { id: string }) => s.id),
    [USER, GROUP],
  );
});
