// The first run on an existing estate: a PRA filled by an administrator (users as Entra's SCIM
// app made them, a hand-made group policy with a local user and a jump group) is looked up
// before anything is declared. The reports show what is adopted with its before → after, the
// removal safety counts what the run takes away from adopted objects, and members the mappings
// cannot state are kept unless a policy says to remove them.
import { after, before, beforeEach, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_PRA_SEED, startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { demoTenant } from "../../bench/emulators/graph";
import { REMOVAL_STOP_MARKER } from "../../program/removal-check";
import { accessReport, driftWorkflow, upWorkflow } from "../../workflows/commands";
import { EXIT } from "../../lib/exit-codes";
import { renderText, type GroupPolicyChange, type TargetReport } from "../../report/access-report";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const tenant = demoTenant();
const linuxAdmins = tenant.groups.find((g) => g.displayName === "PRA Linux Admins")!;
/** The group's users, through nested groups, as the directory read resolves them. */
function usersOf(groupId: string, seen = new Set<string>()): typeof tenant.users {
  if (seen.has(groupId)) return [];
  seen.add(groupId);
  const group = tenant.groups.find((g) => g.id === groupId)!;
  return group.members.flatMap((id) => {
    const user = tenant.users.find((u) => u.id === id);
    if (user) return user.accountEnabled === false ? [] : [user];
    return tenant.groups.some((g) => g.id === id) ? usersOf(id, seen) : [];
  });
}
// alice (through a nested group) is the one enabled linux admin; the old script made her PRA user.
const linuxUsers = usersOf(linuxAdmins.id);
const windowsUser = usersOf(tenant.groups.find((g) => g.displayName === "PRA Windows Operators")!.id).find((u) => u.userPrincipalName !== "alice@contoso.com")!;

let env: DemoEnvironment;
let accessFile: string;
let good: string;
const log: string[] = [];

before(async () => {
  assert.deepEqual(
    linuxUsers.map((u) => u.userPrincipalName),
    ["alice@contoso.com"],
    "the demo tenant's linux admins",
  );
  assert.ok(windowsUser, "a windows operator");
  env = await startDemoEnvironment({
    projectDir: PROJECT_DIR,
    workDir: path.join(os.tmpdir(), `pam-adoption-${process.pid}`),
    print: (t) => log.push(t),
    praSeed: {
      ...DEMO_PRA_SEED,
      localUsers: [{ username: "jdoe", public_display_name: "J. Doe (local)" }],
      // As Entra's own SCIM provisioning made them: linked by the Entra object id.
      scimUsers: [
        ...DEMO_PRA_SEED.scimUsers!,
        { userName: windowsUser.userPrincipalName, externalId: windowsUser.id, displayName: "Set by Entra's SCIM app", active: true },
      ],
      scimGroups: [{ displayName: "PRA Linux Admins", externalId: linuxAdmins.id, members: ["alice@contoso.com"] }],
      // Made in the console: same name as the mappings', a shorter session timeout, a local user, the jump group without a role.
      groupPolicies: [
        ...DEMO_PRA_SEED.groupPolicies!,
        {
          name: "Linux Administrators",
          perm_access_allowed: true,
          perm_session_idle_timeout: 600,
          memberScimGroups: ["PRA Linux Admins"],
          memberLocalUsers: ["jdoe"],
          jumpGroups: [{ jumpGroup: "Linux Servers" }],
        },
      ],
    },
  });
  accessFile = path.join(env.workDir, "mappings", "access.yaml");
  good = fs.readFileSync(accessFile, "utf8");
});
after(() => env.close());
beforeEach(() => {
  fs.writeFileSync(accessFile, good);
  env.graph.loadTenant(demoTenant());
  log.length = 0;
});

const praOf = (targets: TargetReport[]) => targets.find((t) => t.target === "PRA")!;
const policyOf = (target: TargetReport, name: string) => target.objects.find((o): o is GroupPolicyChange => o.kind === "groupPolicy" && o.name === name)!;
const writesSince = (from: number) => env.pra.requests.slice(from).filter((r) => WRITES.has(r.method) && !/token$/.test(r.path));

test("the first preview shows the hand-made policy, its SCIM group and users as adopted, with before → after, and keeps the local user", async () => {
  const { exitCode, report } = await accessReport(env.runner, env.options);
  assert.equal(exitCode, 0, log.join(""));
  const pra = praOf(report!.targets);
  const policy = policyOf(pra, "Linux Administrators");
  assert.equal(policy.lifecycle, "adopted");
  const timeout = policy.permissions.find((c) => c.path === "perm_session_idle_timeout");
  assert.deepEqual([timeout?.before, timeout?.after], ["600", "1800"]);
  const link = policy.jumpGroups.find((j) => j.jumpGroup === "Linux Servers");
  assert.equal(link?.change, "changed");
  assert.deepEqual([link?.before?.jumpItemRole, link?.after?.jumpItemRole], ["default", "Administrator"]);
  assert.deepEqual(policy.memberGroups, { added: [], removed: [] }, "the SCIM group is already its member");
  assert.equal(policy.notManaged?.length, 1, "the local user is listed as not managed");
  assert.match(policy.notManaged[0], /^user #\d+ \(security provider \d+\)$/);
  assert.equal(
    pra.objects.find((o) => o.kind === "scimGroup" && o.name === "PRA Linux Admins")?.kind === "scimGroup" &&
      (pra.objects.find((o) => o.name === "PRA Linux Admins") as { lifecycle: string }).lifecycle,
    "adopted",
  );
  const adoptedUsers = pra.accounts.adopted.map((a) => a.userName);
  for (const user of [...linuxUsers, windowsUser]) assert.ok(adoptedUsers.includes(user.userPrincipalName), `${user.userPrincipalName} adopted`);
  const alice = pra.accounts.adopted.find((a) => a.userName === "alice@contoso.com");
  assert.deepEqual(alice?.changes.find((c) => c.path === "displayName")?.before, "Alice (old script)", "the old script's user: adopted by name");
  assert.ok(!pra.accounts.created.some((c) => adoptedUsers.includes(c.userName)), "an adopted account is not also created");
  assert.equal(policyOf(pra, "Vendor Access").lifecycle, "adopted");
  assert.ok(report!.totals.adopted >= 5, "counted apart from created");
  const text = renderText(report!);
  assert.match(text, /adopted \(already in the product\)/);
  assert.match(text, /Group policy "Linux Administrators" \(ADOPTED/);
  assert.match(text, /perm_session_idle_timeout: 600 → 1800/);
  assert.match(text, /not managed, kept: user #\d+/);
});

test("the drift report shows the same adoptions with before → after", async () => {
  const { report } = await driftWorkflow(env.runner, env.options);
  const adopted = report!.directoryChanges.filter((c) => c.change === "adopt");
  const policy = adopted.find((c) => c.objectType === "group policy" && c.name === "Linux Administrators");
  assert.ok(policy, JSON.stringify(report!.directoryChanges.map((c) => [c.change, c.name])));
  assert.ok(policy.differences.some((d) => d.path.includes("perm_session_idle_timeout") && d.before === "600"));
  assert.ok(
    adopted.some((c) => c.objectType === "SCIM user" && c.name === windowsUser.userPrincipalName),
    JSON.stringify(adopted.map((c) => [c.objectType, c.name])),
  );
});

test("a first run that would empty the adopted policy (its mapped group reads as empty) is stopped with exit 3, as on a later run", async () => {
  const emptied = demoTenant();
  emptied.groups.find((g) => g.displayName === "PRA Linux Admins")!.members = [];
  env.graph.loadTenant(emptied);
  const mark = env.pra.requests.length;
  const exitCode = await upWorkflow(env.runner, env.options);
  const output = log.join("");
  assert.equal(exitCode, EXIT.SAFETY_LIMIT, output);
  assert.match(output, new RegExp(REMOVAL_STOP_MARKER));
  assert.match(output, /group policy Linux Administrators, adopted, grants access to 1 now and would grant it to no one/);
  for (const user of linuxUsers) assert.match(output, new RegExp(`${user.userPrincipalName.replace(/[.]/g, "\\.")} loses group policy Linux Administrators`));
  assert.deepEqual(writesSince(mark), [], "nothing written to PRA");
});

test("with unmanagedMembers: remove the local user is taken out of the adopted policy, and the removal safety counts it", async () => {
  const strict = good.replace(/maxRemovals: \d+/, "maxRemovals: 0");
  fs.writeFileSync(accessFile, strict);
  await env.runner.run("preview", env.options);
  assert.doesNotMatch(log.join(""), /user #\d+ \(security provider \d+\) loses/, "kept by default: not removed, not counted");
  log.length = 0;
  fs.writeFileSync(accessFile, strict.replace("    - name: Linux Administrators\n", "    - name: Linux Administrators\n      unmanagedMembers: remove\n"));
  const removed = await env.runner.run("preview", env.options);
  const output = log.join("");
  assert.notEqual(removed.exitCode, 0, output);
  assert.match(output, /removals exceed safety\.maxRemovals \(0\)/);
  assert.match(output, /pra: user #\d+ \(security provider \d+\) loses group policy Linux Administrators/);
  log.length = 0;
  fs.writeFileSync(accessFile, good.replace("    - name: Linux Administrators\n", "    - name: Linux Administrators\n      unmanagedMembers: remove\n"));
  const { report } = await accessReport(env.runner, env.options);
  const policy = policyOf(praOf(report!.targets), "Linux Administrators");
  assert.equal(policy.notManaged, undefined);
  assert.match(policy.memberGroups.removed.join(","), /^user #\d+ \(security provider \d+\)$/);
});

test("up keeps the local user in the adopted policy by default, and a later up with unmanagedMembers: remove takes it out", async () => {
  const kinds = () =>
    env.pra.state
      .groupPoliciesNamed("Linux Administrators")[0]
      .members.map((m) => m.kind)
      .sort();
  assert.deepEqual(kinds(), ["scim-group", "user"]);
  const applied = await env.runner.run("up", env.options);
  assert.equal(applied.exitCode, 0, log.join(""));
  assert.equal(env.pra.state.groupPoliciesNamed("Linux Administrators").length, 1, "adopted, not duplicated");
  assert.deepEqual(kinds(), ["scim-group", "user"], "the local user is kept");
  assert.equal(
    env.pra.state.groupPoliciesNamed("Linux Administrators")[0].wire.perm_session_idle_timeout,
    1800,
    "the adopted policy is brought to the mappings",
  );
  const again = await env.runner.run("preview", { ...env.options, expectNoChanges: true });
  assert.equal(again.exitCode, 0, `a kept member is no change on the next run\n${log.join("")}`);
  fs.writeFileSync(accessFile, good.replace("    - name: Linux Administrators\n", "    - name: Linux Administrators\n      unmanagedMembers: remove\n"));
  const removed = await env.runner.run("up", env.options);
  assert.equal(removed.exitCode, 0, log.join(""));
  assert.deepEqual(kinds(), ["scim-group"], "removed when the mappings say so");
});
