// A setting changed on a converged stack is a change like any other: the run applies it and the
// stack converges (no diff after), with and without a refresh. Each per-user and per-target
// setting is flipped in turn on the demo stack (all five targets): the leaver policy, role
// locks, protected accounts, the role attribute, group provisioning and the userName rule.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { runEngine } from "../../bench/engine/run";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");

let env: DemoEnvironment;
let accessFile: string;
const log: string[] = [];

before(async () => {
  env = await startDemoEnvironment({
    projectDir: PROJECT_DIR,
    workDir: path.join(os.tmpdir(), `pam-settings-flips-${process.pid}`),
    print: (t) => log.push(t),
  });
  accessFile = path.join(env.workDir, "mappings", "access.yaml");
  // The flips below remove groups and accounts on purpose: removal safety is not what is tested.
  edit((text) => text.replace(/maxRemovals: \d+/, "maxRemovals: 1000").replace(/maxRemovalPercent: \d+/, "maxRemovalPercent: 100"));
  await converges("the first run");
});
after(() => env.close());

function edit(change: (text: string) => string): void {
  const before = fs.readFileSync(accessFile, "utf8");
  const after = change(before);
  assert.notEqual(after, before, "the edit changes the mappings");
  fs.writeFileSync(accessFile, after);
}

/** `up` applies the change, and a preview (with a refresh, so the products are read again) shows nothing left to do. */
async function converges(what: string, refresh = false): Promise<void> {
  log.length = 0;
  const up = await env.runner.run("up", { ...env.options, refresh });
  assert.equal(up.exitCode, 0, `${what}: up\n${log.join("")}${up.output}`);
  log.length = 0;
  const again = await env.runner.run("preview", { ...env.options, refresh: true, expectNoChanges: true });
  assert.equal(again.exitCode, 0, `${what}: nothing left to change\n${log.join("")}${again.output}`);
  assert.doesNotMatch(log.join("") + again.output, /Unexpected struct type|\n\s+at /);
}

/** Each setting's flip, and its way back. */
const FLIPS: { what: string; flip(t: string): string; back(t: string): string }[] = [
  {
    what: "leavers deactivate → delete",
    flip: (t) => t.replace("leavers: deactivate", "leavers: delete"),
    back: (t) => t.replace("leavers: delete", "leavers: deactivate"),
  },
  {
    what: "role locks lifted in every SCIM product",
    flip: (t) => t.replaceAll("roleLock: [grace@contoso.com]", "roleLock: []"),
    back: (t) => t.replaceAll("roleLock: []", "roleLock: [grace@contoso.com]"),
  },
  {
    what: "bob protected",
    flip: (t) => t.replace("  - breakglass@contoso.com\n", "  - breakglass@contoso.com\n  - bob@contoso.com\n"),
    back: (t) => t.replace("  - bob@contoso.com\n", ""),
  },
  {
    what: "the SCIM application's role attribute moved to userType",
    flip: (t) => t.replace("  defaultRole: Viewer\n  roleLock: [", "  defaultRole: Viewer\n  roleAttribute: userType\n  roleLock: ["),
    back: (t) => t.replace("  roleAttribute: userType\n", ""),
  },
  {
    what: "group provisioning turned off in every SCIM product",
    flip: (t) => t.replaceAll("provisionGroups: true", "provisionGroups: false"),
    back: (t) => t.replaceAll("provisionGroups: false", "provisionGroups: true"),
  },
  {
    what: "the SCIM application's userName rule changed to mail",
    flip: (t) => t.replace("scim:\n  userName: userPrincipalName", "scim:\n  userName: mail"),
    back: (t) => t.replace("scim:\n  userName: mail", "scim:\n  userName: userPrincipalName"),
  },
];

// One run per direction (each run of the demo stack costs seconds): every setting changes at once,
// each edit checked to change the mappings.
test("every setting flipped on the converged stack: up applies it and the stack converges", async () => {
  for (const { flip } of FLIPS) edit(flip);
  await converges(FLIPS.map((f) => f.what).join(", "));
});

test("every setting flipped back, with a refresh: the stack converges again", async () => {
  for (const { back } of FLIPS) edit(back);
  await converges("all settings back", true);
});

test("the leaver policy alone changed (the change that used to break the stack for good)", async () => {
  edit(FLIPS[0].flip);
  await converges("leavers delete alone");
});

/** The access record the stack holds for the next run. */
async function storedRecord(): Promise<{ targets: Record<string, { accounts: Record<string, string>; grants: Record<string, string[]> }> }> {
  const result = await runEngine({
    command: "stack-output",
    projectDir: env.options.projectDir,
    stack: env.options.stack,
    configFile: env.options.configFile,
    env: { ...process.env, ...env.options.env },
    showSecrets: true,
    json: true,
    outputName: "accessRecord",
  });
  return JSON.parse(result.output);
}

test("a run that fails in one target stores the access record only of the targets it applied: the failed one keeps its last applied entry", async () => {
  await converges("before the failing run");
  const before = await storedRecord();
  // PAM360 refuses a role it does not have (400) when the users are written during up.
  edit((t) => t.replace("  defaultRole: Password User\n", "  defaultRole: Password Usr\n"));
  log.length = 0;
  const failed = await env.runner.run("up", env.options);
  assert.equal(failed.exitCode, 255, log.join("") + failed.output);
  const after = await storedRecord();
  assert.deepEqual(after.targets.pam360, before.targets.pam360, "PAM360 was not applied: its entry is the last applied one");
  assert.ok(!Object.keys(after.targets.pam360.grants).some((g) => g.includes("Password Usr")));
  assert.deepEqual(after.targets.pra, before.targets.pra, "the targets applied keep their (unchanged) entries");
  edit((t) => t.replace("  defaultRole: Password Usr\n", "  defaultRole: Password User\n"));
  await converges("the role fixed");
});
