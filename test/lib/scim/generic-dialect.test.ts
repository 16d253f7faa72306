// The generic dialect and capability discovery against the generic SCIM emulator (RFC 7643/7644
// with knobs for the deviations real servers have).
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { startScimEmulator, type ScimEmulator } from "../../../bench/emulators/scim";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { isApiError, PoolRegistry } from "../../../lib/http";
import {
  configureDialect,
  createScimClient,
  discoverCapabilities,
  overridesFrom,
  parseAttributePath,
  readAttribute,
  scimAuth,
  writeAttribute,
  type ScimUser,
} from "../../../lib/scim";
import { fakeClock } from "../http/support";

let server: ScimEmulator;
const pools = new PoolRegistry();

before(async () => {
  server = await startScimEmulator({ maxCount: 3, auth: "bearer" });
  trustCaBundle(server.caFile);
  for (let i = 0; i < 8; i++)
    server.state.users.set(`u${i}`, {
      id: `u${i}`,
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: `user${i}@example.com`,
      active: i % 2 === 0,
    });
});
after(async () => {
  await pools.closeAll();
  await server.close();
});

async function client() {
  const http = { pools, clock: fakeClock() };
  const auth = scimAuth("scim", { kind: "token", token: server.token }, http);
  const probe = createScimClient({ baseUrl: server.baseUrl, dialect: configureDialect("generic"), auth, product: "scim", http });
  const capabilities = await discoverCapabilities(probe.http);
  return {
    capabilities,
    scim: createScimClient({
      baseUrl: server.baseUrl,
      dialect: configureDialect("generic", { ...overridesFrom(capabilities), pageSize: 100 }),
      auth,
      product: "scim",
      http,
    }),
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

test("a server that caps pages below the asked size is still listed completely", async () => {
  const { scim } = await client();
  const mark = server.requests.length;
  const users = await collect(scim.resource<ScimUser>("User").list());
  assert.equal(users.length, 8);
  const pages = server.requests.slice(mark).filter((r) => r.path.endsWith("/Users"));
  assert.equal(pages.length, 3, "8 users in pages of 3");
  assert.deepEqual(
    pages.map((r) => r.query.get("startIndex")),
    ["1", "4", "7"],
  );
});

test("capabilities come from /ServiceProviderConfig; without PATCH and filter the client lists and compares and refuses PATCH", async () => {
  server.knobs.patch = false;
  server.knobs.filter = false;
  try {
    const { capabilities, scim } = await client();
    assert.deepEqual(capabilities, { patch: false, filter: false, source: "ServiceProviderConfig" });
    const users = scim.resource<ScimUser>("User");
    const mark = server.requests.length;
    assert.equal((await users.findOneBy("userName", "USER3@example.com"))?.id, "u3");
    assert.equal(
      server.requests.slice(mark).some((r) => r.query.has("filter")),
      false,
      "no filter is sent to a server without filter support",
    );
    await assert.rejects(users.patch("u3", [{ op: "replace", path: "active", value: true }]), (err) => isApiError(err, "VALIDATION"));
    assert.equal(
      server.requests.slice(mark).some((r) => r.method === "PATCH"),
      false,
    );
  } finally {
    server.knobs.patch = true;
    server.knobs.filter = true;
  }
  const { capabilities, scim } = await client();
  assert.deepEqual(capabilities, { patch: true, filter: true, source: "ServiceProviderConfig" });
  const mark = server.requests.length;
  assert.equal((await scim.resource<ScimUser>("User").findOneBy("userName", "user3@example.com"))?.id, "u3");
  assert.equal(server.requests.slice(mark).filter((r) => r.query.get("filter") === 'userName eq "user3@example.com"').length, 1);
});

test('active answered as "True"/"False" reads as booleans', async () => {
  server.knobs.activeAsString = true;
  try {
    const { scim } = await client();
    const users = scim.resource<ScimUser>("User");
    assert.equal((await users.get("u0"))?.active, true);
    assert.equal((await users.get("u1"))?.active, false);
  } finally {
    server.knobs.activeAsString = false;
  }
});

test("a 409 uniqueness answer is a CONFLICT error", async () => {
  const { scim } = await client();
  await assert.rejects(
    scim.resource<ScimUser>("User").create({ userName: "USER0@example.com" }),
    (err) => isApiError(err, "CONFLICT") && err.scimType === "uniqueness",
  );
});

test("attribute paths: core, named and extension attributes, case-insensitive", () => {
  const ext = parseAttributePath("urn:ietf:params:scim:schemas:extension:acme:2.0:User:accessRole")!;
  assert.deepEqual(ext, { schema: "urn:ietf:params:scim:schemas:extension:acme:2.0:User", name: "accessRole" });
  assert.deepEqual(parseAttributePath("urn:ietf:params:scim:schemas:core:2.0:User:userType"), { schema: undefined, name: "userType" });
  assert.equal(parseAttributePath("not a path"), undefined);
  const written = writeAttribute({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "a" }, ext, "admin");
  assert.deepEqual(written.schemas, ["urn:ietf:params:scim:schemas:core:2.0:User", ext.schema]);
  assert.equal(readAttribute(written, ext), "admin");
  assert.equal(readAttribute({ USERTYPE: "x" }, parseAttributePath("userType")!), "x");
});
