// PRA client behaviour the emulator does not exercise: answers the spec allows but the
// emulator does not give (a 201 with only a Location, paging headers without a Link header,
// no paging headers at all) and servers that misbehave.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { Router, startEmulatorServer, type EmulatorRequest, type EmulatorServer } from "../../../bench/emulators/common/server";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { isApiError, PoolRegistry } from "../../../lib/http";
import { groupPolicyEndpoint, jumpGroupEndpoint, jumpItemRoleEndpoint, jumpPolicyEndpoint, TOP_LEVEL } from "../../../providers/pra/api";
import { createPraClient } from "../../../providers/pra/client";
import { fakeClock } from "../../lib/http/support";

let server: EmulatorServer;
let page3Asked: () => void = () => undefined;
const page3 = new Promise<void>((resolve) => (page3Asked = resolve));
const pools = new PoolRegistry();
const names = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, name: `JG ${i + 1}` }));

function page(req: EmulatorRequest) {
  const perPage = Number(req.query.get("per_page") ?? 100);
  const current = Number(req.query.get("current_page") ?? 1);
  return { perPage, current, items: names.slice((current - 1) * perPage, current * perPage), last: Math.ceil(names.length / perPage) };
}

before(async () => {
  const router = new Router()
    .on("POST", "/oauth2/token", () => ({ status: 200, body: { access_token: "t-123456", token_type: "Bearer", expires_in: 3600 } }))
    .on("POST", "/api/config/v1/group-policy", () => ({ status: 201, headers: { Location: "/api/config/v1/group-policy/77" } }))
    .on("GET", "/api/config/v1/group-policy/77", () => ({ status: 200, body: { id: 77, name: "Created" } }))
    // X-BT-Pagination-* only, no Link header.
    .on("GET", "/api/config/v1/jump-group", (req) => {
      const p = page(req);
      return { status: 200, headers: { "X-BT-Pagination-Current-Page": p.current, "X-BT-Pagination-Last-Page": p.last }, body: p.items };
    })
    // No paging headers at all: full pages mean "maybe more".
    .on("GET", "/api/config/v1/jump-item-role", (req) => ({ status: 200, body: page(req).items }))
    // A Link rel="next" that points back at the same page.
    .on("GET", "/api/config/v1/jump-policy", (req) => ({
      status: 200,
      headers: { Link: `<${server.url}/api/config/v1/jump-policy?per_page=5&current_page=1>; rel="next"` },
      body: page(req).items.map((i) => ({ id: i.id, display_name: i.name })),
    }))
    .on("GET", "/api/config/v1/security-provider", () => ({ status: 200, body: { not: "an array" } }))
    // Page 2 is answered only once page 3 has been asked for (or after 2 s): page by page, the
    // listing would wait the 2 s and see `page3AskedFirst: false`.
    .on("GET", "/api/config/v1/group-policy", async (req) => {
      const p = page(req);
      if (p.current === 3) page3Asked();
      const waited = p.current === 2 ? await Promise.race([page3.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2000))]) : undefined;
      return {
        status: 200,
        headers: { "X-BT-Pagination-Current-Page": p.current, "X-BT-Pagination-Last-Page": p.last },
        body: p.items.map((i) => ({ ...i, ...(waited !== undefined ? { page3AskedFirst: waited } : {}) })),
      };
    });
  server = await startEmulatorServer({ router, notFound: () => ({ status: 404, body: { message: "Not Found" } }) });
  trustCaBundle(server.caFile);
});

after(async () => {
  await pools.closeAll();
  await server.close();
});

const client = () => createPraClient({ url: server.url, clientId: "id", clientSecret: "secret-abcdef", perPage: 5, pools, clock: fakeClock() });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

test("a group policy created with only a Location header is read back by the id in it", async () => {
  const created = await client().create(groupPolicyEndpoint, TOP_LEVEL, { name: "Created" });
  assert.deepEqual(created, { id: 77, name: "Created" });
});

test("X-BT-Pagination page numbers drive paging when there is no Link header", async () => {
  const groups = await collect(client().list(jumpGroupEndpoint, TOP_LEVEL));
  assert.equal(groups.length, 12);
  const pages = server.requests.filter((r) => r.path === "/api/config/v1/jump-group").map((r) => r.query.get("current_page"));
  assert.deepEqual(pages, ["1", "2", "3"]);
});

test("once the first page names the last, the later pages are asked for together and read in order", async () => {
  const policies = await collect(client().list(groupPolicyEndpoint, TOP_LEVEL));
  assert.deepEqual(
    policies.map((p) => p.id),
    names.map((n) => n.id),
  );
  const secondPage = policies.filter((p) => "page3AskedFirst" in p);
  assert.equal(secondPage.length, 5);
  assert.ok(
    secondPage.every((p) => (p as { page3AskedFirst?: boolean }).page3AskedFirst === true),
    "page 3 was asked for before page 2 was answered",
  );
});

test("without any paging headers, full pages are followed until a short one", async () => {
  assert.equal((await collect(client().list(jumpItemRoleEndpoint, TOP_LEVEL))).length, 12);
});

test("a next link that does not advance is BAD_RESPONSE, not an endless loop", async () => {
  await assert.rejects(collect(client().list(jumpPolicyEndpoint, TOP_LEVEL)), (err) => isApiError(err, "BAD_RESPONSE"));
});

test("a list answer that is not an array is BAD_RESPONSE", async () => {
  await assert.rejects(client().findScimSecurityProvider(), (err) => isApiError(err, "BAD_RESPONSE"));
});
