// The target table is the one place a product is registered: its keys, model parts, resource
// classes and report labels must agree, or a target would be half-wired.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { targetList, targetParts } from "../../providers/targets";
import { mappingSchema } from "../../providers/target-model";

test("each table entry's model part answers to the table's key, which is also its mapping section", () => {
  for (const { name, target } of targetList) {
    assert.equal(target.model.name, name);
    assert.ok((mappingSchema().properties as Record<string, unknown>)[name], `the mapping schema has a "${name}" section`);
  }
  assert.deepEqual(
    targetParts.map((p) => p.name),
    targetList.map((t) => t.name),
  );
});

test("every target names its resource kinds for the reports, each with a name field and a known report shape", () => {
  const shapes = new Set(["account", "scimGroup", "groupPolicy", "host"]);
  for (const { name, target } of targetList) {
    assert.ok(target.title.length > 0, `${name} has a title`);
    assert.ok(Object.keys(target.resources).length > 0, `${name} declares resource kinds`);
    for (const [kind, label] of Object.entries(target.resources)) {
      assert.ok(label.nameFields.length > 0, `${name}:${kind} has name fields`);
      assert.ok(shapes.has(label.report.kind), `${name}:${kind} has a known report shape`);
    }
  }
});
