// Resource options the engine honours: protect, retainOnDelete, ignoreChanges.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { expectExit, TestProject, urn } from "./helpers";

describe("offline engine resource options", { concurrency: 2 }, () => {
  test("protect blocks the deletion of a resource the program dropped", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "guarded", protect: true }, { name: "other" }]);
      expectExit(await p.run("up"), 0);
      assert.equal(p.resource("guarded")?.protect, true);
      p.configure([]);
      const up = await p.run("up");
      expectExit(up, 255);
      assert.ok(up.errors.some((e) => e.code === "PROTECTED" && e.urn === urn("guarded")));
      assert.match(up.output, /state unprotect/, "the error says how to lift the protection");
      assert.ok(p.remoteObject("guarded") && p.resource("guarded"));
      assert.ok(p.remoteObject("other") && p.resource("other"), "nothing is deleted when a protected resource blocks the run");
      assert.equal(p.remote().log.filter((l) => l.op === "delete").length, 0);
    } finally {
      p.dispose();
    }
  });

  test("protect blocks a replacement", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "guarded", props: { key: "k1" }, protect: true }]);
      expectExit(await p.run("up"), 0);
      p.configure([{ name: "guarded", props: { key: "k2" }, protect: true }]);
      const up = await p.run("up");
      expectExit(up, 255);
      assert.ok(up.errors.some((e) => e.code === "PROTECTED" && e.urn === urn("guarded")));
      assert.deepEqual(
        p.remote().log.map((l) => l.op),
        ["create"],
      );
      assert.equal(p.resource("guarded")?.inputs.key, "k1");
    } finally {
      p.dispose();
    }
  });

  test("retainOnDelete drops the resource from state without deleting the object", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "kept", retainOnDelete: true }]);
      expectExit(await p.run("up"), 0);
      p.configure([]);
      const result = await p.run("up");
      expectExit(result, 0);
      assert.ok(p.remoteObject("kept"), "the remote object survives");
      assert.equal(p.remote().log.filter((l) => l.op === "delete").length, 0);
      assert.equal(p.resource("kept"), undefined);
      assert.match(result.output, /- test:Thing {2}kept {2}deleted {2}\[retain\]/);
    } finally {
      p.dispose();
    }
  });

  test("ignoreChanges keeps the recorded value of an ignored property", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a", props: { color: "red", size: 1 }, ignoreChanges: ["color"] }]);
      expectExit(await p.run("up"), 0);
      p.configure([{ name: "a", props: { color: "blue", size: 1 }, ignoreChanges: ["color"] }]);
      const preview = await p.run("preview", { expectNoChanges: true });
      expectExit(preview, 0);
      p.configure([{ name: "a", props: { color: "blue", size: 2 }, ignoreChanges: ["color"] }]);
      const up = await p.run("up");
      expectExit(up, 0);
      const update = up.digest.steps.find((s) => s.urn === urn("a"))!;
      assert.equal(update.op, "update");
      assert.deepEqual(update.diffReasons, ["size"]);
      assert.deepEqual(p.remoteObject("a"), { name: "a", color: "red", size: 2 });
      assert.equal(p.resource("a")?.inputs.color, "red");
    } finally {
      p.dispose();
    }
  });
});

describe("offline engine project runtime options", () => {
  test("runtime.options.nodeargs go to the program's Node process, before the program runner, as the CLI's language host puts them", async () => {
    const p = new TestProject();
    try {
      const pulumiYaml = path.join(p.dir, "Pulumi.yaml");
      const project = YAML.parse(readFileSync(pulumiYaml, "utf8"));
      project.runtime.options.nodeargs = "--max-old-space-size=300  --stack-trace-limit=7";
      writeFileSync(pulumiYaml, YAML.stringify(project));
      const index = path.join(p.dir, "index.js");
      writeFileSync(
        index,
        `require("fs").writeFileSync(${JSON.stringify(path.join(p.dir, "exec-argv.json"))}, JSON.stringify(process.execArgv));\n${readFileSync(index, "utf8")}`,
      );
      p.configure([{ name: "a" }]);
      expectExit(await p.run("preview"), 0);
      const execArgv = JSON.parse(readFileSync(path.join(p.dir, "exec-argv.json"), "utf8")) as string[];
      assert.deepEqual(
        execArgv.filter((a) => !a.startsWith("--require")),
        ["--max-old-space-size=300", "--stack-trace-limit=7"],
      );
    } finally {
      p.dispose();
    }
  });

  test("nodeargs that need a shell's quoting are refused with the file named, before anything runs", async () => {
    const p = new TestProject();
    try {
      const pulumiYaml = path.join(p.dir, "Pulumi.yaml");
      const project = YAML.parse(readFileSync(pulumiYaml, "utf8"));
      project.runtime.options.nodeargs = `--title="a b"`;
      writeFileSync(pulumiYaml, YAML.stringify(project));
      p.configure([{ name: "a" }]);
      const preview = await p.run("preview");
      assert.notEqual(preview.exitCode, 0);
      assert.match(preview.output, /nodeargs/);
      assert.match(preview.output, /Pulumi\.yaml/);
    } finally {
      p.dispose();
    }
  });
});
