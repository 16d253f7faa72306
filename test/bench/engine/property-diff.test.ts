import { test } from "node:test";
import * as assert from "node:assert/strict";
import { changedKeys, detailedDiff, diffProperties, diffSummary, formatPath } from "../../../bench/engine/property-diff";
import { makeSecret } from "../../../bench/engine/properties";

test("property paths are written as Pulumi writes them", () => {
  assert.equal(formatPath(["members", "alice@contoso.com"]), 'members["alice@contoso.com"]');
  assert.equal(formatPath(["tags", 2]), "tags[2]");
  assert.equal(formatPath(["jumpGroups", "Linux Servers", "jumpPolicy"]), 'jumpGroups["Linux Servers"].jumpPolicy');
  assert.equal(formatPath(["a_b$1"]), "a_b$1");
  assert.equal(formatPath(['q"x']), '["q\\"x"]');
});

test("the diff reaches leaves in maps and arrays and reports top-level reasons in order", () => {
  const olds = { members: { "alice@contoso.com": "1", "dave@contoso.com": "4" }, tags: ["a", "b"], active: true, gone: 1 };
  const news = { members: { "alice@contoso.com": "1", "heidi@contoso.com": "8" }, tags: ["a", "c", "d"], active: true, added: "x" };
  const changes = diffProperties(olds, news);
  assert.deepEqual(changedKeys(changes), ["members", "tags", "gone", "added"]);
  assert.deepEqual(detailedDiff(changes, ["tags"]), {
    'members["dave@contoso.com"]': { kind: "delete", inputDiff: true },
    'members["heidi@contoso.com"]': { kind: "add", inputDiff: true },
    "tags[1]": { kind: "update-replace", inputDiff: true },
    "tags[2]": { kind: "add-replace", inputDiff: true },
    gone: { kind: "delete", inputDiff: true },
    added: { kind: "add", inputDiff: true },
  });
  assert.equal(diffSummary(olds, news, changedKeys(changes)), "~members ~tags -gone +added");
});

test("secrets compare by value and are not descended into", () => {
  assert.deepEqual(diffProperties({ p: makeSecret("x") }, { p: makeSecret("x") }), []);
  assert.deepEqual(diffProperties({ p: "x" }, { p: makeSecret("x") }), []);
  const changes = diffProperties({ p: makeSecret({ a: 1 }) }, { p: makeSecret({ a: 2 }) });
  assert.deepEqual(
    changes.map((c) => [c.path, c.kind]),
    [[["p"], "update"]],
  );
});
