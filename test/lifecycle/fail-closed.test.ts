// Through the real program and engine: bad mapping input and an incomplete directory read both
// stop the run before anything is declared, with a message a user can act on, and change nothing.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { DEMO_STACK, startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { demoTenant } from "../../bench/emulators/graph";
import { offlineEngineCli } from "../../workflows/runner";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let env: DemoEnvironment;
const log: string[] = [];

function writesSince(requests: { method: string; path: string }[], from: number) {
  return requests.slice(from).filter((r) => WRITES.has(r.method) && !/token$/.test(r.path));
}

before(async () => {
  env = await startDemoEnvironment({ projectDir: PROJECT_DIR, workDir: path.join(os.tmpdir(), `pam-fail-closed-${process.pid}`), print: (t) => log.push(t) });
  const first = await env.runner.run("up", env.options);
  assert.equal(first.exitCode, 0, log.join(""));
});
after(() => env.close());

test("a mapping error names file, line, column and field, and up changes nothing", async () => {
  const accessFile = path.join(env.workDir, "mappings", "access.yaml");
  const good = fs.readFileSync(accessFile, "utf8");
  const bad = good.replace("members: [linux-admins]", "members: [linux-admin]");
  assert.notEqual(bad, good);
  fs.writeFileSync(accessFile, bad);
  const line = bad.split("\n").findIndex((l) => l.includes("[linux-admin]")) + 1;
  const [praMark, privxMark, stateBefore] = [
    env.pra.requests.length,
    env.privx.requests.length,
    fs.readFileSync(path.join(env.workDir, "state", "demo.json"), "utf8"),
  ];
  try {
    log.length = 0;
    const result = await env.runner.run("up", env.options);
    assert.equal(result.exitCode, 255);
    const output = log.join("") + result.output;
    assert.match(output, new RegExp(`access\\.yaml:${line}:\\d+ pra\\.groupPolicies\\[0\\]\\.members\\[0\\]`), output);
    assert.match(output, /linux-admin/);
    assert.match(output, /Nothing was changed/);
    assert.deepEqual(writesSince(env.pra.requests, praMark), []);
    assert.deepEqual(writesSince(env.privx.requests, privxMark), []);
    const stateAfter = JSON.parse(fs.readFileSync(path.join(env.workDir, "state", "demo.json"), "utf8"));
    assert.deepEqual(
      stateAfter.resources?.map((r: { urn: string }) => r.urn).sort(),
      JSON.parse(stateBefore)
        .resources?.map((r: { urn: string }) => r.urn)
        .sort(),
    );
  } finally {
    fs.writeFileSync(accessFile, good);
  }
});

test("a directory read that keeps failing (Graph 503) aborts the run: nobody is removed", async () => {
  env.graph.faults.inject({ status: 503, retryAfterSeconds: 0, times: 1000, path: "/transitiveMembers" });
  const [praMark, privxMark] = [env.pra.requests.length, env.privx.requests.length];
  try {
    log.length = 0;
    const result = await env.runner.run("up", env.options);
    assert.equal(result.exitCode, 255);
    assert.deepEqual(writesSince(env.pra.requests, praMark), [], "no user deactivated, no group emptied");
    assert.deepEqual(writesSince(env.privx.requests, privxMark), []);
    assert.equal(
      env.pra.state.scimUsers().every((u) => u.enabled || u.scim!.userName === "carol@contoso.com"),
      true,
    );
  } finally {
    env.graph.faults.clear();
  }
  log.length = 0;
  const again = await env.runner.run("preview", { ...env.options, expectNoChanges: true });
  assert.equal(again.exitCode, 0, `once Graph answers again nothing is pending\n${log.join("")}`);
});

function runProcess(command: string, args: string[], childEnv: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output }));
  });
}

