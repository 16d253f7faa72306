import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PraEmulator } from "../../../../bench/emulators/pra";
import { linkHeader } from "../../../../bench/emulators/pra/config/paging";
import { accessToken, call, configApi, parseLink, startEmulator } from "./helpers";

const JUMP_GROUPS = Array.from({ length: 103 }, (_, i) => ({ name: `Jump Group ${String(i + 1).padStart(3, "0")}` }));

describe("PRA emulator: Configuration API paging", () => {
  let pra: PraEmulator;
  let token: string;
  before(async () => {
    pra = await startEmulator({ seed: { jumpGroups: JUMP_GROUPS } });
    token = await accessToken(pra);
  });
  after(() => pra.close());

  test("more than 100 objects: the default page holds 100, with Link and X-BT-Pagination headers", async () => {
    const first = await configApi(pra, token).get("/jump-group");
    assert.equal(first.status, 200);
    assert.equal(first.json.length, 100);
    assert.equal(first.headers["x-bt-pagination-current-page"], "1");
    assert.equal(first.headers["x-bt-pagination-per-page"], "100");
    assert.equal(first.headers["x-bt-pagination-last-page"], "2");
    assert.equal(first.headers["x-bt-pagination-total"], "103");
    const links = parseLink(first.headers.link);
    assert.deepEqual(Object.keys(links), ["first", "next", "last"], "no previous link on the first page");
    assert.equal(links.first, `${pra.configUrl}/jump-group?per_page=100&current_page=1`);
    assert.equal(links.next, `${pra.configUrl}/jump-group?per_page=100&current_page=2`);
    assert.equal(links.last, `${pra.configUrl}/jump-group?per_page=100&current_page=2`);

    const second = await call(links.next, "GET", { token });
    assert.equal(second.json.length, 3);
    const secondLinks = parseLink(second.headers.link);
    assert.deepEqual(Object.keys(secondLinks), ["first", "previous", "last"], "the spec spells the rel 'previous'");
  });

  test("following Link rel=next visits every object once, in order", async () => {
    const names: string[] = [];
    let next: string | undefined = `${pra.configUrl}/jump-group?per_page=7`;
    let pages = 0;
    while (next) {
      const page = await call(next, "GET", { token });
      assert.equal(page.status, 200);
      names.push(...page.json.map((g: { name: string }) => g.name));
      next = parseLink(page.headers.link).next;
      pages += 1;
    }
    assert.equal(pages, Math.ceil(103 / 7));
    assert.deepEqual(
      names,
      JUMP_GROUPS.map((g) => g.name),
    );
  });

  test("Link URLs keep the request's filters", async () => {
    const res = await configApi(pra, token).get("/jump-group?name=jump%20group%20050&per_page=5");
    assert.equal(res.json.length, 1, "the name filter is exact and case-insensitive");
    assert.equal(res.json[0].name, "Jump Group 050");
    assert.equal(parseLink(res.headers.link).first, `${pra.configUrl}/jump-group?name=jump+group+050&per_page=5&current_page=1`);
  });

  test("per_page outside 5..100 and current_page below 1 are 422 with the field in errors", async () => {
    const api = configApi(pra, token);
    for (const query of ["per_page=4", "per_page=101", "per_page=abc", "current_page=0"]) {
      const res = await api.get(`/jump-group?${query}`);
      assert.equal(res.status, 422, query);
      assert.equal(typeof res.json.message, "string");
      assert.ok(Array.isArray(res.json.errors[query.split("=")[0]]), query);
    }
    assert.equal((await api.get("/jump-group?per_page=5")).status, 200);
    assert.equal((await api.get("/jump-group?per_page=100")).status, 200);
  });

  test("a page past the last is empty and still carries the headers", async () => {
    const res = await configApi(pra, token).get("/jump-group?per_page=50&current_page=9");
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, []);
    assert.equal(res.headers["x-bt-pagination-last-page"], "3");
    assert.equal(res.headers["x-bt-pagination-current-page"], "9");
  });

  test("defaultPerPage makes lists page with few objects; maxPerPage lowers the accepted per_page", async () => {
    const small = await startEmulator({
      defaultPerPage: 5,
      maxPerPage: 10,
      seed: { localUsers: Array.from({ length: 11 }, (_, i) => ({ username: `user${i}` })) },
    });
    try {
      const api = configApi(small, await accessToken(small));
      const users = await api.get("/user");
      assert.equal(users.json.length, 5);
      assert.equal(users.headers["x-bt-pagination-total"], "12", "11 seeded users and the built-in admin");
      assert.equal(users.headers["x-bt-pagination-last-page"], "3");
      assert.equal((await api.get("/user?per_page=11")).status, 422);
    } finally {
      await small.close();
    }
  });

  test("lists the spec documents without paging parameters still page (the overview says every list does)", async () => {
    const api = configApi(pra, token);
    const policy = (await api.post("/group-policy", { name: "Paged links" })).json;
    for (const group of [...pra.state.jumpGroups.values()].slice(0, 6)) {
      assert.equal((await api.post(`/group-policy/${policy.id}/jump-group`, { jump_group_id: group.id })).status, 201);
    }
    const page = await api.get(`/group-policy/${policy.id}/jump-group?per_page=5&current_page=2`);
    assert.equal(page.status, 200);
    assert.equal(page.json.length, 1);
    assert.equal(page.headers["x-bt-pagination-total"], "6");
  });

  test("linkHeader writes RFC 8288 links comma-space separated, first and last always present", () => {
    const header = linkHeader("https://pra.example/api/config/v1/user", new URLSearchParams("per_page=10&current_page=2"), 10, 2, 5);
    assert.equal(
      header,
      '<https://pra.example/api/config/v1/user?per_page=10&current_page=1>; rel="first", ' +
        '<https://pra.example/api/config/v1/user?per_page=10&current_page=1>; rel="previous", ' +
        '<https://pra.example/api/config/v1/user?per_page=10&current_page=3>; rel="next", ' +
        '<https://pra.example/api/config/v1/user?per_page=10&current_page=5>; rel="last"',
    );
    const single = linkHeader("https://pra.example/x", new URLSearchParams(), 100, 1, 1);
    assert.deepEqual(Object.keys(parseLink(single)), ["first", "last"]);
  });
});
