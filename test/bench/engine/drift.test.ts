// Drift: changes made in the remote system behind the engine's back, found by refresh and
// undone by up --refresh.
import { statSync } from "node:fs";
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { expectExit, TestProject, urn } from "./helpers";

describe("offline engine drift", { concurrency: 2 }, () => {
  test("refresh picks up a remote change, after which preview --expect-no-changes exits 7", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a", props: { color: "red" } }, { name: "gone" }]);
      expectExit(await p.run("up"), 0);
      const id = p.resource("a")!.id!;
      p.editRemote((r) => {
        r.objects[id].color = "purple";
        delete r.objects[p.resource("gone")!.id!];
      });

      const stateBefore = { text: p.stateText(), mtime: statSync(p.stateFile).mtimeMs };
      const dryRun = await p.run("refresh", { previewOnly: true, expectNoChanges: true });
      expectExit(dryRun, 7);
      assert.equal(p.stateText(), stateBefore.text, "refresh --preview-only writes nothing");
      assert.equal(statSync(p.stateFile).mtimeMs, stateBefore.mtime);

      const refresh = await p.run("refresh");
      expectExit(refresh, 0);
      const step = refresh.digest.steps.find((s) => s.urn === urn("a"))!;
      assert.equal(step.op, "refresh");
      assert.deepEqual(step.diffReasons, ["color"]);
      assert.match(refresh.output, /~ test:Thing {2}a {2}updated {2}\[diff: ~color\]/);
      assert.match(refresh.output, /- test:Thing {2}gone {2}deleted/);
      assert.equal(p.resource("a")?.outputs.color, "purple");
      assert.equal(p.resource("a")?.inputs.color, "red", "refresh keeps the desired inputs");
      assert.equal(p.resource("gone"), undefined, "an object the provider no longer finds leaves the state");
      assert.deepEqual(refresh.digest.changeSummary, { create: 0, update: 1, delete: 1, replace: 0, same: 0 });

      const preview = await p.run("preview", { expectNoChanges: true });
      expectExit(preview, 7);
      assert.ok(preview.errors.some((e) => e.code === "UNEXPECTED_CHANGES"));
      const ops = Object.fromEntries(preview.digest.steps.map((s) => [s.urn, s.op]));
      assert.equal(ops[urn("a")], "update", "diff runs against the refreshed outputs");
      assert.equal(ops[urn("gone")], "create");
    } finally {
      p.dispose();
    }
  });

  test("preview --refresh --expect-no-changes detects drift without writing", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a", props: { color: "red" } }]);
      expectExit(await p.run("up"), 0);
      const id = p.resource("a")!.id!;
      p.editRemote((r) => {
        r.objects[id].color = "purple";
      });
      const before = p.stateText();
      const result = await p.run("preview", { refresh: true, expectNoChanges: true, diff: true });
      expectExit(result, 7);
      assert.equal(p.stateText(), before);
      const update = result.digest.steps.find((s) => s.op === "update")!;
      assert.deepEqual(update.diffReasons, ["color"]);
      assert.match(result.output, /~ color: "purple" => "red"/);
    } finally {
      p.dispose();
    }
  });

  test("up --refresh undoes remote drift", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a", props: { color: "red" } }]);
      expectExit(await p.run("up"), 0);
      const id = p.resource("a")!.id!;
      p.editRemote((r) => {
        r.objects[id].color = "purple";
      });
      const result = await p.run("up", { refresh: true });
      expectExit(result, 0);
      assert.equal(p.remote().objects[id].color, "red");
      assert.deepEqual(
        p.remote().log.map((l) => l.op),
        ["create", "update"],
      );
      assert.equal(p.resource("a")?.outputs.color, "red");
      // Nothing is left to do afterwards.
      expectExit(await p.run("preview", { refresh: true, expectNoChanges: true }), 0);
    } finally {
      p.dispose();
    }
  });
});
