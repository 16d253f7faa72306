// The resource lifecycle through the real SDK program runner and dynamic-provider server:
// create, no-op preview, update, replace (both orders), delete, destroy, a failed program.
import { statSync } from "node:fs";
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { expectExit, TestProject, THING, urn } from "./helpers";

describe("offline engine lifecycle", { concurrency: 2 }, () => {
  test("up creates every declared resource, records it in state and prints Pulumi-style lines", async () => {
    const p = new TestProject();
    try {
      p.configure([
        { name: "a", props: { color: "red" } },
        { name: "b", props: { color: "blue" }, dependsOn: ["a"] },
      ]);
      const result = await p.run("up");
      expectExit(result, 0);
      const remote = p.remote();
      assert.deepEqual(
        Object.values(remote.objects)
          .map((o) => [o.name, o.color])
          .sort(),
        [
          ["a", "red"],
          ["b", "blue"],
        ],
      );
      const a = p.resource("a");
      assert.ok(a?.id && remote.objects[a.id], "state holds the id the provider returned");
      assert.equal(a.type, THING);
      assert.equal(a.outputs.remoteId, a.id);
      assert.deepEqual(p.resource("b")?.dependencies, [urn("a")]);
      assert.deepEqual(p.state().outputs, { names: ["a", "b"] });
      assert.match(result.output, /^ {4}\+ test:Thing {2}a {2}created$/m);
      assert.match(result.output, /\+ 3 created/);
      assert.deepEqual(result.digest.changeSummary, { create: 3, update: 0, delete: 0, replace: 0, same: 0 });
    } finally {
      p.dispose();
    }
  });

  test("a preview after up reports no changes and writes nothing", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a", props: { color: "red" } }]);
      expectExit(await p.run("up"), 0);
      const before = { text: p.stateText(), mtime: statSync(p.stateFile).mtimeMs, remote: JSON.stringify(p.remote()) };
      const result = await p.run("preview", { expectNoChanges: true });
      expectExit(result, 0);
      assert.deepEqual(result.digest.changeSummary, { create: 0, update: 0, delete: 0, replace: 0, same: 2 });
      assert.deepEqual(
        result.digest.steps.map((s) => s.op),
        ["same", "same"],
      );
      assert.equal(p.stateText(), before.text);
      assert.equal(statSync(p.stateFile).mtimeMs, before.mtime);
      assert.equal(JSON.stringify(p.remote()), before.remote);
      assert.match(result.output, /2 unchanged/);
    } finally {
      p.dispose();
    }
  });

  test("a changed input previews as an update with its diff and up updates in place", async () => {
    const p = new TestProject();
    try {
      p.configure([
        { name: "a", props: { color: "red", tags: { env: "dev" } } },
        { name: "opaque", props: { color: "red", opaqueDiff: true } },
      ]);
      expectExit(await p.run("up"), 0);
      const id = p.resource("a")!.id;
      p.configure([
        { name: "a", props: { color: "green", tags: { env: "dev", team: "sre" } } },
        // The provider answers "unknown" for this one: the engine must compare inputs itself.
        { name: "opaque", props: { color: "blue", opaqueDiff: true } },
      ]);
      const preview = await p.run("preview", { diff: true });
      expectExit(preview, 0);
      const step = preview.digest.steps.find((s) => s.urn === urn("a"))!;
      assert.equal(step.op, "update");
      assert.deepEqual(step.diffReasons, ["color", "tags"]);
      assert.deepEqual(step.detailedDiff, { color: { kind: "update", inputDiff: true }, "tags.team": { kind: "add", inputDiff: true } });
      assert.equal(preview.digest.steps.find((s) => s.urn === urn("opaque"))?.op, "update");
      assert.match(preview.output, /~ test:Thing {2}a {2}update {2}\[diff: ~color ~tags\]/);
      assert.match(preview.output, /~ color: "red" => "green"/);
      assert.match(preview.output, /\+ team: "sre"/);
      assert.equal(p.remoteObject("a")?.color, "red", "a preview changes nothing remotely");

      const up = await p.run("up");
      expectExit(up, 0);
      assert.equal(p.remoteObject("a")?.color, "green");
      assert.equal(p.remoteObject("opaque")?.color, "blue");
      assert.equal(p.resource("a")?.id, id, "an update keeps the id");
      assert.deepEqual(
        p
          .remote()
          .log.filter((l) => l.name === "a")
          .map((l) => l.op),
        ["create", "update"],
      );
      assert.deepEqual(up.digest.changeSummary, { create: 0, update: 2, delete: 0, replace: 0, same: 1 });
    } finally {
      p.dispose();
    }
  });

  test("a replacement creates the new object before deleting the old one", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a", props: { key: "k1" } }]);
      expectExit(await p.run("up"), 0);
      const oldId = p.resource("a")!.id;
      p.configure([{ name: "a", props: { key: "k2" } }]);
      const result = await p.run("up");
      expectExit(result, 0);
      const newId = p.resource("a")!.id;
      assert.notEqual(newId, oldId);
      assert.deepEqual(
        p.remote().log.map((l) => [l.op, l.id]),
        [
          ["create", oldId],
          ["create", newId],
          ["delete", oldId],
        ],
      );
      const ops = result.digest.steps.filter((s) => s.urn === urn("a")).map((s) => s.op);
      assert.deepEqual(ops, ["create-replacement", "replace", "delete-replaced"]);
      const replace = result.digest.steps.find((s) => s.op === "replace")!;
      assert.deepEqual(replace.replaceReasons, ["key"]);
      assert.deepEqual(replace.detailedDiff, { key: { kind: "update-replace", inputDiff: true } });
      assert.match(result.output, /\+- test:Thing {2}a {2}replaced/);
      assert.deepEqual(result.digest.changeSummary, { create: 0, update: 0, delete: 0, replace: 1, same: 1 });
      assert.equal(p.state().resources.filter((r) => r.urn === urn("a")).length, 1, "the old copy left the state");
    } finally {
      p.dispose();
    }
  });

  test("deleteBeforeReplace deletes the old object first", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a", props: { key: "k1" }, deleteBeforeReplace: true }]);
      expectExit(await p.run("up"), 0);
      const oldId = p.resource("a")!.id;
      p.configure([{ name: "a", props: { key: "k2" }, deleteBeforeReplace: true }]);
      const up = await p.run("up");
      expectExit(up, 0);
      assert.deepEqual(
        up.digest.steps.filter((s) => s.urn === urn("a")).map((s) => s.op),
        ["delete-replaced", "replace", "create-replacement"],
      );
      assert.match(up.output, /-\+ test:Thing {2}a {2}replaced/);
      const newId = p.resource("a")!.id;
      assert.deepEqual(
        p.remote().log.map((l) => [l.op, l.id]),
        [
          ["create", oldId],
          ["delete", oldId],
          ["create", newId],
        ],
      );
    } finally {
      p.dispose();
    }
  });

  test("resources the program no longer declares are deleted, dependents first", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a" }, { name: "b", dependsOn: ["a"] }, { name: "c", parent: "b" }, { name: "d", propsFrom: { upstream: "a" } }, { name: "keep" }]);
      expectExit(await p.run("up"), 0);
      assert.deepEqual(p.resource("d")?.propertyDependencies, { upstream: [urn("a")] });
      p.configure([{ name: "keep" }]);
      const result = await p.run("up");
      expectExit(result, 0);
      const deletes = p
        .remote()
        .log.filter((l) => l.op === "delete")
        .map((l) => l.name!);
      assert.deepEqual([...deletes].sort(), ["a", "b", "c", "d"]);
      const before = (x: string, y: string) => deletes.indexOf(x) < deletes.indexOf(y);
      assert.ok(before("c", "b") && before("b", "a") && before("d", "a"), `delete order ${deletes.join(",")}`);
      assert.deepEqual(
        Object.values(p.remote().objects).map((o) => o.name),
        ["keep"],
      );
      assert.deepEqual(
        p
          .state()
          .resources.map((r) => r.urn)
          .sort(),
        [urn("keep"), "urn:pulumi:dev::engine-test::pulumi:pulumi:Stack::engine-test-dev"].sort(),
      );
      assert.match(result.output, /- test:Thing {2}a {2}deleted/);
    } finally {
      p.dispose();
    }
  });

  test("a program that fails deletes nothing but keeps what it created", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a" }, { name: "b" }]);
      expectExit(await p.run("up"), 0);
      p.configure([{ name: "a" }, { name: "c" }], { failAfterRegistering: true });
      const result = await p.run("up");
      expectExit(result, 255);
      assert.ok(result.errors.some((e) => e.code === "PROGRAM" && /failed on purpose/.test(e.message)));
      assert.ok(p.remoteObject("b"), "b must survive a failed run");
      assert.ok(p.resource("b"), "b stays in state");
      assert.ok(p.remoteObject("c") && p.resource("c")?.id, "c was created and is recorded");
      assert.equal(p.remote().log.filter((l) => l.op === "delete").length, 0);
      assert.equal(p.state().lastUpdate?.result, "failed");
      assert.match(result.output, /Diagnostics:/);
    } finally {
      p.dispose();
    }
  });

  test("a failed run keeps the stack outputs of the last successful one, which a StackReference to the stack reads back", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a" }, { name: "b" }], { readOwnOutputs: true });
      expectExit(await p.run("up"), 0);
      assert.deepEqual(p.state().outputs.previousNames, null, "the first run has no previous outputs");
      p.configure([{ name: "a" }, { name: "c" }], { failAfterRegistering: true });
      expectExit(await p.run("up"), 255);
      assert.deepEqual(p.state().outputs.names, ["a", "b"], "the failed run left the outputs as they were");
      p.configure([{ name: "a" }, { name: "c" }], { readOwnOutputs: true });
      expectExit(await p.run("up"), 0);
      assert.deepEqual(p.state().outputs.previousNames, ["a", "b"], "the next run read the last successful run's outputs");
      assert.deepEqual(p.state().outputs.names, ["a", "c"]);
    } finally {
      p.dispose();
    }
  });

  test("a create that half-succeeds records the object, and the next up finishes it", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a", props: { initFails: true } }]);
      const failed = await p.run("up");
      expectExit(failed, 255);
      assert.ok(failed.errors.some((e) => e.code === "PROVIDER" && e.urn === urn("a")));
      const partial = p.resource("a");
      assert.ok(partial?.id && p.remote().objects[partial.id], "the partially created object is in state");
      assert.deepEqual(partial.initErrors, ["still provisioning"]);
      p.configure([{ name: "a", props: { initFails: false } }]);
      expectExit(await p.run("up"), 0);
      assert.equal(p.resource("a")?.id, partial.id);
      assert.equal(p.resource("a")?.initErrors, undefined);
      assert.deepEqual(
        p.remote().log.map((l) => l.op),
        ["create", "update"],
      );
    } finally {
      p.dispose();
    }
  });

  test("inputs the provider's check rejects fail the run with the property and reason", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "bad", props: { name: 42 } }]);
      const result = await p.run("preview");
      expectExit(result, 255);
      const error = result.errors.find((e) => e.code === "CHECK_FAILED");
      assert.equal(error?.urn, urn("bad"));
      assert.match(error?.message ?? "", /name: name must be a string/);
      assert.deepEqual(p.remote().log, []);
    } finally {
      p.dispose();
    }
  });

  test("destroy deletes everything and empties the state", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a" }, { name: "b", dependsOn: ["a"] }]);
      expectExit(await p.run("up"), 0);
      const result = await p.run("destroy");
      expectExit(result, 0);
      assert.deepEqual(p.remote().objects, {});
      assert.deepEqual(
        p
          .remote()
          .log.filter((l) => l.op === "delete")
          .map((l) => l.name),
        ["b", "a"],
      );
      assert.deepEqual(p.state().resources, []);
      assert.deepEqual(result.digest.changeSummary, { create: 0, update: 0, delete: 3, replace: 0, same: 0 });
    } finally {
      p.dispose();
    }
  });
});
