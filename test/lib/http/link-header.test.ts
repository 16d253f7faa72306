import { test } from "node:test";
import * as assert from "node:assert/strict";
import { findLink, parseLinkHeader } from "../../../lib/http";

test("PRA's Link header: first, previous, next and last", () => {
  const header =
    '<https://pra.example.com/api/config/v1/user?per_page=10&current_page=1>; rel="first", ' +
    '<https://pra.example.com/api/config/v1/user?per_page=10&current_page=1>; rel="previous", ' +
    '<https://pra.example.com/api/config/v1/user?per_page=10&current_page=3>; rel="next", ' +
    '<https://pra.example.com/api/config/v1/user?per_page=10&current_page=5>; rel="last"';
  const links = parseLinkHeader(header);
  assert.equal(links.length, 4);
  assert.equal(findLink(links, "next"), "https://pra.example.com/api/config/v1/user?per_page=10&current_page=3");
  assert.equal(findLink(links, "prev"), "https://pra.example.com/api/config/v1/user?per_page=10&current_page=1");
  assert.equal(findLink(links, "last"), "https://pra.example.com/api/config/v1/user?per_page=10&current_page=5");
});

test("commas and semicolons inside the URI and inside quoted values do not split links", () => {
  const links = parseLinkHeader('<https://x.test/a?f=1,2;3>; rel="next"; title="a, b; c", <https://x.test/b>; rel=last');
  assert.deepEqual(links, [
    { uri: "https://x.test/a?f=1,2;3", rel: ["next"], params: { title: "a, b; c" } },
    { uri: "https://x.test/b", rel: ["last"], params: {} },
  ]);
});

test("relation types are case-insensitive, space-separated, and only the first rel counts", () => {
  const links = parseLinkHeader('<https://x.test/p2>; REL="Next Last"; rel="prev"');
  assert.deepEqual(links[0].rel, ["next", "last"]);
  assert.equal(findLink(links, "last"), "https://x.test/p2");
  assert.equal(findLink(links, "prev"), undefined);
});

test("relative targets resolve against the request URL; garbage is skipped", () => {
  const links = parseLinkHeader('junk; rel="x", </api/users?page=2>; rel="next", <broken', "https://x.test/api/users?page=1");
  assert.deepEqual(
    links.map((l) => l.uri),
    ["https://x.test/api/users?page=2"],
  );
});

test("no header, no links", () => {
  assert.deepEqual(parseLinkHeader(undefined), []);
  assert.deepEqual(parseLinkHeader(""), []);
});