/** A JavaScript stack frame ("    at fn (file.ts:12:3)"): an expected error never shows one. */
const STACK_FRAME = /^\s+at .+[:(]/m;

/** Runs up with `file` holding `text`, restores it, and returns what the user saw and what was written. */
async function upWith(
  name: string,
  text: (good: string) => string,
): Promise<{ exitCode: number; output: string; writes: number; line: (s: string) => number }> {
  const file = path.join(env.workDir, "mappings", name);
  const good = fs.readFileSync(file, "utf8");
  const bad = text(good);
  assert.notEqual(bad, good);
  fs.writeFileSync(file, bad);
  const [praMark, privxMark] = [env.pra.requests.length, env.privx.requests.length];
  try {
    log.length = 0;
    const result = await env.runner.run("up", env.options);
    const writes = writesSince(env.pra.requests, praMark).length + writesSince(env.privx.requests, privxMark).length;
    return { exitCode: result.exitCode, output: log.join("") + result.output, writes, line: (s) => bad.split("\n").findIndex((l) => l.includes(s)) + 1 };
  } finally {
    fs.writeFileSync(file, good);
  }
}

test("a group name that matches no Entra group names the mapping entry (file:line:column field), with no stack trace", async () => {
  const run = await upWith("access.yaml", (good) => good.replace("displayName: PRA Vendors", "displayName: PRA Vendorz"));
  assert.equal(run.exitCode, 255);
  assert.match(
    run.output,
    new RegExp(`access\\.yaml:${run.line("PRA Vendorz") - 1}:\\d+ groups\\.vendors: No Entra ID group is named "PRA Vendorz"`),
    run.output,
  );
  assert.match(run.output, /Nothing was changed/);
  assert.doesNotMatch(run.output, STACK_FRAME);
  assert.equal(run.writes, 0);
});

test("a YAML alias bomb is one mapping problem at the first alias, not a stack trace, and changes nothing", async () => {
  const bomb = [
    "a: &a [x, x, x, x, x, x, x, x, x]",
    ...["b", "c", "d", "e", "f"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcde"[i]}`).join(", ")}]`),
    `g: [${Array(9).fill("*f").join(", ")}]`,
  ].join("\n");
  const run = await upWith("hosts.yaml", (good) => `${bomb}\n${good}`);
  assert.equal(run.exitCode, 255);
  assert.match(run.output, /hosts\.yaml:2:\d+: aliases \(\*name\) expand past 1000 nodes/, run.output);
  assert.doesNotMatch(run.output, STACK_FRAME);
  assert.doesNotMatch(run.output, /PromiseRejectionHandledWarning/);
  assert.equal(run.writes, 0);
});

test("an Entra name matching two groups, through the raw engine: file:line, no stack trace, nothing written", async () => {
  const tenant = structuredClone(demoTenant());
  const vendors = tenant.groups.find((g) => g.displayName === "PRA Vendors")!;
  tenant.groups.push({ ...structuredClone(vendors), id: "7e1c2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f" });
  env.graph.loadTenant(tenant);
  const [praMark, privxMark] = [env.pra.requests.length, env.privx.requests.length];
  try {
    // Asynchronously: the emulators answer from this process.
    const run = await runProcess(
      process.execPath,
      [offlineEngineCli(PROJECT_DIR), "up", "--yes", "--stack", DEMO_STACK, "--cwd", PROJECT_DIR, "--config-file", env.options.configFile!],
      { ...process.env, ...env.options.env },
    );
    const output = run.output;
    assert.equal(run.status, 255, output);
    assert.match(output, /access\.yaml:\d+:\d+ groups\.vendors: 2 Entra ID groups are named "PRA Vendors"/, output);
    assert.doesNotMatch(output, STACK_FRAME);
    assert.deepEqual(writesSince(env.pra.requests, praMark), []);
    assert.deepEqual(writesSince(env.privx.requests, privxMark), []);
  } finally {
    env.graph.loadTenant(demoTenant());
  }
});

test("the pull-request report made from a failed preview's digest carries the cause, not only 'the plan is incomplete'", async () => {
  const file = path.join(env.workDir, "mappings", "access.yaml");
  const good = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, good.replace("members: [linux-admins]", "members: [linux-admin]"));
  try {
    // What access-preview.yml does: pulumi preview --json > digest.json, then the report CLI.
    const preview = await env.runner.run("preview", { ...env.options, json: true });
    assert.equal(preview.exitCode, 255);
    const digestFile = path.join(env.workDir, "digest.json");
    fs.writeFileSync(digestFile, preview.output);
    for (const format of ["markdown", "text"]) {
      const report = spawnSync(process.execPath, [path.join(PROJECT_DIR, "dist", "report", "cli.js"), "access", "--digest", digestFile, "--format", format], {
        encoding: "utf8",
      });
      assert.equal(report.status, 1, report.stderr);
      assert.match(report.stdout, /incomplete/);
      // Markdown escapes the brackets.
      assert.match(report.stdout, /access\.yaml:\d+:\d+ pra\.groupPolicies\\?\[0\\?\]\.members\\?\[0\\?\]: "linux-admin"/, report.stdout);
      assert.doesNotMatch(report.stdout, STACK_FRAME);
    }
  } finally {
    fs.writeFileSync(file, good);
  }
});

test("an unknown PRA jump group fails the run with PRA's own list, without a stack trace, before anything is written", async () => {
  const run = await upWith("access.yaml", (good) => good.replace("- name: Linux Servers", "- name: Linux Serverz"));
  assert.equal(run.exitCode, 255);
  assert.match(run.output, /PRA has no jump group named "Linux Serverz" \(it has: Linux Servers/, run.output);
  assert.doesNotMatch(run.output, STACK_FRAME);
  assert.doesNotMatch(run.output, /failed to register/);
  assert.equal(run.writes, 0, "the preflight finds it before the first write");
});

test("a typo in a protected entry stops the run at its line, with the nearest names it knows; nothing is written", async () => {
  const run = await upWith("access.yaml", (good) => good.replace("  - breakglass@contoso.com", "  - brekglass@contoso.com"));
  assert.equal(run.exitCode, 255);
  assert.match(
    run.output,
    new RegExp(`access\\.yaml:${run.line("brekglass")}:\\d+ protected\\[0\\]: protected account "brekglass@contoso\\.com" matches no account in the directory`),
    run.output,
  );
  assert.doesNotMatch(run.output, STACK_FRAME);
  assert.equal(run.writes, 0);
});
