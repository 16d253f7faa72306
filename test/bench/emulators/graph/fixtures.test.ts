// The demo tenant fixtures say what the shared story says, and generated tenants are
// deterministic and well-formed.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { DirectoryView } from "../../../../bench/emulators/graph/directory";
import { demoTenant, demoTenantV2, generateTenant, readTenantFixture, demoTenantPath, type TenantFixture } from "../../../../bench/emulators/graph";
import { tenantFixtureProblems } from "../../../../bench/emulators/graph/tenant";

const upnsOf = (tenant: TenantFixture, groupName: string, transitive = true): string[] => {
  const view = new DirectoryView(tenant);
  const group = tenant.groups.find((g) => g.displayName === groupName);
  assert.ok(group, groupName);
  const entries = transitive ? view.transitiveMembers(group) : view.directMembers(group);
  return entries
    .filter((e) => e.kind === "user")
    .map((e) => String(e.object.userPrincipalName))
    .sort();
};
const membersOfKind = (tenant: TenantFixture, groupName: string) => {
  const view = new DirectoryView(tenant);
  const group = tenant.groups.find((g) => g.displayName === groupName)!;
  return view
    .directMembers(group)
    .map((e) => `${e.kind}:${String(e.object.displayName)}`)
    .sort();
};

describe("demo tenant (version 1)", () => {
  const tenant = demoTenant();

  test("is Contoso with the shared tenant id and a consistent fixture file", () => {
    assert.equal(tenant.tenantId, "7c1b0d3e-5a4f-4e1a-9a61-0c5e2f8d9b10");
    assert.ok(tenant.verifiedDomains.includes("contoso.com"));
    assert.deepEqual(tenantFixtureProblems(tenant), []);
    assert.deepEqual(readTenantFixture(demoTenantPath), tenant);
  });

  test("groups hold the members the story names", () => {
    assert.deepEqual(membersOfKind(tenant, "PRA Linux Admins"), [
      "device:build-agent-01",
      "group:Platform SRE",
      "servicePrincipal:deploy-bot",
      "user:Carol White",
    ]);
    assert.deepEqual(upnsOf(tenant, "PRA Linux Admins"), ["alice@contoso.com", "carol@contoso.com"]);
    assert.deepEqual(upnsOf(tenant, "Platform SRE"), ["alice@contoso.com"]);
    assert.deepEqual(upnsOf(tenant, "PRA Windows Operators"), ["bob@contoso.com", "dave@contoso.com"]);
    assert.deepEqual(membersOfKind(tenant, "PRA Vendors"), ["orgContact:Fabrikam Support", "user:Erin (Fabrikam)"]);
    assert.deepEqual(upnsOf(tenant, "PRA Vendors"), ["erin_fabrikam.com#EXT#@contoso.onmicrosoft.com"]);
    assert.deepEqual(upnsOf(tenant, "PrivX Developers"), ["alice@contoso.com", "dave@contoso.com", "grace@contoso.com"]);
    assert.deepEqual(upnsOf(tenant, "PrivX DBAs"), ["frank@contoso.com", "grace@contoso.com"]);
    assert.deepEqual(upnsOf(tenant, "Break Glass"), ["breakglass@contoso.com"]);
    const duplicates = tenant.groups.filter((g) => g.displayName === "Duplicate Name");
    assert.equal(duplicates.length, 2);
    assert.notEqual(duplicates[0].id, duplicates[1].id);
  });

  test("users: carol disabled, erin a guest, members carry employeeId and onPremisesSamAccountName", () => {
    const byUpn = new Map(tenant.users.map((u) => [u.userPrincipalName, u]));
    assert.deepEqual(
      tenant.users.filter((u) => !u.accountEnabled).map((u) => u.userPrincipalName),
      ["carol@contoso.com"],
    );
    assert.equal(byUpn.get("erin_fabrikam.com#EXT#@contoso.onmicrosoft.com")?.userType, "Guest");
    assert.equal(byUpn.get("alice@contoso.com")?.employeeId, "E1001");
    assert.equal(byUpn.get("alice@contoso.com")?.onPremisesSamAccountName, "asmith");
  });

  test("BeyondTrust PRA: operator and auditor roles; Windows Operators -> operator, ivan -> auditor", () => {
    const pra = tenant.servicePrincipals.find((sp) => sp.appId === "3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01")!;
    assert.equal(pra.displayName, "BeyondTrust PRA");
    const roleValue = new Map(pra.appRoles.map((r) => [r.id, r.value]));
    const view = new DirectoryView(tenant);
    assert.deepEqual(
      pra.appRoleAssignedTo.map((a) => [view.get(a.principalId)?.object.displayName, roleValue.get(a.appRoleId)]),
      [
        ["PRA Windows Operators", "operator"],
        ["Ivan Petrov", "auditor"],
      ],
    );
  });
});

