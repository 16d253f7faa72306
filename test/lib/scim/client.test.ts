import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { bearerAuth, isApiError, PoolRegistry } from "../../../lib/http";
import { configureDialect, createScimClient, scimDialects, type ScimDialect, type ScimGroup, type ScimUser } from "../../../lib/scim";
import { fakeClock } from "../http/support";
import { startScimTestServer, type ScimTestServer, type ScimTestServerOptions } from "./scim-test-server";

const TOKEN = "scim-bearer-token-abcdef";
const pools = new PoolRegistry();
const servers: ScimTestServer[] = [];

after(async () => {
  await pools.closeAll();
  await Promise.all(servers.map((s) => s.close()));
});

async function setup(dialect: ScimDialect, serverOptions: ScimTestServerOptions = {}, pageSize?: number) {
  const server = await startScimTestServer(serverOptions);
  servers.push(server);
  trustCaBundle(server.caFile);
  const scim = createScimClient({ baseUrl: server.base, dialect, auth: bearerAuth(TOKEN), pageSize, http: { pools, clock: fakeClock() } });
  return { server, scim };
}

const user = (i: number) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `user${i}@contoso.com`, externalId: `ext-${i}` });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function rejectsWithCode(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (err) => isApiError(err) && err.code === code);
}

describe("SCIM listing", () => {
  test("pages with startIndex and count until totalResults, across many pages", async () => {
    const { server, scim } = await setup(scimDialects.generic, {}, 5);
    server.seed("User", 23, user);
    const users = await collect(scim.resource<ScimUser>("User").list());
    assert.equal(users.length, 23);
    assert.equal(new Set(users.map((u) => u.id)).size, 23);
    const lists = server.requests.filter((r) => r.method === "GET" && r.path === "/scim/v2/Users");
    assert.deepEqual(
      lists.map((r) => r.query.get("startIndex")),
      ["1", "6", "11", "16", "21"],
    );
    assert.ok(lists.every((r) => r.query.get("count") === "5"));
  });

  test("a server capping the page size below what was asked is still read to the end", async () => {
    const { server, scim } = await setup(scimDialects.generic, { maxPageSize: 3 }, 10);
    server.seed("User", 10, user);
    assert.equal((await collect(scim.resource("User").list())).length, 10);
    assert.equal(server.requests.filter((r) => r.path === "/scim/v2/Users").length, 4);
  });

  test("without totalResults the listing stops at the first short page", async () => {
    const { server, scim } = await setup(scimDialects.generic, { omitTotalResults: true }, 4);
    server.seed("User", 8, user);
    assert.equal((await collect(scim.resource("User").list())).length, 8);
    // 4 + 4 + an empty third page: a full page cannot tell there is no more.
    assert.equal(server.requests.filter((r) => r.path === "/scim/v2/Users").length, 3);
  });

  test("a server that ignores startIndex is detected instead of looping or hiding resources", async () => {
    const { server, scim } = await setup(scimDialects.generic, { ignoreStartIndex: true }, 5);
    server.seed("User", 12, user);
    await rejectsWithCode(collect(scim.resource("User").list()), "BAD_RESPONSE");
    // The first page and those fetched ahead of it (at 6 and 11, the last may still be on its
    // way when the repeat is seen); nothing more.
    const lists = server.requests.filter((r) => r.path === "/scim/v2/Users").length;
    assert.ok(lists >= 2 && lists <= 3, `${lists} list requests`);
  });

  test("a server whose pages shrink after the first is still listed completely, in order", async () => {
    // Five per page for the first answer (the two reads of the cap it makes), three after:
    // the pages fetched ahead at 6 and 11 no longer line up, and the listing goes on from 9.
    let capReads = 0;
    const { server, scim } = await setup(
      scimDialects.generic,
      {
        get maxPageSize() {
          return capReads++ < 2 ? 5 : 3;
        },
      },
      5,
    );
    server.seed("User", 12, user);
    const users = await collect(scim.resource<ScimUser>("User").list());
    assert.deepEqual(
      users.map((u) => u.userName),
      Array.from({ length: 12 }, (_, i) => `user${i}@contoso.com`),
    );
    const starts = server.requests.filter((r) => r.path === "/scim/v2/Users").map((r) => r.query.get("startIndex"));
    assert.deepEqual([starts[0], ...starts.slice(1, 3).sort()], ["1", "11", "6"]);
    assert.deepEqual(starts.slice(3), ["9", "12"]);
  });

  test("a server that ignores startIndex and count but answers everything at once is fine", async () => {
    const { server, scim } = await setup(scimDialects.generic, { ignoreStartIndex: true }, 50);
    server.seed("User", 12, user);
    assert.equal((await collect(scim.resource("User").list())).length, 12);
  });

  test("the itemsPerPage paging parameter (Password Safe style) is a dialect setting", async () => {
    const dialect = configureDialect("generic", { sizeParameter: "itemsPerPage", pageSize: 4 });
    const { server, scim } = await setup(dialect, { sizeParameter: "itemsPerPage" });
    server.seed("User", 9, user);
    assert.equal((await collect(scim.resource("User").list())).length, 9);
    const lists = server.requests.filter((r) => r.path === "/scim/v2/Users");
    assert.ok(lists.every((r) => r.query.get("itemsPerPage") === "4" && !r.query.has("count")));
  });
});

