// The same scenario through the real Pulumi CLI and through the offline engine must plan the
// same steps. Runs only where `pulumi` is on PATH (it cannot be installed on the build machines).
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import type { Digest } from "../../../bench/engine/digest";
import { expectExit, PASSPHRASE, TestProject, THING, urn, type ThingSpec } from "./helpers";

function pulumiVersion(): string | undefined {
  const probe = spawnSync("pulumi", ["version"], { encoding: "utf8" });
  return probe.error || probe.status !== 0 ? undefined : probe.stdout.trim();
}

/**
 * What the comparison looks at: each custom resource's op. (Diff reasons are left out: the CLI
 * reports none when a dynamic provider's diff says "changes" without naming keys, while the
 * offline engine derives them from the inputs.)
 */
function plan(digest: Digest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of digest.steps) {
    if (s.urn.includes(THING) && s.op !== "create-replacement" && s.op !== "delete-replaced") out[s.urn] = s.op;
  }
  return out;
}

test("the real pulumi CLI and the offline engine plan the same steps", { timeout: 600_000 }, async (t) => {
  if (!pulumiVersion()) {
    t.skip("pulumi CLI not on PATH");
    return;
  }
  // Under the build folder, so the CLI's dynamic-provider shim resolves @pulumi/pulumi from the project.
  const parent = path.join(__dirname, "tmp-projects");
  const real = new TestProject(parent);
  const offline = new TestProject(parent);
  const before: ThingSpec[] = [{ name: "a", props: { color: "red", key: "k1" } }, { name: "b", props: { color: "blue" } }, { name: "c" }];
  const after: ThingSpec[] = [{ name: "a", props: { color: "red", key: "k2" } }, { name: "b", props: { color: "green" } }, { name: "d" }];
  const env = {
    ...process.env,
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${path.join(real.dir, ".backend")}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const pulumi = (...args: string[]) => {
    const r = spawnSync("pulumi", [...args, "--non-interactive"], { cwd: real.dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  try {
    for (const p of [real, offline]) p.configure(before);
    const init = pulumi("stack", "init", real.stack);
    assert.equal(init.code, 0, init.stderr);
    real.configure(before); // stack init rewrote the file with its own salt
    const realUp = pulumi("up", "--yes", "--skip-preview");
    assert.equal(realUp.code, 0, realUp.stdout + realUp.stderr);
    expectExit(await offline.run("up"), 0);

    for (const p of [real, offline]) p.configure(after);
    const realPreview = pulumi("preview", "--json");
    assert.equal(realPreview.code, 0, realPreview.stderr);
    const offlinePreview = await offline.run("preview", { json: true });
    expectExit(offlinePreview, 0);
    const offlinePlan = plan(JSON.parse(offlinePreview.output) as Digest);
    assert.deepEqual(offlinePlan, { [urn("a")]: "replace", [urn("b")]: "update", [urn("c")]: "delete", [urn("d")]: "create" });
    assert.deepEqual(plan(JSON.parse(realPreview.stdout) as Digest), offlinePlan);

    const destroy = pulumi("destroy", "--yes", "--skip-preview");
    assert.equal(destroy.code, 0, destroy.stderr);
    pulumi("stack", "rm", "--yes", real.stack);
  } finally {
    real.dispose();
    offline.dispose();
  }
});
