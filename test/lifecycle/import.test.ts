// npm run import on an existing estate: PRA, PrivX, a SCIM application, PAM360 and Password Safe
// filled as Entra's SCIM app, a script and an administrator would have filled them, and the demo
// directory. The import's mappings load, and applying them through the offline engine changes
// nothing in any product but what the import listed as not expressible.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { parse } from "yaml";
import { startDemoEnvironment, DEMO_STACK, type DemoEnvironment } from "../../bench/demo/environment";
import { configSet } from "../../bench/engine/stack-admin";
import { stackConfigGetter } from "../../program/stack-settings";
import { cliConfigGet } from "../../workflows/config-get";
import { importEstate, type EstateImport } from "../../providers/import/estate";
import { writeImport, OutputExistsError } from "../../providers/import/write";
import { readPraHoldings, type PraHoldings } from "../../providers/pra/import";
import { readPrivxHoldings } from "../../providers/privx/import";
import { readScimHoldings } from "../../providers/scim/import";
import { scimProduct } from "../../providers/scim/generic";
import { pam360Product } from "../../providers/pam360/product";
import { passwordSafeProduct } from "../../providers/passwordsafe/product";
import { praContextFrom } from "../../providers/pra/context";
import { privxContextFrom } from "../../providers/privx/context";
import { scimContextFrom } from "../../providers/scim/context";
import { groupPolicyMemberEndpoint, securityProviderEndpoint, TOP_LEVEL, userEndpoint } from "../../providers/pra/api";
import type { PraSeed } from "../../bench/emulators/pra";
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimUser } from "../../lib/scim";
import { ids, PRA_APP_ID } from "../sources/entra/demo";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");

/** PRA as Entra's SCIM app and an administrator left it: SCIM users and groups linked to Entra, policies made by hand, a local user in one. */
const ESTATE_PRA: PraSeed = {
  jumpGroups: [{ name: "Linux Servers" }, { name: "Windows Servers" }, { name: "Vendor Jump Zone" }],
  jumpPolicies: [{ display_name: "Business Hours" }],
  localUsers: [{ username: "jdoe", public_display_name: "John Doe (contractor)" }],
  scimUsers: [
    { userName: "alice@contoso.com", externalId: ids.alice, displayName: "Alice", email: "alice@contoso.com", active: true },
    { userName: "carol@contoso.com", externalId: ids.carol, displayName: "Carol", email: "carol@contoso.com", active: false },
    { userName: "bob@contoso.com", externalId: ids.bob, displayName: "Bob", email: "bob@contoso.com", active: true },
    { userName: "dave@contoso.com", externalId: ids.dave, displayName: "Dave", email: "dave@contoso.com", active: true },
  ],
  scimGroups: [
    { displayName: "PRA Linux Admins", externalId: ids.linuxAdmins, members: ["alice@contoso.com", "carol@contoso.com"] },
    { displayName: "PRA Windows Operators", externalId: ids.windowsOperators, members: ["bob@contoso.com", "dave@contoso.com"] },
    // Entra's SCIM app pushes an app role's assignees as a group keyed <appId>/<role value>.
    { displayName: "Operators (app role)", externalId: `${PRA_APP_ID}/operator`, members: ["bob@contoso.com", "dave@contoso.com"] },
  ],
  groupPolicies: [
    {
      name: "Linux Administrators",
      perm_access_allowed: true,
      access_perm_status: "defined",
      perm_shell_jump: true,
      perm_session_idle_timeout: 1800,
      memberScimGroups: ["PRA Linux Admins"],
      jumpGroups: [{ jumpGroup: "Linux Servers", jumpItemRole: "Administrator", jumpPolicy: "Business Hours" }],
    },
    {
      name: "Windows Operators",
      perm_access_allowed: true,
      perm_remote_rdp: true,
      memberScimGroups: ["PRA Windows Operators", "Operators (app role)"],
      jumpGroups: [{ jumpGroup: "Windows Servers" }],
    },
    { name: "Vendor Access", perm_access_allowed: false, jumpGroups: [{ jumpGroup: "Vendor Jump Zone", jumpItemRole: "Start Sessions Only" }] },
  ],
};

let env: DemoEnvironment;
let get: ConfigGetter;
let imported: EstateImport;
let outDir: string;
const log: string[] = [];

function memo(read: (key: string) => string | undefined): (key: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (key) => {
    if (!known.has(key)) known.set(key, read(key));
    return known.get(key);
  };
}

/** Everything access-relevant each product holds, read through the products' own APIs. */
async function holdings() {
  const sorted = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));
  const pra = await readPraHoldings(get);
  const privx = await readPrivxHoldings(get);
  const scim = await Promise.all([scimProduct, pam360Product, passwordSafeProduct].map((p) => readScimHoldings(get, p)));
  return {
    pra: {
      policies: pra.policies.map((p) => ({
        ...p,
        fields: { ...p.fields, id: undefined },
        members: sorted(
          p.members.map((m) => memberName(m, pra)),
          (s) => s,
        ),
      })),
      scimGroups: sorted(
        pra.scimGroups.map((g) => ({ ...g, memberUserNames: [...g.memberUserNames].sort() })),
        (g) => g.displayName,
      ),
      scimUsers: sorted(
        pra.scimUsers.map((u) => ({ userName: u.userName, active: u.active })),
        (u) => u.userName,
      ),
    },
    privx: {
      users: sorted(
        privx.users.map((u) => ({ userName: u.userName, active: u.active, roles: u.roles })),
        (u) => u.userName,
      ),
      hosts: privx.hosts.map(stripMeta),
    },
    scim: scim.map((h) =>
      sorted(
        h.users.map((u) => ({ userName: u.userName, active: u.active, roles: u.roles })),
        (u) => u.userName,
      ),
    ),
  };
}

