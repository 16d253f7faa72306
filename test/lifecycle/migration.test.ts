// Migration from the community PRA script (../shared/seeds/000_*): the script stores its own
// externalId, the UPN's local part, on the PRA users it makes. Through the real program and
// engine, a first `up` finds them by userName and re-links them in place (relinkPolicy relink, the
// default), recording from which externalId; with relinkPolicy refuse the run stops naming the
// user and the setting, without a stack trace, and leaves the script's users as they were.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_PRA_SEED, startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { configSet } from "../../bench/engine/stack-admin";
import { demoTenant } from "../../bench/emulators/graph";
import type { PraSeed } from "../../bench/emulators/pra";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
/** A JavaScript stack frame ("    at fn (file.ts:12:3)"): an expected error never shows one. */
const STACK_FRAME = /^\s+at .+[:(]/m;

/** Users as the script makes them: userName the UPN, externalId the UPN's local part. */
const SCRIPT_USERS = ["bob@contoso.com", "carol@contoso.com", "dave@contoso.com"];
const SEEDED_BY_THE_SCRIPT: PraSeed = {
  ...DEMO_PRA_SEED,
  scimUsers: [
    ...(DEMO_PRA_SEED.scimUsers ?? []),
    ...SCRIPT_USERS.map((upn) => ({
      userName: upn,
      externalId: upn.split("@")[0],
      displayName: `${upn.split("@")[0]} (community script)`,
      email: upn,
      active: true,
    })),
  ],
};

const entraIdOf = (upn: string) => demoTenant().users.find((u) => u.userPrincipalName === upn)!.id;

function praUser(env: DemoEnvironment, userName: string) {
  const found = env.pra.state.scimUsers().filter((u) => u.scim!.userName.toLowerCase() === userName);
  assert.equal(found.length, 1, `one PRA user ${userName}`);
  return found[0].scim!;
}

/** The members of every pra:ScimUsers batch in the stack's state, by Entra object id. */
function recordedPraUsers(env: DemoEnvironment): Record<string, Record<string, unknown>> {
  const state = JSON.parse(fs.readFileSync(path.join(env.workDir, "state", "demo.json"), "utf8"));
  const resources: { type: string; outputs?: { members?: Record<string, Record<string, unknown>> } }[] =
    state.resources ?? state.checkpoint?.latest?.resources ?? [];
  return Object.assign({}, ...resources.filter((r) => r.type === "pulumi-nodejs:dynamic/pra:ScimUsers").map((r) => r.outputs?.members ?? {}));
}

describe("a PRA that the community script filled", () => {
  let env: DemoEnvironment;
  const log: string[] = [];
  before(async () => {
    env = await startDemoEnvironment({
      projectDir: PROJECT_DIR,
      workDir: path.join(os.tmpdir(), `pam-migration-${process.pid}`),
      praSeed: SEEDED_BY_THE_SCRIPT,
      print: (t) => log.push(t),
    });
  });
  after(() => env.close());

  test("converges in one up: the script's users are re-linked in place, and the state records from which externalId", { timeout: 300_000 }, async () => {
    const before = new Map(SCRIPT_USERS.map((upn) => [upn, praUser(env, upn).id]));
    const result = await env.runner.run("up", env.options);
    assert.equal(result.exitCode, 0, log.join("") + result.output);
    const recorded = recordedPraUsers(env);
    for (const upn of SCRIPT_USERS) {
      const user = praUser(env, upn);
      assert.equal(user.id, before.get(upn), `${upn} kept its PRA id: re-linked in place, not duplicated`);
      assert.equal(user.externalId, entraIdOf(upn), `${upn} is linked to its Entra object id`);
      assert.deepEqual(recorded[entraIdOf(upn)]?.adoptedFrom, { how: "relink", id: user.id, externalId: upn.split("@")[0] });
    }
    log.length = 0;
    const again = await env.runner.run("preview", { ...env.options, expectNoChanges: true });
    assert.equal(again.exitCode, 0, `nothing left to do\n${log.join("")}`);
  });
});

describe("the same PRA with relinkPolicy refuse", () => {
  let env: DemoEnvironment;
  const log: string[] = [];
  before(async () => {
    env = await startDemoEnvironment({
      projectDir: PROJECT_DIR,
      workDir: path.join(os.tmpdir(), `pam-migration-refuse-${process.pid}`),
      praSeed: SEEDED_BY_THE_SCRIPT,
      print: (t) => log.push(t),
    });
    configSet({
      projectDir: PROJECT_DIR,
      stack: env.options.stack,
      configFile: env.options.configFile,
      env: env.options.env,
      key: "relinkPolicy",
      value: "refuse",
    });
  });
  after(() => env.close());

  test(
    "up refuses before any write, naming each script user and the setting, without a stack trace; they stay as the script left them",
    { timeout: 300_000 },
    async () => {
      const marks = [env.pra, env.privx, env.scim, env.pam360, env.passwordsafe].map((product) => product.requests.length);
      const result = await env.runner.run("up", env.options);
      const output = log.join("") + result.output;
      assert.equal(result.exitCode, 255, output);
      assert.match(output, /The configuration of PRA cannot work/, output);
      for (const upn of SCRIPT_USERS) {
        assert.match(output, new RegExp(`${upn.replace(".", "\\.")} \\(id [^,]+, externalId "${upn.split("@")[0]}"\\)`), output);
        assert.equal(praUser(env, upn).externalId, upn.split("@")[0]);
      }
      assert.match(output, /pam-reconciler:relinkPolicy is "refuse"/);
      assert.doesNotMatch(output, STACK_FRAME);
      assert.doesNotMatch(output, /failed to register/);
      [env.pra, env.privx, env.scim, env.pam360, env.passwordsafe].forEach((product, i) => {
        const writes = product.requests.slice(marks[i]).filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method) && !/token$/.test(r.path));
        assert.deepEqual(writes, [], "nothing is written anywhere");
      });
    },
  );
});
