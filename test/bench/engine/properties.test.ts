import { test } from "node:test";
import * as assert from "node:assert/strict";
import { applyIgnoreChanges, deepEqual, makeSecret, markSecretOutputs, maskSecrets, unwrapSecrets, UNKNOWN } from "../../../bench/engine/properties";
import { makeUrn } from "../../../bench/engine/urn";

test("ignoreChanges takes the old value of each listed path, including nested ones and absent ones", () => {
  const olds = { color: "red", tags: { env: "dev", team: "a" }, list: [1, 2] };
  const news = { color: "blue", tags: { env: "prod", team: "b" }, list: [3, 4], extra: "x" };
  assert.deepEqual(applyIgnoreChanges(olds, news, ["color", "tags.team", "list[1]", "extra"]), {
    color: "red",
    tags: { env: "prod", team: "a" },
    list: [3, 2],
  });
  assert.deepEqual(news.tags, { env: "prod", team: "b" }, "the new inputs are not modified");
});

test("outputs are secret where the input of that name was, or where additionalSecretOutputs says", () => {
  const outputs = markSecretOutputs({ password: "p", id: "1", name: "n" }, { password: makeSecret("p"), name: "n" }, ["id"]);
  assert.deepEqual(maskSecrets(outputs), { password: "[secret]", id: "[secret]", name: "n" });
  assert.deepEqual(unwrapSecrets(outputs), { password: "p", id: "1", name: "n" });
});

test("equality ignores secrecy but not unknowns or missing keys", () => {
  assert.ok(deepEqual({ a: makeSecret([1]) }, { a: [1] }));
  assert.ok(!deepEqual({ a: UNKNOWN }, { a: "x" }));
  assert.ok(!deepEqual({ a: 1 }, { a: 1, b: 2 }));
  assert.ok(deepEqual({ a: 1, b: undefined }, { a: 1 }));
});

test("URNs qualify a child's type with its parent's unless the parent is the stack", () => {
  const stack = makeUrn("dev", "p", "pulumi:pulumi:Stack", "p-dev");
  const parent = makeUrn("dev", "p", "my:Component", "c", stack);
  assert.equal(parent, "urn:pulumi:dev::p::my:Component::c");
  assert.equal(
    makeUrn("dev", "p", "pulumi-nodejs:dynamic/pra:ScimUser", "u1", parent),
    "urn:pulumi:dev::p::my:Component$pulumi-nodejs:dynamic/pra:ScimUser::u1",
  );
});