describe("demo tenant (version 2)", () => {
  const v1 = demoTenant();
  const v2 = demoTenantV2();
  const user = (t: TenantFixture, upn: string) => t.users.find((u) => u.userPrincipalName === upn)!;

  test("heidi joins Platform SRE and so PRA Linux Admins", () => {
    assert.deepEqual(upnsOf(v2, "Platform SRE"), ["alice@contoso.com", "heidi@contoso.com"]);
    assert.deepEqual(upnsOf(v2, "PRA Linux Admins"), ["alice@contoso.com", "carol@contoso.com", "heidi@contoso.com"]);
  });

  test("dave leaves PRA Windows Operators (every PRA group) but stays in PrivX Developers", () => {
    assert.deepEqual(upnsOf(v2, "PRA Windows Operators"), ["robert@contoso.com"]);
    for (const group of v2.groups.filter((g) => g.displayName.startsWith("PRA "))) assert.ok(!upnsOf(v2, group.displayName).includes("dave@contoso.com"));
    assert.ok(upnsOf(v2, "PrivX Developers").includes("dave@contoso.com"));
  });

  test("alice also joins PrivX DBAs: her PrivX role set grows", () => {
    assert.deepEqual(upnsOf(v2, "PrivX DBAs"), ["alice@contoso.com", "frank@contoso.com", "grace@contoso.com"]);
  });

  test("frank is disabled; bob becomes robert@contoso.com under the same object id", () => {
    assert.equal(user(v2, "frank@contoso.com").accountEnabled, false);
    const bob = user(v1, "bob@contoso.com");
    const robert = user(v2, "robert@contoso.com");
    assert.equal(robert.id, bob.id);
    assert.equal(robert.mail, "robert@contoso.com");
  });

  test("nothing else changes", () => {
    const normalize = (t: TenantFixture) => {
      const c = structuredClone(t);
      for (const u of c.users) if (u.id === user(v1, "bob@contoso.com").id) Object.assign(u, { userPrincipalName: "*", mail: "*" });
      for (const u of c.users) if (u.userPrincipalName === "frank@contoso.com") u.accountEnabled = true;
      for (const g of c.groups) {
        g.members = g.members.filter(
          (m) =>
            m !== user(v1, "heidi@contoso.com").id &&
            !(g.displayName === "PRA Windows Operators" && m === user(v1, "dave@contoso.com").id) &&
            !(g.displayName === "PrivX DBAs" && m === user(v1, "alice@contoso.com").id),
        );
      }
      return c;
    };
    assert.deepEqual(normalize(v2), normalize(v1));
  });
});

describe("generateTenant", () => {
  test("the same seed gives the same tenant; another seed other ids", () => {
    const options = { users: 300, groups: 7, nestingDepth: 2, seed: 42, devices: 3, servicePrincipals: 2, contacts: 1 };
    assert.deepEqual(generateTenant(options), generateTenant(options));
    assert.notEqual(generateTenant({ ...options, seed: 43 }).users[0].id, generateTenant(options).users[0].id);
  });

  test("is consistent, places every user in a group, and nests groups in chains of the requested depth", () => {
    const tenant = generateTenant({ users: 500, groups: 9, nestingDepth: 2, seed: 7, devices: 4, servicePrincipals: 2, contacts: 3 });
    assert.deepEqual(tenantFixtureProblems(tenant), []);
    assert.equal(tenant.users.length, 500);
    assert.equal(new Set(tenant.users.map((u) => u.id)).size, 500);
    const view = new DirectoryView(tenant);
    const nested = new Set(tenant.groups.flatMap((g) => g.members).filter((id) => view.get(id)?.kind === "group"));
    const topLevel = tenant.groups.filter((g) => !nested.has(g.id));
    assert.equal(topLevel.length, 3, "9 groups in chains of 3");
    const reachable = new Set(
      topLevel.flatMap((g) =>
        view
          .transitiveMembers(g)
          .filter((e) => e.kind === "user")
          .map((e) => e.object.id),
      ),
    );
    assert.equal(reachable.size, 500);
    const depthBelow = (id: string): number => {
      const child = view.directMembers(view.group(id)!).find((e) => e.kind === "group");
      return child ? 1 + depthBelow(child.object.id) : 0;
    };
    assert.deepEqual(
      topLevel.map((g) => depthBelow(g.id)),
      [2, 2, 2],
    );
    const kinds = tenant.groups.flatMap((g) => view.directMembers(g)).map((e) => e.kind);
    assert.equal(kinds.filter((k) => k === "device").length, 4);
    assert.equal(kinds.filter((k) => k === "orgContact").length, 3);
  });
});
