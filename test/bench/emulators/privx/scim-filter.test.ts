import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { matchesEq, parseEqFilter } from "../../../../bench/emulators/privx/scim-filter";
import { pageRequest } from "../../../../bench/emulators/privx/scim-list";

describe("eq filter parsing", () => {
  test("attribute eq literal, with any operator case and JSON string escapes", () => {
    assert.deepEqual(parseEqFilter('userName eq "a\\"b"'), { ok: true, filter: { attribute: "userName", value: 'a"b' } });
    assert.deepEqual(parseEqFilter("tofu EQ true"), { ok: true, filter: { attribute: "tofu", value: true } });
  });

  test("a quoted value holding spaces and the word 'and' is one literal", () => {
    const parsed = parseEqFilter('commonName eq "web and db"');
    assert.ok(parsed.ok);
    assert.equal(parsed.filter.value, "web and db");
  });

  test("matching: attribute names ignore case; listed attributes compare without case; arrays match any value", () => {
    const user = { userName: "Alice", groups: ["a", "b"], externalId: "X" };
    assert.ok(matchesEq(user, { attribute: "USERNAME", value: "alice" }, ["userName"]));
    assert.ok(!matchesEq(user, { attribute: "externalId", value: "x" }, ["userName"]));
    assert.ok(matchesEq(user, { attribute: "groups", value: "b" }));
    assert.ok(!matchesEq(user, { attribute: "mail", value: "a" }));
  });
});

describe("page request", () => {
  test("defaults, cap and clamping", () => {
    assert.deepEqual(pageRequest(new URLSearchParams(""), 10), { startIndex: 1, count: 10 });
    assert.deepEqual(pageRequest(new URLSearchParams("startIndex=-4&count=500"), 10), { startIndex: 1, count: 10 });
    assert.deepEqual(pageRequest(new URLSearchParams("startIndex=11&count=-1"), 10), { startIndex: 11, count: 0 });
  });
});
