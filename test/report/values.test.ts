import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diffProperties, displayValue, sameValue } from "../../report/values";

const SECRET_OBJECT = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cret" };

describe("diffProperties", () => {
  it("names nested changes by path, quoting keys that are not identifiers", () => {
    const changes = diffProperties(
      { permissions: { perm_admin: false }, jumpGroups: { "Linux Servers": { jumpItemRole: "A" } } },
      { permissions: { perm_admin: true }, jumpGroups: { "Linux Servers": { jumpItemRole: "B" } } },
    );
    assert.deepEqual(
      changes.map((c) => `${c.path}: ${c.before} → ${c.after}`),
      ['jumpGroups["Linux Servers"].jumpItemRole: A → B', "permissions.perm_admin: false → true"],
    );
  });

  it("treats a null value and a missing one as the same, as Pulumi does", () => {
    assert.deepEqual(diffProperties({ zone: null, tags: ["a"], nested: { x: null } }, { tags: ["a"], nested: {} }), []);
    assert.equal(sameValue({ a: 1, b: null }, { a: 1 }), true);
    assert.deepEqual(
      diffProperties({ zone: "eu" }, { zone: null }).map((c) => [c.before, c.after]),
      [["eu", "none"]],
    );
  });

  it("lists what string lists gain and lose, whatever the order", () => {
    const [change] = diffProperties({ tags: ["b", "a"] }, { tags: ["c", "a"] });
    assert.deepEqual([change.added, change.removed], [["c"], ["b"]]);
  });

  it("never unwraps a secret, and lists a secret the engine reports as changed", () => {
    assert.equal(displayValue(SECRET_OBJECT), "[secret]");
    assert.equal(displayValue([{ k: SECRET_OBJECT }]), "[{k: [secret]}]");
    assert.deepEqual(diffProperties({ m: SECRET_OBJECT }, { m: "[secret]" }), []);
    assert.deepEqual(diffProperties({ m: "[secret]" }, { m: "[secret]" }, { reportedChanges: new Set(["m"]) }), [
      { path: "m", before: "[secret]", after: "[secret]" },
    ]);
  });

  it("leaves out ignored keys and the serialized provider", () => {
    assert.deepEqual(diffProperties({ __provider: "a", scimId: "1" }, { __provider: "b", scimId: "2" }, { ignore: ["scimId"] }), []);
  });
});
