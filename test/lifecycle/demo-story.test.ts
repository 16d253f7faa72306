// The demo's whole story through the offline engine (the SDK's real program runner and
// dynamic-provider server) against the Graph, PRA and PrivX emulators with small pages,
// asserting what the products hold after every step, not just exit codes.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { runDemoStory } from "../../bench/demo/story";
import type { RecordedRequest } from "../../bench/emulators/common/server";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function writesIn(requests: readonly RecordedRequest[], from: number): RecordedRequest[] {
  return requests.slice(from).filter((r) => WRITES.has(r.method) && !/token$/.test(r.path));
}

function praUsers(env: DemoEnvironment): Map<string, { id: string; externalId: string | null; active: boolean }> {
  return new Map(env.pra.state.scimUsers().map((u) => [u.scim!.userName, { id: u.scim!.id, externalId: u.scim!.externalId, active: u.enabled }]));
}

/** The SAML groups an RS group policy holds as members. */
function rsPolicyGroups(env: DemoEnvironment, name: string): string[] {
  const found = [...env.rs.state.groupPolicies.values()].filter((p) => p.wire.name === name);
  assert.equal(found.length, 1, `exactly one Remote Support group policy "${name}"`);
  return found[0].members.map((m) => (m.kind === "named-group" ? m.group_name : m.kind)).sort();
}

function policy(env: DemoEnvironment, name: string) {
  const found = env.pra.state.groupPoliciesNamed(name);
  assert.equal(found.length, 1, `exactly one PRA group policy "${name}"`);
  const record = found[0];
  const groups = record.members.map((m) => (m.kind === "scim-group" ? env.pra.state.scimGroups.get(m.scimGroupId)?.displayName : `${m.kind}`)).sort();
  const jumpGroups = record.jumpGroups.map((j) => env.pra.state.jumpGroups.get(j.jump_group_id)?.name).sort();
  return { record, groups, jumpGroups };
}

/** The SCIM application's users: userName → id, role values, active (the emulator stores booleans). */
function appUsers(env: DemoEnvironment): Map<string, { id: string; externalId: unknown; roles: string[]; active: unknown }> {
  return new Map(
    [...env.scim.state.users.values()].map((u) => [
      String(u.userName),
      { id: u.id, externalId: u.externalId, roles: ((u.roles as { value: string }[] | undefined) ?? []).map((r) => r.value), active: u.active },
    ]),
  );
}

/** userNames of a group in the SCIM application, by its displayName. */
function scimAppGroup(env: DemoEnvironment, displayName: string): string[] {
  const group = env.scim.state.groupNamed(displayName);
  assert.ok(group, `the SCIM application has a group ${displayName}`);
  return ((group.members as { value: string }[]) ?? []).map((m) => String(env.scim.state.users.get(m.value)?.userName)).sort();
}

type ScimStore = DemoEnvironment["scim"]["state"];
const PAM360_DOMAIN = "urn:ietf:params:scim:schemas:extension:pam360_domain:2.0:User";

/** A SCIM product's users (PAM360, Password Safe): userName → id, role values, active, the PAM360 domain extension. */
function productUsers(state: ScimStore) {
  return new Map(
    [...state.users.values()].map((u) => [
      String(u.userName),
      {
        id: u.id,
        externalId: u.externalId,
        roles: ((u.roles as { value: string }[] | undefined) ?? []).map((r) => r.value),
        active: u.active,
        domain: u[PAM360_DOMAIN] as Record<string, unknown> | undefined,
      },
    ]),
  );
}

/** A SCIM product's group by displayName: its userNames and description. */
function productGroup(state: ScimStore, displayName: string): { members: string[]; description: unknown } {
  const group = state.groupNamed(displayName);
  assert.ok(group, `the product has a group ${displayName}`);
  return {
    members: ((group.members as { value: string }[]) ?? []).map((m) => String(state.users.get(m.value)?.userName)).sort(),
    description: group.description,
  };
}

function scimGroupMembers(env: DemoEnvironment, displayName: string): string[] {
  const group = [...env.pra.state.scimGroups.values()].find((g) => g.displayName === displayName);
  assert.ok(group, `SCIM group ${displayName} exists`);
  const byId = env.pra.state.scimUserIndex();
  return group.memberIds.map((id) => byId.get(id)!.scim!.userName).sort();
}

