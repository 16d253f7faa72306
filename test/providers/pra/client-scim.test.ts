import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { startPraEmulator, type PraEmulator } from "../../../bench/emulators/pra";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { isApiError, PoolRegistry } from "../../../lib/http";
import { praScimBaseUrl, praScimClient } from "../../../providers/pra/client-scim";
import type { ScimGroup, ScimUser } from "../../../lib/scim";
import { fakeClock } from "../../lib/http/support";

let pra: PraEmulator;
const pools = new PoolRegistry();

before(async () => {
  pra = await startPraEmulator({
    scimMaxCount: 5,
    rateLimitPerSecond: 10_000,
    seed: { scimUsers: Array.from({ length: 12 }, (_, i) => ({ userName: `user${i}@contoso.com`, externalId: `oid-${i}` })) },
  });
  trustCaBundle(pra.caFile);
});

after(async () => {
  await pools.closeAll();
  await pra.close();
});

const scim = () => praScimClient({ url: pra.url, token: pra.scimToken, pageSize: 5, http: { pools, clock: fakeClock() } });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

test("PRA SCIM lives at <site>/api/scim/v2 and the site URL is checked like the Configuration API's", () => {
  assert.equal(praScimBaseUrl(pra.url), `${pra.url}/api/scim/v2`);
  assert.throws(
    () => praScimClient({ url: `${pra.url}/`, token: pra.scimToken }),
    (err) => isApiError(err, "VALIDATION"),
  );
});

test("users are listed across pages with the bearer token, and found by key without a filter", async () => {
  const users = scim().resource<ScimUser>("User");
  const all = await collect(users.list());
  assert.equal(all.length, 12);
  const lists = pra.requests.filter((r) => r.method === "GET" && r.path === "/api/scim/v2/Users");
  assert.ok(lists.length >= 3);
  assert.ok(lists.every((r) => r.headers.authorization === `Bearer ${pra.scimToken}` && !r.query.has("filter")));
  assert.equal((await users.findOneBy("externalId", "oid-7"))?.userName, "user7@contoso.com");
});

test("a user and a group are created, the group replaced with members (no PATCH), then deleted as gone", async () => {
  const client = scim();
  const users = client.resource<ScimUser>("User");
  const groups = client.resource<ScimGroup>("Group");
  const heidi = await users.create({
    userName: "heidi@contoso.com",
    externalId: "oid-heidi",
    displayName: "Heidi",
    name: { givenName: "Heidi", familyName: "Klum" },
    emails: [{ value: "heidi@contoso.com", type: "work", primary: true }],
    active: true,
  });
  assert.ok(heidi.id);
  const group = await groups.create({ displayName: "PRA Linux Admins", externalId: "gid-linux", members: [] });
  const replaced = await groups.replace(group.id!, { ...group, members: [{ value: heidi.id }] });
  assert.deepEqual(
    replaced.members?.map((m) => m.value),
    [heidi.id],
  );
  assert.equal(pra.requests.filter((r) => r.method === "PATCH").length, 0);
  assert.equal(pra.requests.find((r) => r.method === "POST" && r.path === "/api/scim/v2/Users")!.headers["content-type"], "application/scim+json");

  assert.equal(await groups.delete(group.id!), "deleted");
  assert.equal(await groups.get(group.id!), undefined);
  assert.equal(await groups.delete(group.id!), "gone");
});

test("a wrong SCIM token is UNAUTHORIZED and is not shown", async () => {
  const bad = "not-the-scim-token-0000";
  const err = await praScimClient({ url: pra.url, token: bad, http: { pools, clock: fakeClock() } })
    .resource("User")
    .get("x")
    .then(
      () => assert.fail("expected UNAUTHORIZED"),
      (e: unknown) => e,
    );
  assert.ok(isApiError(err, "UNAUTHORIZED"));
  assert.ok(!JSON.stringify(err).includes(bad));
});

test("a user whose create answer was lost is found by externalId, not created twice; a group by displayName", async () => {
  const client = praScimClient({ url: pra.url, token: pra.scimToken, pageSize: 5, http: { pools, clock: fakeClock(), progress: () => {} } });
  pra.faults.inject({ drop: "after-handling", times: 1, path: "/api/scim/v2/Users", method: "POST" });
  const user = await client.resource<ScimUser>("User").create({ schemas: [], userName: "lost@contoso.com", externalId: "oid-lost", active: true });
  assert.equal(user.externalId, "oid-lost");
  assert.equal(pra.state.scimUsers().filter((u) => u.scim!.externalId === "oid-lost").length, 1);

  pra.faults.inject({ drop: "after-handling", times: 1, path: "/api/scim/v2/Groups", method: "POST" });
  const group = await client.resource<ScimGroup>("Group").create({ schemas: [], displayName: "Lost Answer Group" });
  assert.equal([...pra.state.scimGroups.values()].filter((g) => g.displayName === "Lost Answer Group").length, 1);
  assert.equal(group.displayName, "Lost Answer Group");
  assert.equal(pra.faults.pending.length, 0);
});