describe("SCIM CRUD", () => {
  test("create, get, replace and delete; bearer token and SCIM content type on the wire", async () => {
    const { server, scim } = await setup(scimDialects.pra);
    const users = scim.resource<ScimUser>("User");
    const created = await users.create({ userName: "alice@contoso.com", externalId: "oid-a", name: { givenName: "Alice", familyName: "Smith" }, active: true });
    assert.ok(created.id);
    const post = server.requests.find((r) => r.method === "POST")!;
    assert.equal(post.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(post.headers["content-type"], "application/scim+json");
    const sent = JSON.parse(post.body);
    assert.deepEqual(sent.schemas, ["urn:ietf:params:scim:schemas:core:2.0:User"]);
    assert.equal(sent.name.formatted, "Alice Smith", "the pra dialect fills name.formatted like PRA's own connector");

    const replaced = await users.replace(created.id, { ...created, displayName: "Alice S.", active: false });
    assert.equal(replaced.displayName, "Alice S.");
    const put = server.requests.find((r) => r.method === "PUT")!;
    assert.equal(JSON.parse(put.body).meta, undefined, "read-only meta is not sent back");
    assert.equal((await users.get(created.id))?.active, false);

    assert.equal(await users.delete(created.id), "deleted");
    assert.equal(await users.get(created.id), undefined, "404 on get means gone");
    assert.equal(await users.delete(created.id), "gone", "404 on delete is success");
  });

  test("a create answered with only a Location is read back from it", async () => {
    const { scim } = await setup(scimDialects.generic, { createWithoutBody: true });
    const group = await scim.resource<ScimGroup>("Group").create({ displayName: "PRA Linux Admins", members: [] });
    assert.equal(group.displayName, "PRA Linux Admins");
    assert.ok(group.id);
  });

  test("a SCIM uniqueness error is CONFLICT with its scimType", async () => {
    const { scim } = await setup(scimDialects.generic);
    const groups = scim.resource<ScimGroup>("Group");
    await groups.create({ displayName: "Dup" });
    await assert.rejects(groups.create({ displayName: "Dup" }), (err) => isApiError(err, "CONFLICT") && err.scimType === "uniqueness" && err.status === 409);
  });

  test("PATCH is refused without a request when the dialect lacks it, and sent as a PatchOp when it has it", async () => {
    const pra = await setup(scimDialects.pra);
    const id = (await pra.scim.resource<ScimUser>("User").create({ userName: "bob@contoso.com" })).id!;
    await rejectsWithCode(pra.scim.resource("User").patch(id, [{ op: "replace", path: "active", value: false }]), "VALIDATION");
    assert.equal(pra.server.requests.filter((r) => r.method === "PATCH").length, 0);

    const generic = await setup(scimDialects.generic);
    const gid = (await generic.scim.resource<ScimUser>("User").create({ userName: "bob@contoso.com" })).id!;
    const patched = await generic.scim.resource<ScimUser>("User").patch(gid, [{ op: "replace", path: "active", value: false }]);
    assert.equal(patched?.active, false);
    const sent = JSON.parse(generic.server.requests.find((r) => r.method === "PATCH")!.body);
    assert.deepEqual(sent.schemas, ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]);
    assert.equal(await generic.scim.resource("User").patch("missing", [{ op: "replace", path: "active", value: true }]), undefined);
  });

  test("PATCH and filter can be switched on for PRA by configuration (both unverified)", () => {
    const dialect = configureDialect("pra", { supportsPatch: true, supportsFilter: true });
    assert.equal(dialect.supportsPatch, true);
    assert.equal(dialect.supportsFilter, true);
    assert.equal(scimDialects.pra.supportsPatch, false, "the table itself is not changed");
  });
});

