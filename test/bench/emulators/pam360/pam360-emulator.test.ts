// The PAM360 emulator against api-facts "ManageEngine PAM360 — SCIM" and seed 002.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { PAM360_DOMAIN_SCHEMA, startPam360Emulator, type Pam360Emulator } from "../../../../bench/emulators/pam360";
import { ERROR_SCHEMA, GROUP_SCHEMA, PATCH_SCHEMA, rawCall, USER_SCHEMA } from "../scim/http";

function user(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA, PAM360_DOMAIN_SCHEMA],
    userName,
    name: { givenName: "Given", familyName: "Family" },
    emails: [{ value: userName, type: "work", primary: true }],
    roles: [{ value: "Password User" }],
    active: true,
    [PAM360_DOMAIN_SCHEMA]: { userType: 2, domain: "contoso.com" },
    ...extra,
  };
}

describe("PAM360 emulator", () => {
  let pam: Pam360Emulator;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = { AUTHTOKEN: pam.token }) =>
    rawCall(pam.caPem, `${pam.baseUrl}${path}`, method, body, headers);
  before(async () => {
    pam = await startPam360Emulator({ maxCount: 2 });
  });
  after(() => pam.close());

  test("base /scim/v2; the token in AUTHTOKEN or Authorization: Bearer; anything else is 401", async () => {
    assert.match(pam.baseUrl, /^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    assert.equal((await call("GET", "/Users")).status, 200);
    assert.equal((await call("GET", "/Users", undefined, { authorization: `Bearer ${pam.token}` })).status, 200);
    assert.equal((await call("GET", "/Users", undefined, { AUTHTOKEN: "wrong" })).status, 401);
    assert.equal((await call("GET", "/Users", undefined, {})).status, 401);
  });

  test("POST /Users creates a user with the domain extension (userType 2 = Entra ID)", async () => {
    const created = await call("POST", "/Users", user("ada@contoso.com"));
    assert.equal(created.status, 201);
    assert.deepEqual(created.body[PAM360_DOMAIN_SCHEMA], { userType: 2, domain: "contoso.com" });
    assert.deepEqual(created.body.roles, [{ value: "Password User" }]);
    assert.equal(pam.state.userNamed("ada@contoso.com")?.id, created.body.id);
    const lowerCase = await call(
      "POST",
      "/Users",
      user("case@contoso.com", { [PAM360_DOMAIN_SCHEMA]: undefined, [PAM360_DOMAIN_SCHEMA.toUpperCase()]: { USERTYPE: 2, Domain: "contoso.com" } }),
    );
    assert.deepEqual(lowerCase.body[PAM360_DOMAIN_SCHEMA], { userType: 2, domain: "contoso.com" }, "extension names are read without case");
    const badType = await call("POST", "/Users", user("type@contoso.com", { [PAM360_DOMAIN_SCHEMA]: { userType: 7 } }));
    assert.equal(badType.status, 400);
  });

  for (const missing of ["userName", "name.givenName", "name.familyName", "emails", "roles", "active"]) {
    test(`POST /Users without ${missing} is 400 naming it`, async () => {
      const body = user(`missing-${missing}@contoso.com`);
      const [head, sub] = missing.split(".");
      if (sub) body[head] = { ...(body[head] as object), [sub]: undefined };
      else delete body[head];
      const res = await call("POST", "/Users", JSON.parse(JSON.stringify(body)));
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.schemas, [ERROR_SCHEMA]);
      assert.match(res.body.detail, new RegExp(missing.replace(".", "\\.")));
    });
  }

  test("empty emails or roles count as missing; an unknown role is refused; roles are PAM360's names", async () => {
    assert.equal((await call("POST", "/Users", user("e@contoso.com", { emails: [] }))).status, 400);
    assert.equal((await call("POST", "/Users", user("r@contoso.com", { roles: [] }))).status, 400);
    const unknown = await call("POST", "/Users", user("u@contoso.com", { roles: [{ value: "Superuser" }] }));
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.detail, /Superuser/);
    assert.equal((await call("POST", "/Users", user("admin@contoso.com", { roles: [{ value: "Privileged Administrator" }] }))).status, 201);
  });

  test("a query parameter PAM360 does not document is refused with 400; filter, startIndex and count are served", async () => {
    for (const query of ["attributes=userName", "excludedAttributes=groups", "sortBy=userName", "aadOptscim062020"]) {
      const res = await call("GET", `/Users?${query}`);
      assert.equal(res.status, 400, query);
      assert.match(res.body.detail, /unsupported query parameter/);
    }
    assert.equal((await call("GET", `/Users/${pam.state.userNamed("ada@contoso.com")!.id}?attributes=userName`)).status, 400, "on a single resource too");
    const found = await call("GET", `/Users?filter=${encodeURIComponent('userName eq "ada@contoso.com"')}`);
    assert.equal(found.body.totalResults, 1);
    const page = await call("GET", "/Users?startIndex=1&count=10");
    assert.equal(page.body.itemsPerPage, 2, "count is capped by maxCount");
    assert.ok(page.body.totalResults > 2);
  });

  test("groups are flat: a group as a member is refused with 400; users are accepted", async () => {
    const ada = pam.state.userNamed("ada@contoso.com")!;
    const dbas = await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "DBAs", members: [{ value: ada.id }] });
    assert.equal(dbas.status, 201);
    const nested = await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "All admins", members: [{ value: dbas.body.id }] });
    assert.equal(nested.status, 400);
    assert.match(nested.body.detail, /nested/);
    const outer = await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Outer" });
    const patched = await call("PATCH", `/Groups/${outer.body.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: "add", path: "members", value: [{ value: dbas.body.id }] }],
    });
    assert.equal(patched.status, 400, "by PATCH too");
  });

  test("renameUserName: refuse (default) is 400 mutability; ignore keeps the old name; in-place renames", async () => {
    const id = (await call("POST", "/Users", user("old.upn@contoso.com"))).body.id;
    const rename = { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "userName", value: "new.upn@contoso.com" }] };
    assert.equal(pam.knobs.renameUserName, "refuse");
    const refused = await call("PATCH", `/Users/${id}`, rename);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.scimType, "mutability");
    assert.equal((await call("PUT", `/Users/${id}`, user("new.upn@contoso.com"))).status, 400, "by PUT too");
    assert.equal((await call("PUT", `/Users/${id}`, user("old.upn@contoso.com", { active: false }))).status, 200, "a PUT that keeps userName is served");
    pam.knobs.renameUserName = "ignore";
    const ignored = await call("PATCH", `/Users/${id}`, rename);
    assert.equal(ignored.status, 200);
    assert.equal(ignored.body.userName, "old.upn@contoso.com", "answered, not followed");
    pam.knobs.renameUserName = "in-place";
    const renamed = await call("PATCH", `/Users/${id}`, rename);
    assert.equal(renamed.body.userName, "new.upn@contoso.com");
    assert.equal(pam.state.userNamed("new.upn@contoso.com")?.id, id);
    pam.knobs.renameUserName = "refuse";
  });

  test("faults: 429 with Retry-After, 5xx, and an expired (regenerated) token answers 401", async () => {
    pam.faults.inject({ status: 429, retryAfterSeconds: 3, times: 1, path: "/Users" });
    const throttled = await call("GET", "/Users");
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers["retry-after"], "3");
    assert.deepEqual(throttled.body.schemas, [ERROR_SCHEMA]);
    pam.faults.inject({ status: 503, times: 1 });
    assert.equal((await call("GET", "/Users")).status, 503);
    const old = pam.token;
    pam.expireTokens();
    assert.notEqual(pam.token, old);
    assert.equal((await call("GET", "/Users", undefined, { AUTHTOKEN: old })).status, 401);
    assert.equal((await call("GET", "/Users")).status, 200, "the new token works");
  });

  test("discovery: /ServiceProviderConfig, /Schemas and /ResourceTypes", async () => {
    for (const path of ["/ServiceProviderConfig", "/Schemas", "/ResourceTypes"]) assert.equal((await call("GET", path)).status, 200, path);
    const types = (await call("GET", "/ResourceTypes")).body.Resources;
    assert.ok(types[0].schemaExtensions.some((e: { schema: string }) => e.schema === PAM360_DOMAIN_SCHEMA));
    const extension = (await call("GET", "/Schemas")).body.Resources.find((r: { id: string }) => r.id === PAM360_DOMAIN_SCHEMA);
    assert.deepEqual(
      extension.attributes.map((a: { name: string }) => a.name),
      ["userType", "domain"],
    );
  });
});