test(
  "demo story: adopt, apply, no-op, directory + inventory change, hand edits found and undone, a grant expires, a guardrail refuses, explain",
  { timeout: 600_000 },
  async () => {
    const log: string[] = [];
    const env = await startDemoEnvironment({
      projectDir: PROJECT_DIR,
      workDir: path.join(os.tmpdir(), `pam-demo-test-${process.pid}`),
      smallPages: true,
      print: (t) => log.push(t),
    });
    let praMark = 0;
    let privxMark = 0;
    let scimMark = 0;
    let aliceScimId = "";
    let bobScimId = "";
    let pamBobId = "";
    let psBobId = "";
    let bobAppId = "";
    try {
      const outcome = await runDemoStory(
        env,
        (t) => log.push(t),
        (index) => {
          switch (index) {
            case 1: {
              // A preview writes nothing anywhere.
              assert.deepEqual(writesIn(env.pra.requests, 0), []);
              assert.deepEqual(writesIn(env.privx.requests, 0), []);
              assert.deepEqual(writesIn(env.scim.requests, 0), []);
              break;
            }
            case 2: {
              const users = praUsers(env);
              assert.deepEqual([...users.keys()].sort(), [
                "alice@contoso.com",
                "bob@contoso.com",
                "carol@contoso.com",
                "dave@contoso.com",
                "erin_fabrikam.com#EXT#@contoso.onmicrosoft.com",
              ]);
              aliceScimId = users.get("alice@contoso.com")!.id;
              bobScimId = users.get("bob@contoso.com")!.id;
              assert.equal(users.get("alice@contoso.com")!.externalId, "2249d617-3e3a-4242-8940-0085c0179da7", "the old script's alice is adopted and linked");
              assert.equal(users.get("carol@contoso.com")!.active, false, "a disabled Entra account is an inactive PRA user");
              assert.equal(
                env.pra.state.scimUsers().some((u) => u.scim!.userName.startsWith("breakglass")),
                false,
                "the protected account is not created",
              );
              assert.deepEqual(
                scimGroupMembers(env, "PRA Linux Admins"),
                ["alice@contoso.com", "carol@contoso.com"],
                "nested Platform SRE flattened; device and service principal ignored",
              );
              const linux = policy(env, "Linux Administrators");
              assert.deepEqual(linux.groups, ["PRA Linux Admins"]);
              assert.deepEqual(linux.jumpGroups, ["Linux Servers"]);
              assert.equal(linux.record.wire.perm_shell_jump, true);
              assert.deepEqual(policy(env, "Windows Operators").groups, ["BeyondTrust PRA - operator", "PRA Windows Operators"]);
              assert.equal(
                policy(env, "Vendor Access").record.wire.perm_access_allowed,
                true,
                "the policy made by hand is adopted and brought to the mappings",
              );
              assert.deepEqual(env.pra.state.unprovisionedGroupPolicyIds(), [], "every changed policy was provisioned");
              assert.deepEqual([...env.privx.state.hosts.values()].map((h) => h.externalId).sort(), [
                "contoso-build-01",
                "contoso-db-01",
                "contoso-kiosk-01",
                "contoso-web-01",
                "contoso-win-jump-01",
              ]);
              const dba = [...env.privx.state.users.values()].find((u) => u.userName === "frank@contoso.com");
              assert.deepEqual(dba?.groups, ["db-admins"]);
              const app = appUsers(env);
              assert.deepEqual([...app.keys()].sort(), ["alice@contoso.com", "bob@contoso.com", "dave@contoso.com", "frank@contoso.com", "grace@contoso.com"]);
              assert.deepEqual(app.get("frank@contoso.com")!.roles, ["Administrator"], "PrivX DBAs map to Administrator");
              assert.deepEqual(app.get("alice@contoso.com")!.roles, ["Developer"]);
              assert.deepEqual(app.get("dave@contoso.com")!.roles, ["Developer"], "in Windows Operators and PrivX Developers: the mapped group's role");
              assert.deepEqual(app.get("bob@contoso.com")!.roles, ["Viewer"], "in scope, in no mapped group: the default role");
              assert.equal(app.get("grace@contoso.com")!.id, "app-user-grace", "grace, made by hand, is adopted");
              assert.deepEqual(app.get("grace@contoso.com")!.roles, ["Owner"], "grace is role-locked: she keeps the role the application gave her");
              assert.ok(
                typeof app.get("grace@contoso.com")!.externalId === "string" && app.get("grace@contoso.com")!.externalId !== "",
                "…and linked to her Entra object",
              );
              assert.equal(
                writesIn(env.scim.requests, 0).some((r) => r.method === "PATCH"),
                false,
                "a server without PATCH gets PUTs",
              );
              assert.deepEqual(scimAppGroup(env, "PrivX DBAs"), ["frank@contoso.com", "grace@contoso.com"]);
              bobAppId = app.get("bob@contoso.com")!.id;
              const pam = productUsers(env.pam360.state);
              assert.deepEqual([...pam.keys()].sort(), ["alice@contoso.com", "bob@contoso.com", "dave@contoso.com", "frank@contoso.com", "grace@contoso.com"]);
              assert.deepEqual(pam.get("frank@contoso.com")!.roles, ["Privileged Administrator"]);
              assert.deepEqual(pam.get("alice@contoso.com")!.roles, ["Password Administrator"]);
              assert.deepEqual(pam.get("bob@contoso.com")!.roles, ["Password User"], "PAM360's default role");
              assert.deepEqual(pam.get("alice@contoso.com")!.domain, { userType: 2, domain: "contoso.com" }, "an Entra ID user of contoso.com");
              assert.equal(pam.get("grace@contoso.com")!.id, "pam360-user-grace", "grace, made by hand in PAM360, is adopted");
              assert.deepEqual(pam.get("grace@contoso.com")!.roles, ["Privileged Administrator"], "…and keeps her PAM360 role (locked)");
              assert.deepEqual(productGroup(env.pam360.state, "PrivX DBAs").members, ["frank@contoso.com", "grace@contoso.com"]);
              const ps = productUsers(env.passwordsafe.state);
              assert.deepEqual(ps.get("alice@contoso.com")!.roles, ["Operator"]);
              assert.deepEqual(ps.get("bob@contoso.com")!.roles, ["Viewer"]);
              assert.equal(ps.get("grace@contoso.com")!.id, "ps-user-grace");
              assert.deepEqual(ps.get("grace@contoso.com")!.roles, ["Owner"], "grace keeps her Password Safe role (locked)");
              assert.deepEqual(
                productGroup(env.passwordsafe.state, "PrivX DBAs"),
                { members: ["frank@contoso.com", "grace@contoso.com"], description: "Database administrators with PrivX access" },
                "a Password Safe group has a description: the Entra group's",
              );
              assert.deepEqual(
                rsPolicyGroups(env, "Help Desk Tier 1"),
                ["3c6fe58b-417d-45c9-aca6-ce44decaa1ee"],
                "Remote Support: the SAML group (object id) of Windows Operators",
              );
              assert.deepEqual(rsPolicyGroups(env, "Help Desk Escalation"), ["ac37f319-bfb3-4247-ade8-a06b9ab8ea2d"]);
              assert.equal(env.rs.state.users.size, 1, "no RS user is provisioned (only the built-in admin)");
              pamBobId = pam.get("bob@contoso.com")!.id;
              psBobId = ps.get("bob@contoso.com")!.id;
              praMark = env.pra.requests.length;
              privxMark = env.privx.requests.length;
              scimMark = env.scim.requests.length;
              break;
            }
            case 3: {
              assert.deepEqual(writesIn(env.pra.requests, praMark), [], "a no-op preview makes no write call to PRA");
              assert.deepEqual(writesIn(env.privx.requests, privxMark), [], "…nor to PrivX");
              assert.deepEqual(writesIn(env.scim.requests, scimMark), [], '…nor to the SCIM application (its "False" strings are no drift)');
              break;
            }
            case 5: {
              const users = praUsers(env);
              assert.equal(users.get("robert@contoso.com")?.id, bobScimId, "bob renamed robert in place: same PRA user");
              assert.equal(users.has("bob@contoso.com"), false);
              assert.equal(users.get("dave@contoso.com")?.active, false, "dave left every PRA group: deactivated, not deleted");
              assert.equal(users.get("heidi@contoso.com")?.active, true);
              assert.equal(users.get("alice@contoso.com")?.id, aliceScimId);
              assert.deepEqual(scimGroupMembers(env, "PRA Linux Admins"), ["alice@contoso.com", "carol@contoso.com", "heidi@contoso.com"]);
              assert.deepEqual(scimGroupMembers(env, "PRA Windows Operators"), ["robert@contoso.com"]);
              const hosts = new Map([...env.privx.state.hosts.values()].map((h) => [h.externalId, h]));
              assert.deepEqual([...hosts.keys()].sort(), ["contoso-db-01", "contoso-db-02", "contoso-kiosk-01", "contoso-web-01", "contoso-win-jump-01"]);
              assert.equal(hosts.get("contoso-db-01")?.services, "SSH:22,WEB:8443");
              const frank = [...env.privx.state.users.values()].find((u) => u.userName === "frank@contoso.com");
              assert.deepEqual(frank?.groups, [], "frank is disabled in Entra: kept in PrivX without roles");
              const alice = [...env.privx.state.users.values()].find((u) => u.userName === "alice@contoso.com");
              assert.deepEqual(alice?.groups, ["db-admins", "developers"], "alice's PrivX role set follows her new group");
              const app = appUsers(env);
              assert.deepEqual(app.get("alice@contoso.com")!.roles, ["Administrator"], "alice joins PrivX DBAs: precedence 1 wins");
              assert.equal(app.get("frank@contoso.com")!.active, false, "frank is disabled in Entra: kept, inactive");
              assert.deepEqual(app.get("frank@contoso.com")!.roles, ["Administrator"]);
              assert.equal(app.has("bob@contoso.com"), false);
              assert.equal(app.get("robert@contoso.com")!.id, bobAppId, "bob renamed robert in place in the SCIM application");
              assert.deepEqual(app.get("grace@contoso.com")!.roles, ["Owner"], "still locked");
              assert.deepEqual(scimAppGroup(env, "PRA Windows Operators"), ["robert@contoso.com"]);
              for (const [state, bobId, top] of [
                [env.pam360.state, pamBobId, "Privileged Administrator"],
                [env.passwordsafe.state, psBobId, "Administrator"],
              ] as const) {
                const users = productUsers(state);
                assert.deepEqual(users.get("alice@contoso.com")!.roles, [top], "alice joins PrivX DBAs: precedence 1 wins");
                assert.equal(users.get("frank@contoso.com")!.active, false, "frank is disabled in Entra: kept, inactive");
                assert.equal(users.get("robert@contoso.com")?.id, bobId, "bob renamed robert in place");
                assert.equal(users.has("bob@contoso.com"), false);
                assert.deepEqual(productGroup(state, "PRA Windows Operators").members, ["robert@contoso.com"]);
              }
              praMark = env.pra.requests.length;
              privxMark = env.privx.requests.length;
              scimMark = env.scim.requests.length;
              break;
            }
            case 6: {
              assert.equal(policy(env, "Linux Administrators").groups.length, 0, "the hand edit is still there: drift detection applies nothing");
              assert.deepEqual(writesIn(env.pra.requests, praMark), []);
              assert.deepEqual(writesIn(env.privx.requests, privxMark), []);
              assert.deepEqual(writesIn(env.scim.requests, scimMark), []);
              assert.deepEqual(appUsers(env).get("dave@contoso.com")!.roles, ["Administrator"], "the SCIM hand edit is still there");
              assert.deepEqual(rsPolicyGroups(env, "Help Desk Tier 1"), [], "…and the Remote Support one");
              break;
            }
            case 8: {
              praMark = env.pra.requests.length;
              privxMark = env.privx.requests.length;
              break;
            }
            case 9: {
              assert.deepEqual(policy(env, "Vendor Access").groups, ["PRA Vendors"], "the expired grant is still held: drift detection applies nothing");
              assert.deepEqual(writesIn(env.pra.requests, praMark), []);
              break;
            }
            case 10: {
              assert.deepEqual(policy(env, "Vendor Access").groups, [], "the next up removed the expired grant, with no edit to the mappings");
              assert.equal(
                praUsers(env).get("erin_fabrikam.com#EXT#@contoso.onmicrosoft.com")?.active,
                false,
                "the vendor, in no other policy, is deactivated",
              );
              praMark = env.pra.requests.length;
              privxMark = env.privx.requests.length;
              break;
            }
            case 11:
            case 12: {
              assert.deepEqual(writesIn(env.pra.requests, praMark), [], "a refused pull request and explain write nothing");
              assert.deepEqual(writesIn(env.privx.requests, privxMark), []);
              assert.deepEqual(policy(env, "Linux Administrators").groups, ["PRA Linux Admins"]);
              break;
            }
            case 7: {
              const linux = policy(env, "Linux Administrators");
              assert.deepEqual(linux.groups, ["PRA Linux Admins"], "up --refresh put the member back");
              assert.equal(linux.record.wire.perm_shell_jump, true, "…and the permission");
              assert.deepEqual(env.pra.state.unprovisionedGroupPolicyIds(), []);
              const web = [...env.privx.state.hosts.values()].find((h) => h.externalId === "contoso-web-01");
              assert.equal(web?.contactAddress, "web-01.contoso.internal");
              assert.equal(web?.services, "SSH:22,WEB:443");
              assert.deepEqual(appUsers(env).get("dave@contoso.com")!.roles, ["Developer"], "up --refresh undid the SCIM hand edit");
              assert.deepEqual(productUsers(env.pam360.state).get("dave@contoso.com")!.roles, ["Password Administrator"], "…and the PAM360 one");
              assert.deepEqual(
                productUsers(env.pam360.state).get("alice@contoso.com")!.domain,
                { userType: 2, domain: "contoso.com" },
                "…and alice is an Entra ID user again",
              );
              assert.deepEqual(productUsers(env.passwordsafe.state).get("dave@contoso.com")!.roles, ["Operator"], "…and the Password Safe one");
              assert.deepEqual(rsPolicyGroups(env, "Help Desk Tier 1"), ["3c6fe58b-417d-45c9-aca6-ce44decaa1ee"], "…and the Remote Support one");
              break;
            }
          }
        },
      );
      assert.deepEqual(
        outcome.steps.map((s) => s.exitCode),
        [0, 0, 0, 0, 0, 7, 0, 0, 7, 0, 255, 0, 0],
        log.join(""),
      );
      assert.match(outcome.pullRequestReport, /Ending in the next 7 days/, "the vendors' grant (5 days left) is flagged on the pull request");
      assert.match(outcome.expiryReport, /Expired grants still present/);
      assert.match(
        log.join(""),
        /access\.yaml:\d+:\d+ guardrails\[0\]\.name: guardrail "Guests never administer servers": guest erin\S+ gets pra:groupPolicy:Linux Administrators through group policy "Linux Administrators"/,
        "the refused pull request names the rule, the person and the path that grants the access",
      );
      assert.match(log.join(""), /PRA Linux Admins → Platform SRE → heidi@contoso\.com/, "explain shows the nesting path");
      assert.match(
        log.join(""),
        /Loses on the next run \(against the stack's last recorded access\): nothing/,
        "explain read the stack's last recorded access through the engine's CLI, without running it",
      );
      assert.match(outcome.pullRequestReport, /Deactivated \(1\): `dave@contoso\.com`/);
      assert.match(outcome.pullRequestReport, /`bob@contoso\.com` → `robert@contoso\.com`/);
      assert.match(outcome.driftReport, /Linux Administrators/);
      assert.match(outcome.driftReport, /Help Desk Tier 1/, "the drift report names the RS group policy edited by hand");
      assert.match(outcome.pullRequestReport + log.join(""), /rs:GroupPolicy|Remote Support/, "the preview shows Remote Support");
      assert.match(outcome.driftReport, /203\.0\.113\.80/);
      assert.match(outcome.driftReport, /dave@contoso\.com/);
      assert.match(outcome.driftReport, /PAM360 user `alice@contoso\.com`: changed in the product/);
      assert.match(outcome.driftReport, /Password Safe user `dave@contoso\.com`: changed in the product/);
      const secrets = [env.pra.clientSecret, env.pra.scimToken, env.privx.clientSecret, env.scim.token, env.pam360.token, env.passwordsafe.clientSecret];
      const stateText: string = require("node:fs").readFileSync(path.join(env.workDir, "state", "demo.json"), "utf8");
      const everything = log.join("") + outcome.pullRequestReport + outcome.driftReport + stateText;
      for (const secret of secrets) assert.equal(everything.includes(secret), false, "no credential in output, reports or state");
      // Issue #10: the __provider each resource stores (in its inputs and outputs) is a small reference.
      const providerTexts = (JSON.parse(stateText).resources as { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[])
        .flatMap((r) => [r.inputs?.__provider, r.outputs?.__provider])
        .filter((text): text is string => typeof text === "string");
      assert.ok(providerTexts.length > 0, "the state holds dynamic resources");
      assert.ok(
        providerTexts.every((text) => text.length <= 300),
        `longest __provider: ${Math.max(...providerTexts.map((t) => t.length))} characters`,
      );
    } finally {
      await env.close();
    }
  },
);
