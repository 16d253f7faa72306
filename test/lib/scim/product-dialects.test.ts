// The PAM360 and Password Safe dialects in the one SCIM client: the parameters each sends, what
// each never patches or sends, and PAM360's AUTHTOKEN header, against the small test server.
import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { isApiError, PoolRegistry } from "../../../lib/http";
import { configureDialect, createScimClient, scimAuth, type ScimDialect, type ScimGroup, type ScimUser } from "../../../lib/scim";
import { fakeClock } from "../http/support";
import { startScimTestServer, type ScimTestServer, type ScimTestServerOptions } from "./scim-test-server";

const pools = new PoolRegistry();
const servers: ScimTestServer[] = [];
after(async () => {
  await pools.closeAll();
  await Promise.all(servers.map((s) => s.close()));
});

async function setup(dialect: ScimDialect, serverOptions: ScimTestServerOptions = {}) {
  const server = await startScimTestServer(serverOptions);
  servers.push(server);
  trustCaBundle(server.caFile);
  const auth = scimAuth("pam360", { kind: "headerToken", header: "AUTHTOKEN", token: "pam360-api-user-token" });
  return { server, scim: createScimClient({ baseUrl: server.base, dialect, auth, pageSize: 2, http: { pools, clock: fakeClock() } }) };
}

const user = (i: number) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `user${i}@contoso.com` });

test("pam360: the token goes in the AUTHTOKEN header; lists send only startIndex and count, never a filter", async () => {
  const { server, scim } = await setup(configureDialect("pam360", { supportsFilter: false }), { maxPageSize: 2 });
  server.seed("User", 5, user);
  const found = await scim.resource<ScimUser>("User").findOneBy("userName", "USER3@contoso.com");
  assert.equal(found?.userName, "user3@contoso.com");
  const lists = server.requests.filter((r) => r.method === "GET");
  assert.equal(lists.length, 3);
  for (const r of lists) {
    assert.deepEqual([...r.query.keys()].sort(), ["count", "startIndex"]);
    assert.equal(r.headers.authtoken, "pam360-api-user-token");
    assert.equal(r.headers.authorization, undefined);
  }
});

test("pam360: a filter is refused before anything is sent, naming the parameters PAM360 takes", async () => {
  const { server, scim } = await setup(configureDialect("pam360", { supportsFilter: true }));
  const mark = server.requests.length;
  const iterate = async () => {
    for await (const _ of scim.resource<ScimUser>("User").list({ filter: 'userName eq "x"' })) break;
  };
  await assert.rejects(iterate(), (err) => isApiError(err, "VALIDATION") && /sends only startIndex, count .* not filter/.test(err.message));
  assert.equal(server.requests.length, mark);
});

test("pam360: groups are never patched (replaced whole) and never carry a nested group", async () => {
  const { server, scim } = await setup(configureDialect("pam360"));
  assert.equal(scim.patches("User"), true);
  assert.equal(scim.patches("Group"), false);
  await assert.rejects(scim.resource<ScimGroup>("Group").patch("g1", [{ op: "add", path: "members", value: [] }]), (err) => isApiError(err, "VALIDATION"));
  await scim.resource<ScimGroup>("Group").create({ displayName: "Flat", members: [{ value: "u1" }, { value: "g-nested", type: "Group" }] });
  const body = JSON.parse(server.requests.find((r) => r.method === "POST")!.body);
  assert.deepEqual(body.members, [{ value: "u1" }]);
});

test("passwordsafe: pages ask with itemsPerPage, never count, and are read to the end", async () => {
  const { server, scim } = await setup(configureDialect("passwordsafe"), { sizeParameter: "itemsPerPage" });
  server.seed("User", 5, user);
  const all: ScimUser[] = [];
  for await (const u of scim.resource<ScimUser>("User").list()) all.push(u);
  assert.equal(all.length, 5);
  const lists = server.requests.filter((r) => r.method === "GET");
  assert.deepEqual(
    lists.map((r) => [r.query.get("startIndex"), r.query.get("itemsPerPage"), r.query.has("count")]),
    [
      ["1", "2", false],
      ["3", "2", false],
      ["5", "2", false],
    ],
  );
});
