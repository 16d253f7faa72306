// The privx dialect against the PrivX SCIM emulator, which follows seed 001 (not this client).
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { startPrivxEmulator, type PrivxEmulator } from "../../../bench/emulators/privx";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { isApiError, PoolRegistry } from "../../../lib/http";
import { configureDialect, createScimClient, scimAuth, type ScimAuthSettings, type ScimUser } from "../../../lib/scim";
import { fakeClock } from "../http/support";

let privx: PrivxEmulator;
const pools = new PoolRegistry();

before(async () => {
  privx = await startPrivxEmulator({ usersPath: "/scim/v2/directory-1/Users", hostsPath: "/scim/v2/directory-1/Hosts", maxCount: 4 });
  trustCaBundle(privx.caFile);
});

after(async () => {
  await pools.closeAll();
  await privx.close();
});

function client(auth: ScimAuthSettings) {
  const http = { pools, clock: fakeClock() };
  return createScimClient({
    baseUrl: privx.scimBaseUrl,
    dialect: configureDialect("privx", { endpoints: { User: "/directory-1/Users", Host: "/directory-1/Hosts" } }),
    auth: scimAuth("privx-scim", auth, http),
    product: "privx-scim",
    http,
  });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

test("users: created, listed across capped pages, found with an eq filter, replaced and deleted", async () => {
  const scim = client({ kind: "basic", username: privx.clientId, password: privx.clientSecret });
  const users = scim.resource<ScimUser>("User");
  for (let i = 0; i < 9; i++) await users.create({ userName: `dev${i}`, externalId: `oid-dev-${i}`, mail: `dev${i}@contoso.com`, groups: ["developers"] });
  assert.equal((await collect(users.list())).length, 9);
  const found = await users.findOneBy("externalId", "oid-dev-4");
  assert.equal(found?.userName, "dev4");
  assert.equal(privx.requests.at(-1)!.query.get("filter"), 'externalId eq "oid-dev-4"');
  const replaced = await users.replace(found.id!, { ...found, groups: ["developers", "dbas"] });
  assert.deepEqual(replaced.groups, ["developers", "dbas"]);
  assert.equal(await users.delete(found.id!), "deleted");
  assert.equal(await users.delete(found.id!), "gone");
  await assert.rejects(users.patch(found.id!, [{ op: "replace", path: "active", value: false }]), (err) => isApiError(err, "VALIDATION"));
  assert.equal(privx.requests.filter((r) => r.method === "PATCH").length, 0);
});

test("hosts: the custom Host type at its configured path, with its own schema", async () => {
  const scim = client({ kind: "token", token: privx.accessToken });
  const hosts = scim.resource("Host");
  const created = await hosts.create({ externalId: "host-1", commonName: "web-1", contactAddress: "web-1.contoso.com", services: "SSH:22" });
  assert.ok(created.id);
  const post = privx.requests.find((r) => r.method === "POST" && r.path === "/scim/v2/directory-1/Hosts")!;
  assert.deepEqual(JSON.parse(post.body).schemas, ["urn:ietf:params:scim:schemas:ssh:2.0:Host"]);
  assert.equal((await hosts.findOneBy("externalId", "host-1"))?.id, created.id);
  assert.throws(
    () => scim.resource("Group"),
    (err) => isApiError(err, "VALIDATION"),
  );
});

test("OAuth2 client credentials: one token for the run, one re-mint after the tokens expire", async () => {
  const scim = client({ kind: "oauth2", tokenUrl: privx.tokenUrl, clientId: privx.clientId, clientSecret: privx.clientSecret });
  const users = scim.resource<ScimUser>("User");
  const before = privx.issuedTokenCount;
  await Promise.all([collect(users.list()), collect(users.list()), users.get("nope")]);
  assert.equal(privx.issuedTokenCount - before, 1);
  privx.expireTokens();
  await collect(users.list());
  assert.equal(privx.issuedTokenCount - before, 2);
});
