// One run per stack: a live lock holder blocks other runs; a dead one is reported with the
// command that breaks the lock.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { unlock } from "../../../bench/engine/stack-admin";
import { expectExit, TestProject } from "./helpers";

function writeLock(p: TestProject, pid: number): string {
  const dir = path.dirname(p.stateFile);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${p.stack}.lock`);
  writeFileSync(file, JSON.stringify({ pid, host: hostname(), time: new Date().toISOString(), command: "up" }));
  return file;
}

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("offline engine stack lock", { concurrency: 2 }, () => {
  test("two runs on one stack cannot interleave", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a" }]);
      const [first, second] = await Promise.all([p.run("up"), p.run("up")]);
      const codes = [first, second].map((r) => r.errors.map((e) => e.code));
      const blocked = [first, second].filter((r) => r.errors.some((e) => e.code === "LOCKED"));
      assert.equal(blocked.length, 1, `exactly one run is refused: ${JSON.stringify(codes)}`);
      assert.equal(blocked[0].exitCode, 255);
      const ran = first === blocked[0] ? second : first;
      expectExit(ran, 0);
      assert.equal(Object.keys(p.remote().objects).length, 1);
      assert.ok(!existsSync(path.join(path.dirname(p.stateFile), `${p.stack}.lock`)), "the lock is released");
    } finally {
      p.dispose();
    }
  });

  test("a lock held by a live process blocks the run without touching anything", async () => {
    const p = new TestProject();
    try {
      writeLock(p, process.pid);
      const result = await p.run("up");
      expectExit(result, 255);
      assert.deepEqual(
        result.errors.map((e) => e.code),
        ["LOCKED"],
      );
      assert.ok(!existsSync(p.stateFile));
      assert.equal(Object.keys(p.remote().objects).length, 0, "nothing was created");
    } finally {
      p.dispose();
    }
  });

  test("previews take no lock, as with the CLI's file backend: they run while an update holds it", async () => {
    const p = new TestProject();
    try {
      p.configure([{ name: "a" }]);
      expectExit(await p.run("up"), 0);
      const file = writeLock(p, process.pid);
      p.configure([{ name: "a" }, { name: "b" }]);
      const [preview, refresh] = await Promise.all([p.run("preview"), p.run("refresh", { previewOnly: true })]);
      expectExit(preview, 0);
      expectExit(refresh, 0);
      assert.match(preview.output, /\+ 1 to create/);
      assert.ok(existsSync(file), "the update's lock is left as it was");
      assert.equal(Object.keys(p.remote().objects).length, 1, "a preview writes nothing");
    } finally {
      p.dispose();
    }
  });

  test("a stale lock is reported with the command that breaks it, and unlock breaks it", async () => {
    const p = new TestProject();
    try {
      const file = writeLock(p, deadPid());
      const result = await p.run("up");
      expectExit(result, 255);
      assert.deepEqual(
        result.errors.map((e) => e.code),
        ["LOCK_STALE"],
      );
      assert.match(result.output, /unlock --stack dev/);
      assert.ok(existsSync(file), "a stale lock is never broken silently");
      assert.equal(unlock({ projectDir: p.dir, stack: p.stack }), true);
      assert.ok(!existsSync(file));
    } finally {
      p.dispose();
    }
  });
});
