// Through the real program and engine: bad mapping input and an incomplete directory read both
// stop the run before anything is declared, with a message a user can act on, and change nothing.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";

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
  const [praMark, privxMark, stateBefore] = [env.pra.requests.length, env.privx.requests.length, fs.readFileSync(path.join(env.workDir, "state", "demo.json"), "utf8")];
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
    assert.deepEqual(stateAfter.resources?.map((r: { urn: string }) => r.urn).sort(), JSON.parse(stateBefore).resources?.map((r: { urn: string }) => r.urn).sort());
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
    assert.equal(env.pra.state.scimUsers().every((u) => u.enabled || u.scim!.userName === "carol@contoso.com"), true);
  } finally {
    env.graph.faults.clear();
  }
  log.length = 0;
  const again = await env.runner.run("preview", { ...env.options, expectNoChanges: true });
  assert.equal(again.exitCode, 0, `once Graph answers again nothing is pending\n${log.join("")}`);
});
