// An engine killed mid-`up` (SIGKILL: an OOM kill, a cancelled CI job) must not leave its
// dynamic-provider process writing to the products with no state recording it. The offline
// engine holds a pipe on the provider's standard input as the Pulumi engine does; the kernel
// closes it when the engine dies, and the provider stops before another request.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_STACK, startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { offlineEngineCli } from "../../workflows/runner";
import { writeCalls } from "./helpers/traffic";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const onLinux = process.platform === "linux";

let env: DemoEnvironment;
let engine: ChildProcess | undefined;
let providerPid: number | undefined;

/** Pids of the live (not zombie) processes whose parent is `parent` and whose command line matches. */
function childrenOf(parent: number, pattern: RegExp): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) !== parent || state === "Z") continue;
      if (pattern.test(fs.readFileSync(`/proc/${entry}/cmdline`, "utf8"))) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Polls until `condition` holds; fails with `what` if it does not within `limitMs` (a bound for the failing case only). */
async function until(condition: () => boolean, what: string, limitMs = 120_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  if (!onLinux) return;
  env = await startDemoEnvironment({ projectDir: PROJECT_DIR, workDir: path.join(os.tmpdir(), `pam-engine-killed-${process.pid}`), print: () => {} });
});

after(async () => {
  // Whatever this test started and is still running (only when an assertion failed).
  if (engine?.exitCode === null && engine.signalCode === null) engine.kill("SIGKILL");
  if (providerPid !== undefined && isAlive(providerPid)) process.kill(providerPid, "SIGKILL");
  await env?.close();
});

test(
  "SIGKILL of the engine mid-up: its provider process exits and no write reaches a product afterwards",
  { skip: onLinux ? false : "reads /proc (Linux only)" },
  async () => {
    // Slow answers, so the run is surely still writing when the engine is killed.
    env.pra.faults.latencyMs = 150;
    env.privx.faults.latencyMs = 150;
    /** Writes the products served (a dropped request is recorded with status 0). */
    const writes = () => [...writeCalls(env.pra.requests), ...writeCalls(env.privx.requests)].filter((r) => r.status !== 0).length;
    let output = "";
    engine = spawn(
      process.execPath,
      [offlineEngineCli(PROJECT_DIR), "up", "--yes", "--stack", DEMO_STACK, "--cwd", PROJECT_DIR, "--config-file", env.options.configFile!],
      {
        env: { ...process.env, ...env.options.env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    engine.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    engine.stderr!.on("data", (d: Buffer) => (output += d.toString()));

    await until(() => writes() > 0 || engine!.exitCode !== null, "no write reached a product");
    assert.equal(engine.exitCode, null, `up finished before it could be killed:\n${output}`);
    const providers = childrenOf(engine.pid!, /dynamic-provider/);
    assert.equal(providers.length, 1, `the engine runs one dynamic-provider process (found ${providers.join(", ")})`);
    providerPid = providers[0];

    // From here on nothing is served: whatever arrives is held, then dropped unserved.
    env.pra.faults.hold();
    env.privx.faults.hold();
    const [praVersion, privxUsers, privxHosts] = [
      env.pra.state.version,
      JSON.stringify([...env.privx.state.users.values()]),
      JSON.stringify([...env.privx.state.hosts.values()]),
    ];
    const writesAtKill = writes();
    engine.kill("SIGKILL");

    await until(() => !isAlive(providerPid!), `the provider process ${providerPid} outlived its engine`);
    env.pra.faults.release("drop");
    env.privx.faults.release("drop");

    assert.equal(writes(), writesAtKill, "no write was served after the kill");
    assert.equal(env.pra.state.version, praVersion, "PRA unchanged since the kill");
    assert.equal(JSON.stringify([...env.privx.state.users.values()]), privxUsers, "PrivX users unchanged");
    assert.equal(JSON.stringify([...env.privx.state.hosts.values()]), privxHosts, "PrivX hosts unchanged");
  },
);
