// Adoption shown for every target kind besides PRA's: users made by hand in the SCIM application,
// PAM360 and Password Safe with a hand-set role, a PrivX user with a role the mappings do not give
// and a hand-edited PrivX host. The first preview reports each as adopted with its before → after,
// in the access and the drift report, and counts the hand-set roles it replaces as removals.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { demoTenant } from "../../bench/emulators/graph";
import { accessReport, driftWorkflow } from "../../workflows/commands";
import { renderMarkdown, type HostChange, type RoleChange, type TargetReport } from "../../report/access-report";
import { privxContextFrom } from "../../providers/privx/context";
import { toScimUser } from "../../providers/privx/scim-user";
import { hostToScim } from "../../providers/privx/host-format";
import type { ScimResource, ScimUser } from "../../lib/scim";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const tenant = demoTenant();

function usersOf(displayName: string): typeof tenant.users {
  const seen = new Set<string>();
  const walk = (groupId: string): typeof tenant.users => {
    if (seen.has(groupId)) return [];
    seen.add(groupId);
    return tenant.groups
      .find((g) => g.id === groupId)!
      .members.flatMap((id) => {
        const user = tenant.users.find((u) => u.id === id);
        if (user) return user.accountEnabled === false ? [] : [user];
        return tenant.groups.some((g) => g.id === id) ? walk(id) : [];
      });
  };
  return walk(tenant.groups.find((g) => g.displayName === displayName)!.id);
}

const special = new Set([...usersOf("PrivX DBAs"), ...usersOf("PrivX Developers")].map((u) => u.id));
// A windows operator with the default role in every SCIM product, given a higher one by hand.
const operator = usersOf("PRA Windows Operators").find((u) => !special.has(u.id) && u.userPrincipalName !== "grace@contoso.com")!;
const developer = usersOf("PrivX Developers").find((u) => !usersOf("PrivX DBAs").some((d) => d.id === u.id))!;
const handMade = (id: string, role: string) => ({
  id,
  userName: operator.userPrincipalName,
  name: { givenName: operator.givenName, familyName: operator.surname },
  emails: [{ value: operator.mail, primary: true }],
  displayName: "Set up by hand",
  active: true,
  roles: [{ value: role, primary: true }],
});

let env: DemoEnvironment;
const log: string[] = [];

before(async () => {
  assert.ok(operator && developer, "the demo tenant has a plain windows operator and a developer");
  env = await startDemoEnvironment({
    projectDir: PROJECT_DIR,
    workDir: path.join(os.tmpdir(), `pam-adoption-targets-${process.pid}`),
    print: (t) => log.push(t),
    scimUserSeeds: {
      scim: [handMade("app-op", "Administrator")],
      pam360: [handMade("pam-op", "Privileged Administrator")],
      passwordsafe: [handMade("ps-op", "Administrator")],
    },
  });
  // PrivX, filled as an administrator's script would through its SCIM API.
  const settings: Record<string, string> = {
    privxScimUrl: env.privx.scimBaseUrl,
    privxAuth: "oauth2",
    privxClientId: env.privx.clientId,
    privxClientSecret: env.privx.clientSecret,
    privxTokenUrl: env.privx.tokenUrl,
  };
  const privx = privxContextFrom((key) => settings[key]);
  await privx.scim.resource<ScimUser>("User").create(
    toScimUser({
      externalId: developer.id,
      userName: developer.userPrincipalName,
      displayName: "Dev (by script)",
      mail: null,
      groups: ["developers", "legacy-admins"],
      entraId: developer.id,
      active: true,
      onRemove: "deactivate",
      protected: false,
    }),
  );
  await privx.scim.resource<ScimResource>("Host").create({
    ...hostToScim({
      externalId: "contoso-web-01",
      commonName: "web-01",
      contactAddress: "web-01.contoso.internal",
      description: "edited by hand",
      userMessage: null,
      tags: ["env=prod"],
      accessGroupId: null,
      sshHostPublicKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGTzCONJO7uToMYw2IOaVOMcSK1VXEwFGvaeU1wsOvDG"],
      tofu: false,
      auditEnabled: true,
      services: [{ service: "SSH", port: 22 }],
      directoryRoles: ["developers", "ops"],
      sharedAccounts: [],
      organization: "Contoso",
      organizationalUnit: "Platform",
      zone: "eu-west-1a",
      hostType: "Linux RHEL9",
      classification: "prod",
    }),
  });
});
after(() => env?.close());

const roleOf = (target: TargetReport | undefined, name: string) => target?.objects.find((o): o is RoleChange => o.kind === "role" && o.name === name);

test("the first preview shows hand-made users with hand-set roles, a PrivX user and a hand-edited host as adopted, before → after", async () => {
  const { exitCode, report } = await accessReport(env.runner, env.options);
  assert.equal(exitCode, 0, log.join(""));
  const name = operator.userPrincipalName;
  for (const [target, handRole] of [
    ["SCIM", "Administrator"],
    ["PAM360", "Privileged Administrator"],
    ["Password Safe", "Administrator"],
  ] as const) {
    const t = report!.targets.find((x) => x.target === target);
    assert.ok(t, `${target} in the report: ${report!.targets.map((x) => x.target).join(", ")}`);
    const adopted = t.accounts.adopted.find((a) => a.userName === name);
    assert.ok(adopted, `${target}: ${name} adopted`);
    assert.ok(
      adopted.changes.some((c) => c.path === "displayName" && c.before === "Set up by hand"),
      `${target}: displayName before → after`,
    );
    assert.ok(!t.accounts.created.some((c) => c.userName === name), `${target}: not also created`);
    assert.deepEqual(roleOf(t, handRole)?.members.removed, [name], `${target}: the hand-set role ${handRole} is taken away, and shown`);
  }
  const privx = report!.targets.find((t) => t.target === "PrivX")!;
  assert.ok(
    privx.accounts.adopted.some((a) => a.userName === developer.userPrincipalName),
    "PrivX user adopted",
  );
  assert.deepEqual(roleOf(privx, "legacy-admins")?.members.removed, [developer.userPrincipalName]);
  const host = privx.objects.find((o): o is HostChange => o.kind === "host" && o.name === "web-01")!;
  assert.equal(host.lifecycle, "adopted");
  const description = host.attributes.find((a) => a.path === "description");
  assert.deepEqual([description?.before, description?.after], ["edited by hand", "Public web front end (RHEL 9)"]);
  assert.equal(
    report!.totals.hostsAdded,
    privx.objects.filter((o) => o.kind === "host" && o.lifecycle === "created").length,
    "an adopted host is not counted as added",
  );
  const markdown = renderMarkdown(report!);
  assert.match(markdown, /\*\*Adopted\*\* `[^`]+` \(exists in the product, taken over\)/);
  assert.match(markdown, /Host `web-01` \(ADOPTED/);
});

test("the drift report lists the same adoptions with before → after", async () => {
  const { report } = await driftWorkflow(env.runner, env.options);
  const adopted = report!.directoryChanges.filter((c) => c.change === "adopt");
  const host = adopted.find((c) => c.objectType === "host" && c.name === "web-01");
  assert.ok(
    host?.differences.some((d) => d.path === "description" && d.before === "edited by hand"),
    JSON.stringify(adopted.map((c) => [c.target, c.name])),
  );
  for (const target of ["SCIM", "PAM360", "Password Safe"]) {
    assert.ok(
      adopted.some((c) => c.target === target && c.name === operator.userPrincipalName),
      `${target} user adopted in the drift report: ${JSON.stringify(adopted.map((c) => [c.target, c.name]))}`,
    );
  }
});
