import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PrivxEmulator } from "../../../../bench/emulators/privx";
import { call, clientBasic, hostBody, startTrustedEmulator, userBody } from "./helpers";

const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const HOSTS = 205;
const CAP = 7;

describe("PrivX emulator: list, paging and eq filter", () => {
  let emulator: PrivxEmulator;
  let auth: string;
  const list = (url: string, query: Record<string, string | number>) =>
    call(`${url}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`, { authorization: auth });

  before(async () => {
    emulator = await startTrustedEmulator({ maxCount: CAP });
    auth = clientBasic(emulator);
    for (let i = 0; i < HOSTS; i++) {
      const created = await call(emulator.hostsUrl, { method: "POST", authorization: auth, body: hostBody(`host-${String(i).padStart(3, "0")}`) });
      assert.equal(created.status, 201);
    }
    for (const [userName, externalId] of [
      ["Alice@contoso.com", "a-1"],
      ["bob@contoso.com", "b-1"],
    ]) {
      await call(emulator.usersUrl, { method: "POST", authorization: auth, body: userBody(userName, { externalId, groups: ["developers", "dbas"] }) });
    }
  });
  after(() => emulator.close());

  test(`${HOSTS} hosts page out completely with a server cap of ${CAP}, each exactly once`, async () => {
    const seen: string[] = [];
    let startIndex = 1;
    let pages = 0;
    for (;;) {
      const page = await list(emulator.hostsUrl, { startIndex, count: 100 });
      assert.equal(page.status, 200);
      assert.deepEqual(page.body.schemas, [LIST_SCHEMA]);
      assert.equal(page.body.totalResults, HOSTS);
      assert.equal(page.body.startIndex, startIndex);
      assert.ok(page.body.itemsPerPage <= CAP, "count above the cap is capped");
      assert.equal(page.body.itemsPerPage, page.body.Resources.length);
      pages += 1;
      if (page.body.Resources.length === 0) break;
      seen.push(...page.body.Resources.map((r: { externalId: string }) => r.externalId));
      startIndex += page.body.Resources.length;
    }
    assert.equal(pages, Math.ceil(HOSTS / CAP) + 1);
    assert.equal(seen.length, HOSTS);
    assert.equal(new Set(seen).size, HOSTS);
  });

  test("without count the page size is the cap; startIndex below 1 counts as 1; count=0 gives totals only", async () => {
    const first = await list(emulator.hostsUrl, { startIndex: 0 });
    assert.equal(first.body.startIndex, 1);
    assert.equal(first.body.itemsPerPage, CAP);
    const last = await list(emulator.hostsUrl, { startIndex: HOSTS - 1, count: 5 });
    assert.equal(last.body.itemsPerPage, 2);
    const totals = await list(emulator.hostsUrl, { count: 0 });
    assert.equal(totals.body.totalResults, HOSTS);
    assert.deepEqual(totals.body.Resources, []);
    const bad = await list(emulator.hostsUrl, { count: "ten" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.scimType, "invalidValue");
  });

  test("eq filter finds a host by externalId", async () => {
    const found = await list(emulator.hostsUrl, { filter: 'externalId eq "host-042"' });
    assert.equal(found.status, 200);
    assert.equal(found.body.totalResults, 1);
    assert.equal(found.body.Resources[0].externalId, "host-042");
    const none = await list(emulator.hostsUrl, { filter: 'externalId EQ "HOST-042"' });
    assert.equal(none.body.totalResults, 0, "externalId is case-exact; the operator is not");
  });

  test("eq filter on userName ignores case; on groups it matches any value", async () => {
    const byName = await list(emulator.usersUrl, { filter: 'userName eq "alice@CONTOSO.com"' });
    assert.deepEqual(
      byName.body.Resources.map((u: { externalId: string }) => u.externalId),
      ["a-1"],
    );
    const byGroup = await list(emulator.usersUrl, { filter: 'groups eq "dbas"' });
    assert.equal(byGroup.body.totalResults, 2);
  });

  test("every other operator or expression is refused with 400 invalidFilter", async () => {
    for (const filter of [
      'userName co "alice"',
      'userName sw "a"',
      "title pr",
      'userName ne "x"',
      'userName eq "a" and externalId eq "b"',
      '(userName eq "a")',
      'emails[type eq "work"]',
      "userName eq",
    ]) {
      const reply = await list(emulator.usersUrl, { filter });
      assert.equal(reply.status, 400, filter);
      assert.equal(reply.body.scimType, "invalidFilter", filter);
    }
  });
});
