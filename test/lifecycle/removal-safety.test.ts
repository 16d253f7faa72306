// Removal safety inside the program: whatever runs it (the workflow, the raw offline engine, a
// pipeline's plain `pulumi up`), a run that would remove too much access stops before its first
// write, says who would lose what, and goes ahead only when told to for that run.
import { after, before, beforeEach, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { demoTenant } from "../../bench/emulators/graph";
import { REMOVAL_STOP_MARKER } from "../../program/removal-check";
import { upWorkflow } from "../../workflows/commands";
import { EXIT } from "../../lib/exit-codes";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let env: DemoEnvironment;
let accessFile: string;
let good: string;
const log: string[] = [];

const writesSince = (requests: { method: string; path: string }[], from: number) =>
  requests.slice(from).filter((r) => WRITES.has(r.method) && !/token$/.test(r.path));

before(async () => {
  env = await startDemoEnvironment({
    projectDir: PROJECT_DIR,
    workDir: path.join(os.tmpdir(), `pam-removal-safety-${process.pid}`),
    print: (t) => log.push(t),
  });
  accessFile = path.join(env.workDir, "mappings", "access.yaml");
  good = fs.readFileSync(accessFile, "utf8");
  const first = await env.runner.run("up", env.options);
  assert.equal(first.exitCode, 0, log.join(""));
});
after(() => env.close());
beforeEach(() => {
  fs.writeFileSync(accessFile, good);
  env.graph.loadTenant(demoTenant());
  log.length = 0;
});

async function refusedWithoutWrites(run: () => Promise<number>, expectedExit: number): Promise<string> {
  const [praMark, privxMark] = [env.pra.requests.length, env.privx.requests.length];
  const exitCode = await run();
  const output = log.join("");
  assert.equal(exitCode, expectedExit, output);
  assert.match(output, new RegExp(REMOVAL_STOP_MARKER));
  assert.deepEqual(writesSince(env.pra.requests, praMark), [], "nothing written to PRA");
  assert.deepEqual(writesSince(env.privx.requests, privxMark), [], "nothing written to PrivX");
  return output;
}

test("an emptied mapping file stops the raw engine's up before any write, listing who would lose access", async () => {
  fs.writeFileSync(accessFile, "# emptied by accident\n");
  const output = await refusedWithoutWrites(async () => (await env.runner.run("up", env.options)).exitCode, 255);
  assert.match(output, /pra: no account would be left/);
  assert.match(output, /mappings\/access\.yaml holds no mappings/, "the emptied file is named");
  assert.match(output, /alice@contoso\.com loses their account/);
  assert.match(output, /loses group policy Linux Administrators/);
  assert.match(output, /Nothing was changed/);
});

test("the up workflow exits 3 on the same refusal, from its preview", async () => {
  fs.writeFileSync(accessFile, "# emptied by accident\n");
  await refusedWithoutWrites(() => upWorkflow(env.runner, env.options), EXIT.SAFETY_LIMIT);
});

test("a mapped group that had members and reads as empty stops the run, even within maxRemovals", async () => {
  const tenant = demoTenant();
  const vendors = tenant.groups.find((g) => g.displayName === "PRA Vendors")!;
  assert.ok(vendors.members.length > 0);
  vendors.members = [];
  env.graph.loadTenant(tenant);
  fs.writeFileSync(accessFile, good.replace(/maxRemovals: \d+/, "maxRemovals: 100").replace(/maxRemovalPercent: \d+/, "maxRemovalPercent: 100"));
  const output = await refusedWithoutWrites(async () => (await env.runner.run("preview", env.options)).exitCode, 255);
  assert.match(output, /group vendors had \d+ members on the last run and reads as empty now/);
});

test("--allow-removals lets the refused run through, for that run only", async () => {
  const tenant = demoTenant();
  tenant.groups.find((g) => g.displayName === "PRA Vendors")!.members = [];
  env.graph.loadTenant(tenant);
  const allowed = await env.runner.run("preview", { ...env.options, env: { ...env.options.env, PAM_RECONCILER_ALLOW_REMOVALS: "true" } });
  assert.equal(allowed.exitCode, 0, log.join(""));
  assert.match(log.join(""), /Removal safety overridden/);
  log.length = 0;
  const again = await env.runner.run("preview", env.options);
  assert.equal(again.exitCode, 255, "the next run without the flag is guarded again");
});

test("a run within the limits goes ahead and records what it grants for the next run", async () => {
  const result = await env.runner.run("preview", { ...env.options, expectNoChanges: true });
  assert.equal(result.exitCode, 0, log.join(""));
});

test("a directory change between the workflow's preview and its apply is caught by the apply itself", async () => {
  const racing = {
    description: env.runner.description,
    run: async (operation: Parameters<typeof env.runner.run>[0], options: Parameters<typeof env.runner.run>[1]) => {
      if (operation === "up") {
        const tenant = demoTenant();
        tenant.groups.find((g) => g.displayName === "PRA Linux Admins")!.members = [];
        env.graph.loadTenant(tenant);
      }
      return env.runner.run(operation, options);
    },
  };
  await refusedWithoutWrites(() => upWorkflow(racing, env.options), EXIT.SAFETY_LIMIT);
});