describe("SCIM lookups by key", () => {
  test("with filter support: one eq filter, properly quoted, re-checked locally", async () => {
    const { server, scim } = await setup(scimDialects.generic);
    const users = scim.resource<ScimUser>("User");
    await users.create({ userName: 'o"brien@contoso.com' });
    await users.create({ userName: "other@contoso.com" });
    const found = await users.findBy("userName", 'O"Brien@contoso.com');
    assert.deepEqual(
      found.map((u) => u.userName),
      ['o"brien@contoso.com'],
    );
    const list = server.requests.filter((r) => r.method === "GET" && r.path === "/scim/v2/Users");
    assert.deepEqual(
      list.map((r) => r.query.get("filter")),
      ['userName eq "O\\"Brien@contoso.com"'],
    );
  });

  test("without filter support (PRA): the listing is compared locally and no filter is sent", async () => {
    const { server, scim } = await setup(scimDialects.pra, {}, 5);
    server.seed("User", 12, user);
    const found = await scim.resource<ScimUser>("User").findOneBy("externalId", "ext-11");
    assert.equal(found?.userName, "user11@contoso.com");
    assert.equal(await scim.resource<ScimUser>("User").findOneBy("externalId", "EXT-11"), undefined, "externalId is case-exact");
    assert.ok(server.requests.every((r) => !r.query.has("filter")));
    await rejectsWithCode(collect(scim.resource("User").list({ filter: 'userName eq "x"' })), "VALIDATION");
  });

  test("an ambiguous key is CONFLICT", async () => {
    const { server, scim } = await setup(scimDialects.pra);
    server.seed("Group", 2, () => ({ displayName: "Duplicate Name" }));
    await rejectsWithCode(scim.resource<ScimGroup>("Group").findOneBy("displayName", "Duplicate Name"), "CONFLICT");
  });
});

describe("PrivX dialect", () => {
  test("Users and Hosts at configurable paths; no Group resource; eq filter only", async () => {
    const dialect = configureDialect("privx", { endpoints: { User: "/directory/Users", Host: "hosts-endpoint" } });
    const { server, scim } = await setup(dialect, { collections: { User: "/directory/Users", Host: "/hosts-endpoint" } });
    assert.throws(
      () => scim.resource("Group"),
      (err) => isApiError(err, "VALIDATION"),
    );
    const hosts = scim.resource("Host");
    const host = await hosts.create({ externalId: "h-1", commonName: "web-1", contactAddress: "web-1.contoso.com", services: "SSH:22" });
    assert.deepEqual(JSON.parse(server.requests.find((r) => r.method === "POST")!.body).schemas, ["urn:ietf:params:scim:schemas:ssh:2.0:Host"]);
    assert.equal((await hosts.findOneBy("externalId", "h-1"))?.id, host.id);
    assert.equal(server.requests.at(-1)!.query.get("filter"), 'externalId eq "h-1"');
  });

  test("groups answered as [{value}] are read as role-name strings", async () => {
    const { server, scim } = await setup(scimDialects.privx, { collections: { User: "/Users", Host: "/Hosts" } });
    server.seed("User", 1, () => ({ userName: "alice", groups: [{ value: "developers" }, { value: "dbas" }], active: "False" }));
    const [alice] = await collect(scim.resource<ScimUser>("User").list());
    assert.deepEqual(alice.groups, ["developers", "dbas"]);
    assert.equal(alice.active, false);
  });
});

describe("SCIM auth choices", () => {
  test("basic and token settings become the matching Authorization header", async () => {
    const { scimAuth } = await import("../../../lib/scim");
    assert.deepEqual(await scimAuth("privx-scim", { kind: "token", token: "abc123456" }).headers(), { authorization: "Bearer abc123456" });
    assert.deepEqual(await scimAuth("privx-scim", { kind: "basic", username: "svc", password: "p@ss:word" }).headers(), {
      authorization: `Basic ${Buffer.from("svc:p@ss:word").toString("base64")}`,
    });
  });
});
