// Preflight: a configuration that cannot work fails the preview, naming the product and the
// setting, before the program declares anything — so `up` never writes to one product and then
// fails on another.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { configSet } from "../../bench/engine/stack-admin";
import { startPraEmulator } from "../../bench/emulators/pra";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SECRET = "a-wrong-secret-that-must-never-be-printed";

let env: DemoEnvironment;
let configFile: string;
let goodConfig: string;
const log: string[] = [];
const writesSince = (requests: { method: string; path: string }[], from: number) =>
  requests.slice(from).filter((r) => WRITES.has(r.method) && !/token$/.test(r.path));

before(async () => {
  env = await startDemoEnvironment({ projectDir: PROJECT_DIR, workDir: path.join(os.tmpdir(), `pam-preflight-${process.pid}`), print: (t) => log.push(t) });
  configFile = path.resolve(PROJECT_DIR, env.options.configFile!);
  goodConfig = fs.readFileSync(configFile, "utf8");
});
after(() => env.close());

async function withConfig(key: string, value: string, secret: boolean, check: () => Promise<void>): Promise<void> {
  configSet({ projectDir: PROJECT_DIR, stack: env.options.stack, configFile: env.options.configFile, env: env.options.env, key, value, secret });
  try {
    await check();
  } finally {
    fs.writeFileSync(configFile, goodConfig);
  }
}

async function failsBeforeAnyWrite(operation: "preview" | "up"): Promise<string> {
  const [praMark, privxMark, scimMark] = [env.pra.requests.length, env.privx.requests.length, env.scim.requests.length];
  log.length = 0;
  const result = await env.runner.run(operation, env.options);
  const output = log.join("") + result.output;
  assert.equal(result.exitCode, 255, output);
  assert.deepEqual(writesSince(env.pra.requests, praMark), []);
  assert.deepEqual(writesSince(env.privx.requests, privxMark), []);
  assert.deepEqual(writesSince(env.scim.requests, scimMark), []);
  assert.doesNotMatch(output, new RegExp(SECRET));
  return output;
}

test("a wrong PRA client secret fails the preview, naming PRA, and up writes to neither product", async () => {
  await withConfig("praClientSecret", SECRET, true, async () => {
    assert.match(await failsBeforeAnyWrite("preview"), /The configuration of PRA cannot work[\s\S]*PRA: /);
    assert.match(await failsBeforeAnyWrite("up"), /The configuration of PRA cannot work/);
  });
});

test("a wrong PRA SCIM token fails the preview too", async () => {
  await withConfig("praScimToken", SECRET, true, async () => {
    assert.match(await failsBeforeAnyWrite("preview"), /The configuration of PRA cannot work/);
  });
});

test("a wrong PrivX client secret fails the preview, naming PrivX", async () => {
  await withConfig("privxClientSecret", SECRET, true, async () => {
    assert.match(await failsBeforeAnyWrite("preview"), /The configuration of PrivX cannot work[\s\S]*PrivX: /);
  });
});

test("a wrong SCIM application token fails the preview, naming SCIM", async () => {
  await withConfig("scimToken", SECRET, true, async () => {
    assert.match(await failsBeforeAnyWrite("preview"), /The configuration of SCIM cannot work[\s\S]*SCIM: /);
  });
});

test("a praUrl that is not a PRA site (Remote Support shares the API) fails the preview with the reason", async () => {
  const remoteSupport = await startPraEmulator({ product: "ingredi" });
  try {
    await withConfig("praUrl", remoteSupport.url, false, async () => {
      assert.match(await failsBeforeAnyWrite("preview"), /is not a Privileged Remote Access site/);
    });
  } finally {
    await remoteSupport.close();
  }
});

test("a role the SCIM application does not offer fails the preview and up, naming the role and the nearest one, and nothing is written to any product", async () => {
  const accessFile = path.join(env.workDir, "mappings", "access.yaml");
  const good = fs.readFileSync(accessFile, "utf8");
  const products = [env.pra, env.privx, env.scim, env.pam360, env.passwordsafe];
  try {
    fs.writeFileSync(accessFile, good.replace("    - role: Developer\n", "    - role: Develper\n"));
    for (const operation of ["preview", "up"] as const) {
      const marks = products.map((p) => p.requests.length);
      log.length = 0;
      const result = await env.runner.run(operation, env.options);
      const output = log.join("") + result.output;
      assert.equal(result.exitCode, 255, output);
      assert.match(output, /SCIM roles the mappings name: SCIM offers no role "Develper"; nearest: Developer/);
      products.forEach((p, i) => assert.deepEqual(writesSince(p.requests, marks[i]), [], `${operation}: nothing written`));
      assert.doesNotMatch(output, /\n\s+at /, "no stack trace");
    }
  } finally {
    fs.writeFileSync(accessFile, good);
  }
});

test("with every credential right, the preview passes its preflight", async () => {
  log.length = 0;
  const result = await env.runner.run("preview", env.options);
  assert.equal(result.exitCode, 0, log.join(""));
});