const memberName = (m: PraHoldings["policies"][number]["members"][number], h: PraHoldings) =>
  m.group_name ?? m.distinguished_name ?? `user ${h.userNames[m.user_id!]}`;
const stripMeta = (host: unknown) => ({ ...(host as Record<string, unknown>), meta: undefined, id: undefined });

before(async () => {
  env = await startDemoEnvironment({
    projectDir: PROJECT_DIR,
    workDir: path.join(os.tmpdir(), `pam-import-${process.pid}`),
    print: (t) => log.push(t),
    praSeed: ESTATE_PRA,
  });
  const location = { projectDir: PROJECT_DIR, stack: DEMO_STACK, configFile: env.options.configFile, env: env.options.env };
  get = stackConfigGetter(PROJECT_DIR, DEMO_STACK, { ...location, secret: memo(cliConfigGet(PROJECT_DIR, DEMO_STACK, location)) });

  // An administrator put a local user into a policy by hand.
  const api = praContextFrom(get).api();
  const local = [];
  for await (const p of api.list(securityProviderEndpoint, TOP_LEVEL)) if (p.type === "local") local.push(p);
  const jdoe = [];
  for await (const u of api.list(userEndpoint, TOP_LEVEL, { username: "jdoe" })) jdoe.push(u);
  const vendor = env.pra.state.groupPoliciesNamed("Vendor Access")[0];
  await api.create(groupPolicyMemberEndpoint, { policyId: vendor.wire.id }, { security_provider_id: local[0].id, user_id: jdoe[0].id });

  // PrivX filled by a script: users linked by object id with the roles they hold, and a host.
  const privx = privxContextFrom(get).scim;
  const privxUser = (id: string, upn: string, groups: string[]) =>
    privx
      .resource<ScimUser>("User")
      .create({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], externalId: id, userName: upn, displayName: upn, groups });
  await privxUser(ids.alice, "alice@contoso.com", ["developers"]);
  await privxUser(ids.dave, "dave@contoso.com", ["developers"]);
  await privxUser(ids.grace, "grace@contoso.com", ["developers", "db-admins"]);
  await privxUser(ids.frank, "frank@contoso.com", ["db-admins"]);
  await privxUser(ids.ivan, "ivan@contoso.com", ["auditors"]);
  await privx.resource("Host").create({
    schemas: ["urn:ietf:params:scim:schemas:ssh:2.0:Host"],
    externalId: "contoso-web-01",
    commonName: "web-01",
    contactAddress: "web-01.contoso.internal",
    description: "Entered by hand years ago",
    services: "SSH:22,WEB:443",
    principals: "developers:deploy=db-admins",
    tags: "env=prod",
    auditEnabled: true,
  });

  // The SCIM application: Windows operators made Viewers by hand (grace is seeded as Owner).
  const app = await scimContextFrom(get, scimProduct).client();
  for (const [upn, id] of [
    ["bob@contoso.com", ids.bob],
    ["dave@contoso.com", ids.dave],
  ]) {
    await app.resource<ScimUser>("User").create({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: upn,
      externalId: id,
      active: true,
      roles: [{ value: "Viewer", primary: true }],
    });
  }

  imported = await importEstate({ stack: DEMO_STACK, get, candidateGroups: [{ displayName: "PrivX Developers" }, { displayName: "PrivX DBAs" }] });
  outDir = path.join(env.workDir, "imported");
  writeImport(imported.sections, { outDir, projectDir: PROJECT_DIR });
});
after(() => env.close());

const file = (name: string) => parse(fs.readFileSync(path.join(outDir, name), "utf8")) as Record<string, Record<string, unknown>>;

