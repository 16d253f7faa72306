import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PraEmulator } from "../../../../bench/emulators/pra";
import { GROUP_SCHEMA, USER_SCHEMA, accessToken, call, scimApi, scimUserBody, startEmulator } from "./helpers";

const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

function assertScimError(res: { status: number; json: any; headers: Record<string, string> }, status: number, scimType?: string): void {
  assert.equal(res.status, status);
  assert.deepEqual(res.json.schemas, [ERROR_SCHEMA]);
  assert.equal(res.json.status, String(status), "SCIM writes the status as a string");
  assert.equal(res.json.scimType, scimType);
  assert.equal(typeof res.json.detail, "string");
  assert.match(res.headers["content-type"], /application\/scim\+json/);
}

describe("PRA emulator: SCIM users and groups", () => {
  let pra: PraEmulator;
  let scim: ReturnType<typeof scimApi>;
  before(async () => {
    pra = await startEmulator({
      scimMaxCount: 3,
      apiAccounts: [
        { clientId: "scim-app", clientSecret: "scim-app-secret" },
        { clientId: "no-scim", clientSecret: "no-scim-secret", permScim: false },
      ],
    });
    scim = scimApi(pra);
  });
  after(() => pra.close());

  test("create answers 201 with Location and the resource; GET returns the same", async () => {
    const res = await scim.post("/Users", scimUserBody("alice@contoso.com", { externalId: "oid-alice", displayName: "Alice" }));
    assert.equal(res.status, 201);
    assert.match(res.headers["content-type"], /application\/scim\+json/);
    const user = res.json;
    assert.equal(res.headers.location, `${pra.scimUrl}/Users/${user.id}`);
    assert.deepEqual(user.schemas, [USER_SCHEMA]);
    assert.equal(user.userName, "alice@contoso.com");
    assert.equal(user.externalId, "oid-alice");
    assert.equal(user.active, true);
    assert.deepEqual(user.name, { formatted: "alice@contoso.com", givenName: "Given", familyName: "Family" });
    assert.deepEqual(user.emails, [{ value: "alice@contoso.com", type: "work", primary: true }]);
    assert.equal(user.meta.resourceType, "User");
    assert.equal(user.meta.location, res.headers.location);
    assert.ok(user.meta.created && user.meta.lastModified);
    assert.deepEqual((await scim.get(`/Users/${user.id}`)).json, user);
  });

  test("userName and group displayName are unique (case-insensitively): 409 uniqueness", async () => {
    assertScimError(await scim.post("/Users", scimUserBody("ALICE@contoso.com")), 409, "uniqueness");
    const group = { schemas: [GROUP_SCHEMA], displayName: "PRA Vendors", members: [] };
    assert.equal((await scim.post("/Groups", group)).status, 201);
    assertScimError(await scim.post("/Groups", { ...group, displayName: "pra vendors" }), 409, "uniqueness");
    const bob = (await scim.post("/Users", scimUserBody("bob@contoso.com"))).json;
    assertScimError(await scim.put(`/Users/${bob.id}`, scimUserBody("alice@contoso.com")), 409, "uniqueness");
  });

  test("lists page with startIndex/count, the server caps count, totalResults counts everything", async () => {
    for (const name of ["u1", "u2", "u3", "u4", "u5"]) assert.equal((await scim.post("/Users", scimUserBody(`${name}@contoso.com`))).status, 201);
    const total = pra.state.scimUsers().length;
    const capped = await scim.get("/Users?startIndex=1&count=50");
    assert.equal(capped.status, 200);
    assert.deepEqual(capped.json.schemas, ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);
    assert.equal(capped.json.totalResults, total);
    assert.equal(capped.json.itemsPerPage, 3, "count above the server cap is lowered to it");
    assert.equal(capped.json.Resources.length, 3);
    assert.equal(capped.json.startIndex, 1);

    const seen: string[] = [];
    for (let start = 1; start <= total; start += 2) {
      const page = await scim.get(`/Users?startIndex=${start}&count=2`);
      assert.equal(page.json.startIndex, start);
      seen.push(...page.json.Resources.map((r: { userName: string }) => r.userName));
    }
    assert.deepEqual(
      seen,
      pra.state.scimUsers().map((u) => u.scim!.userName),
    );
    const past = await scim.get(`/Users?startIndex=${total + 1}`);
    assert.deepEqual([past.json.itemsPerPage, past.json.Resources.length, past.json.totalResults], [0, 0, total]);
    assert.equal((await scim.get("/Users?startIndex=0&count=1")).json.startIndex, 1, "startIndex below 1 counts as 1");
    assertScimError(await scim.get("/Users?count=many"), 400, "invalidValue");
  });

  test("PATCH is off by default: 501 with a SCIM error; filter is off: 400 invalidFilter", async () => {
    const user = pra.state.scimUsers()[0];
    const patch = await scim.patch(`/Users/${user.scim!.id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "active", value: false }] });
    assertScimError(patch, 501);
    assert.equal(user.enabled, true, "nothing changed");
    assertScimError(await scim.get(`/Users?filter=${encodeURIComponent('userName eq "alice@contoso.com"')}`), 400, "invalidFilter");
    const config = (await scim.get("/ServiceProviderConfig")).json;
    assert.deepEqual([config.patch.supported, config.filter.supported, config.filter.maxResults], [false, false, 3]);
  });

  test("groups: members must be SCIM users; PUT replaces the members; DELETE is 204 then 404", async () => {
    const alice = pra.state.scimUsers().find((u) => u.scim!.userName === "alice@contoso.com")!;
    const bob = pra.state.scimUsers().find((u) => u.scim!.userName === "bob@contoso.com")!;
    const created = await scim.post("/Groups", {
      schemas: [GROUP_SCHEMA],
      displayName: "PRA Linux Admins",
      externalId: "gid-1",
      members: [{ value: alice.scim!.id }],
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers.location, `${pra.scimUrl}/Groups/${created.json.id}`);
    assert.deepEqual(created.json.members, [{ value: alice.scim!.id, display: alice.scim!.displayName }]);
    assert.equal(created.json.meta.resourceType, "Group");

    const replaced = await scim.put(`/Groups/${created.json.id}`, {
      schemas: [GROUP_SCHEMA],
      id: created.json.id,
      displayName: "PRA Linux Admins",
      members: [{ value: bob.scim!.id }],
    });
    assert.equal(replaced.status, 200);
    assert.deepEqual(
      replaced.json.members.map((m: { value: string }) => m.value),
      [bob.scim!.id],
    );
    assert.equal(replaced.json.externalId, undefined, "PUT replaces: an attribute left out is cleared");

    assertScimError(
      await scim.put(`/Groups/${created.json.id}`, { schemas: [GROUP_SCHEMA], displayName: "PRA Linux Admins", members: [{ value: "no-such-user" }] }),
      400,
      "invalidValue",
    );
    assertScimError(await scim.post("/Groups", { schemas: [GROUP_SCHEMA], displayName: "g".repeat(65) }), 400, "invalidValue");
    assertScimError(await scim.post("/Groups", { displayName: "No schemas" }), 400, "invalidSyntax");

    assert.equal((await scim.delete(`/Groups/${created.json.id}`)).status, 204);
    assertScimError(await scim.get(`/Groups/${created.json.id}`), 404);
    assertScimError(await scim.delete(`/Groups/${created.json.id}`), 404);
  });

  test("user bodies are checked: required userName, 64-character limits, boolean active, JSON syntax", async () => {
    assertScimError(await scim.post("/Users", { schemas: [USER_SCHEMA] }), 400, "invalidValue");
    assertScimError(await scim.post("/Users", scimUserBody(`${"x".repeat(60)}@contoso.com`)), 400, "invalidValue");
    assertScimError(await scim.post("/Users", scimUserBody("flag@contoso.com", { active: "False" })), 400, "invalidValue");
    const raw = await call(`${pra.scimUrl}/Users`, "POST", {
      token: pra.scimToken,
      rawBody: "{not json",
      headers: { "content-type": "application/scim+json" },
    });
    assertScimError(raw, 400, "invalidSyntax");
  });

  test('attribute names are read without case (RFC 7643 §2.1): the seed connector\'s "Active": false deactivates', async () => {
    const body = {
      Schemas: [USER_SCHEMA],
      UserName: "casey@contoso.com",
      Name: { GivenName: "Casey", FamilyName: "Case" },
      Emails: [{ Value: "casey@contoso.com", Type: "work", Primary: true }],
      Active: false,
    };
    const created = await scim.post("/Users", body);
    assert.equal(created.status, 201);
    assert.equal(created.json.active, false, "Active is active");
    assert.equal(created.json.Active, undefined);
    assert.deepEqual(created.json.name, { givenName: "Casey", familyName: "Case" });
    assert.deepEqual(created.json.emails, [{ value: "casey@contoso.com", type: "work", primary: true }]);
    assert.equal(pra.state.userByScimId(created.json.id)!.enabled, false, "the PRA user is disabled");
    const replaced = await scim.put(`/Users/${created.json.id}`, { ...body, Active: true });
    assert.equal(replaced.json.active, true);
    const group = await scim.post("/Groups", { SCHEMAS: [GROUP_SCHEMA], DisplayName: "Case Group", Members: [{ Value: created.json.id }] });
    assert.equal(group.status, 201);
    assert.equal(group.json.displayName, "Case Group");
    assert.deepEqual(
      group.json.members.map((m: { value: string }) => m.value),
      [created.json.id],
    );
  });

  test("authentication: the long-lived token, or an OAuth token of an account allowed SCIM; otherwise 401/403 SCIM errors", async () => {
    assertScimError(await call(`${pra.scimUrl}/Users`, "GET"), 401);
    assertScimError(await scimApi(pra, "wrong-token").get("/Users"), 401);
    const oauth = await accessToken(pra, "scim-app", "scim-app-secret");
    assert.equal((await scimApi(pra, oauth).get("/Users")).status, 200);
    const denied = await accessToken(pra, "no-scim", "no-scim-secret");
    assertScimError(await scimApi(pra, denied).get("/Users"), 403);
    assert.equal((await call(`${pra.configUrl}/user`, "GET", { token: pra.scimToken })).status, 401, "the SCIM token is not a Configuration API token");
  });

  test("unknown SCIM paths and methods answer SCIM errors", async () => {
    assertScimError(await scim.get("/Widgets"), 404);
    assertScimError(await scim.delete("/Users"), 405);
    assertScimError(await scim.get("/Users/00000000-0000-0000-0000-000000000000"), 404);
  });
});

describe("PRA emulator: SCIM knobs for PATCH and filter", () => {
  test("with scimPatch on, PATCH replaces attributes (Entra's capitalised ops and string booleans accepted) and edits members", async () => {
    const pra = await startEmulator({ scimPatch: true });
    try {
      const scim = scimApi(pra);
      const user = (await scim.post("/Users", scimUserBody("frank@contoso.com"))).json;
      const patched = await scim.patch(`/Users/${user.id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [
          { op: "Replace", path: "active", value: "False" },
          { op: "replace", path: 'emails[type eq "work"].value', value: "f.new@contoso.com" },
        ],
      });
      assert.equal(patched.status, 200);
      assert.equal(patched.json.active, false);
      assert.deepEqual(patched.json.emails, [{ value: "f.new@contoso.com", type: "work", primary: true }]);
      assert.equal(pra.state.userByScimId(user.id)!.email_address, "f.new@contoso.com");

      const group = (await scim.post("/Groups", { schemas: [GROUP_SCHEMA], displayName: "PrivX DBAs" })).json;
      const added = await scim.patch(`/Groups/${group.id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: "add", path: "members", value: [{ value: user.id }] }],
      });
      assert.deepEqual(
        added.json.members.map((m: { value: string }) => m.value),
        [user.id],
      );
      const removed = await scim.patch(`/Groups/${group.id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: "remove", path: `members[value eq "${user.id}"]` }],
      });
      assert.deepEqual(removed.json.members, []);
      assertScimError(
        await scim.patch(`/Users/${user.id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "nickName", value: "x" }] }),
        400,
        "invalidPath",
      );
      const lowerCase = await scim.patch(`/Users/${user.id}`, { Schemas: [PATCH_SCHEMA], operations: [{ OP: "replace", Path: "Active", Value: true }] });
      assert.equal(lowerCase.json.active, true, "PatchOp attribute names are read without case too");
      assert.equal((await scim.get("/ServiceProviderConfig")).json.patch.supported, true);
    } finally {
      await pra.close();
    }
  });

  test("with scimFilter on, eq filters match (userName case-insensitively); other operators are 400 invalidFilter", async () => {
    const pra = await startEmulator({ scimFilter: true });
    try {
      const scim = scimApi(pra);
      await scim.post("/Users", scimUserBody("grace@contoso.com", { externalId: "oid-grace" }));
      await scim.post("/Users", scimUserBody("heidi@contoso.com", { externalId: "oid-heidi" }));
      const byName = await scim.get(`/Users?filter=${encodeURIComponent('userName eq "GRACE@contoso.com"')}`);
      assert.deepEqual(
        byName.json.Resources.map((r: { userName: string }) => r.userName),
        ["grace@contoso.com"],
      );
      assert.equal(byName.json.totalResults, 1);
      const both = await scim.get(`/Users?filter=${encodeURIComponent('externalId eq "oid-heidi" and active eq true')}`);
      assert.deepEqual(
        both.json.Resources.map((r: { userName: string }) => r.userName),
        ["heidi@contoso.com"],
      );
      assertScimError(await scim.get(`/Users?filter=${encodeURIComponent('userName co "grace"')}`), 400, "invalidFilter");
    } finally {
      await pra.close();
    }
  });

  test("scimUnsupportedFilter 'ignore' returns the unfiltered list, as a server that ignores filter would", async () => {
    const pra = await startEmulator({ scimUnsupportedFilter: "ignore" });
    try {
      const scim = scimApi(pra);
      await scim.post("/Users", scimUserBody("ivan@contoso.com"));
      await scim.post("/Users", scimUserBody("judy@contoso.com"));
      const res = await scim.get(`/Users?filter=${encodeURIComponent('userName eq "ivan@contoso.com"')}`);
      assert.equal(res.status, 200);
      assert.equal(res.json.totalResults, 2);
    } finally {
      await pra.close();
    }
  });
});
