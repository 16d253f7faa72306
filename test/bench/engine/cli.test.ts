// The command line: `preview --json` prints only the digest (the shape of `pulumi preview
// --json`), exit codes follow the CLI, config set writes the stack file.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { Digest } from "../../../bench/engine/digest";
import { expectExit, PASSPHRASE, PROJECT, TestProject, THING, urn } from "./helpers";

const CLI = path.join(__dirname, "..", "..", "..", "bench", "engine", "cli.js");

function cli(p: TestProject, args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, "--stack", p.stack, "--cwd", p.dir], {
      env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("offline engine command line", { concurrency: 2 }, () => {
  test("preview --json prints only the digest, with states, diff reasons, detailed diff and summary", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a", props: { members: { "alice@contoso.com": "id-1" }, secretNote: "s1" }, secretProps: ["secretNote"] }, { name: "b" }]);
      expectExit(await p.run("up"), 0);
      p.configure([
        { name: "a", props: { members: { "alice@contoso.com": "id-1", "heidi@contoso.com": "id-8" }, secretNote: "s2" }, secretProps: ["secretNote"] },
      ]);
      const { code, stdout } = await cli(p, ["preview", "--json", "--expect-no-changes"]);
      assert.equal(code, 7);
      const digest = JSON.parse(stdout) as Digest;
      const a = digest.steps.find((s) => s.urn === urn("a"))!;
      assert.equal(a.op, "update");
      assert.equal(a.urn, `urn:pulumi:dev::${PROJECT}::${THING}::a`);
      assert.equal(a.oldState?.type, THING);
      assert.equal(a.oldState?.custom, true);
      assert.ok(a.oldState?.id);
      assert.equal(a.newState?.id, a.oldState?.id);
      assert.deepEqual(a.newState?.inputs.members, { "alice@contoso.com": "id-1", "heidi@contoso.com": "id-8" });
      assert.equal(a.oldState?.inputs.secretNote, "[secret]");
      assert.deepEqual(a.diffReasons, ["members", "secretNote"]);
      assert.deepEqual(a.detailedDiff, {
        'members["heidi@contoso.com"]': { kind: "add", inputDiff: true },
        secretNote: { kind: "update", inputDiff: true },
      });
      const b = digest.steps.find((s) => s.urn === urn("b"))!;
      assert.equal(b.op, "delete");
      assert.equal(b.newState, undefined);
      assert.deepEqual(digest.changeSummary, { create: 0, update: 1, delete: 1, replace: 0, same: 1 });
      assert.ok(digest.diagnostics?.some((d) => d.severity === "error" && /no changes were expected/.test(d.message)));
    } finally {
      p.dispose();
    }
  });

  test("config set --secret reads the value from standard input and refuses one on the command line", async () => {
    const p = new TestProject();
    try {
      const secret = "s3cret-from-stdin-7a6b5c";
      const before = readFileSync(p.configFile, "utf8");
      const refused = await cli(p, ["config", "set", "--secret", "apiToken", secret]);
      assert.equal(refused.code, 255);
      assert.match(refused.stderr, /standard input/);
      assert.ok(!refused.stderr.includes(secret) && !refused.stdout.includes(secret), "the refusal does not repeat the value");
      assert.equal(readFileSync(p.configFile, "utf8"), before, "nothing was written");

      const set = await cli(p, ["config", "set", "--secret", "apiToken"], `${secret}\n`);
      assert.equal(set.code, 0, set.stderr);
      assert.ok(!readFileSync(p.configFile, "utf8").includes(secret), "stored encrypted");
      const get = await cli(p, ["config", "get", "apiToken"]);
      assert.equal(get.stdout, `${secret}\n`, "one trailing newline dropped, the rest kept");

      const empty = await cli(p, ["config", "set", "--secret", "apiToken"], "");
      assert.equal(empty.code, 255);
    } finally {
      p.dispose();
    }
  });

  test("config set writes the stack file the program reads; errors exit 255", async () => {
    const p = new TestProject();
    try {
      const set = await cli(p, ["config", "set", "things", JSON.stringify([{ name: "from-cli" }])]);
      assert.equal(set.code, 0, set.stderr);
      const get = await cli(p, ["config", "get", "things"]);
      assert.deepEqual(JSON.parse(get.stdout), [{ name: "from-cli" }]);
      const up = await cli(p, ["up", "--yes"]);
      assert.equal(up.code, 0, up.stdout);
      assert.match(up.stdout, /\+ test:Thing {2}from-cli {2}created/);
      assert.ok(p.remoteObject("from-cli"));
      const bad = await cli(p, ["up", "--config-file", path.join(p.dir, "missing.yaml")]);
      assert.equal(bad.code, 255);
      assert.match(bad.stdout, /^error: /m);
    } finally {
      p.dispose();
    }
  });
});