test("the import writes PRA policies with permissions, jump groups and member groups mapped back to Entra, and comments what it cannot state", () => {
  const text = fs.readFileSync(path.join(outDir, "pra.yaml"), "utf8");
  assert.match(text, /^# yaml-language-server: \$schema=\.\.\/\.\.\/.*model\/mapping\.schema\.json$/m);
  const policies = file("pra.yaml").pra.groupPolicies as Record<string, unknown>[];
  const linux = policies.find((p) => p.name === "Linux Administrators")!;
  assert.deepEqual(linux.members, ["pra-linux-admins"]);
  assert.deepEqual(linux.jumpGroups, [{ name: "Linux Servers", jumpItemRole: "Administrator", jumpPolicy: "Business Hours" }]);
  assert.equal((linux.permissions as Record<string, unknown>).perm_session_idle_timeout, 1800);
  assert.equal((linux.permissions as Record<string, unknown>).perm_shell_jump, true);
  assert.deepEqual(file("directory.yaml").groups["pra-linux-admins"], { id: ids.linuxAdmins });
  const windows = policies.find((p) => p.name === "Windows Operators")!;
  assert.deepEqual(windows.members, ["pra-windows-operators", "beyondtrust-pra/operator"]);
  assert.deepEqual(file("directory.yaml").applications["beyondtrust-pra"], {
    appId: PRA_APP_ID,
    roles: { operator: { scimGroupName: "Operators (app role)" } },
  });
  const vendor = policies.find((p) => p.name === "Vendor Access")!;
  assert.deepEqual(vendor.members, []);
  assert.match(text, /# +- user "jdoe" of .*: the mappings name Entra groups and people/);
  assert.deepEqual(
    imported.sections.unexpressed.filter((u) => u.target === "pra" && u.detail.includes("jdoe")).map((u) => [u.object, u.effect]),
    [['group policy "Vendor Access"', "ignored"]],
    "the local user is listed, and kept (unmanagedMembers: keep)",
  );
});

test("roles map to the Entra group whose members hold exactly that role, else to direct grants; hosts in their natural form", () => {
  const roles = file("privx.yaml").privx.roles as Record<string, unknown>[];
  assert.deepEqual(
    roles.map((r) => [r.name, r.members]),
    [
      ["auditors", [{ user: "ivan@contoso.com" }]],
      ["db-admins", ["privx-dbas"]],
      ["developers", ["privx-developers"]],
    ],
  );
  const hosts = file("hosts.yaml").privx.hosts as Record<string, unknown>[];
  assert.deepEqual(hosts[0].services, [
    { service: "SSH", port: 22 },
    { service: "WEB", port: 443 },
  ]);
  assert.deepEqual(hosts[0].principals, { directoryRoles: ["developers"], sharedAccounts: [{ account: "deploy", roles: ["db-admins"] }] });
  assert.deepEqual(file("scim.yaml").scim.roles, [
    { role: "Owner", precedence: 1, members: [{ user: "grace@contoso.com" }] },
    { role: "Viewer", precedence: 2, members: ["pra-windows-operators"] },
  ]);
  assert.deepEqual(file("pam360.yaml").pam360.roles, [{ role: "Privileged Administrator", precedence: 1, members: [{ user: "grace@contoso.com" }] }]);
});

test("the output folder is never written over without force", () => {
  assert.throws(() => writeImport(imported.sections, { outDir, projectDir: PROJECT_DIR }), OutputExistsError);
});

test("applying the imported mappings changes nothing: the member the import could not express is listed and kept", async () => {
  const before = await holdings();
  configSet({
    projectDir: PROJECT_DIR,
    stack: DEMO_STACK,
    configFile: env.options.configFile,
    stateDir: path.join(env.workDir, "state"),
    env: env.options.env,
    key: "mappings",
    value: path.relative(PROJECT_DIR, outDir),
  });
  const preview = await env.runner.run("preview", env.options);
  assert.equal(preview.exitCode, 0, log.join(""));
  const up = await env.runner.run("up", env.options);
  assert.equal(up.exitCode, 0, log.join(""));
  const afterUp = await holdings();
  // The one member the mappings cannot state, the local user in Vendor Access, is listed and kept (unmanagedMembers: keep).
  assert.ok(before.pra.policies.find((p) => p.name === "Vendor Access")!.members.includes("user jdoe"), "the seed's local member");
  assert.deepEqual(afterUp, before);
  log.length = 0;
  const again = await env.runner.run("preview", { ...env.options, expectNoChanges: true });
  assert.equal(again.exitCode, 0, log.join(""));
});

/** `npm run import` itself, as a separate process (the emulators answer from this one, so never spawnSync). */
function importCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(PROJECT_DIR, "dist/scripts/import.js"), ...args],
      { cwd: PROJECT_DIR, env: { ...process.env, ...env.options.env } },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

test("npm run import on the applied estate: the same mappings, only the kept local member listed, and an existing folder is refused with exit 5", async () => {
  const again = path.join(env.workDir, "imported-again");
  const args = ["--stack", DEMO_STACK, "--config-file", env.options.configFile!, "--out", again];
  const first = await importCli(args);
  assert.equal(first.code, 0, first.stderr);
  // Only the local member is left to list, and it is left alone.
  assert.match(
    first.stdout,
    /What the mappings cannot express \(1\):\n {2}- pra: group policy "Vendor Access": member user "jdoe" of .*the policy keeps it \(unmanagedMembers: keep\) \(left alone, not managed\)/,
  );
  for (const name of fs.readdirSync(outDir)) {
    assert.deepEqual(parse(fs.readFileSync(path.join(again, name), "utf8")), parse(fs.readFileSync(path.join(outDir, name), "utf8")), name);
  }
  const refused = await importCli(args);
  assert.equal(refused.code, 5);
  assert.match(refused.stderr, /already holds files: choose another --out, or pass --force/);
  assert.equal((await importCli(["--out", again])).code, 2, "no stack: usage");
});
