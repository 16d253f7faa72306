// The Okta source against the Okta emulator: the snapshot it builds, paging, rate limits,
// failing closed, status and username mapping, the application scope, and names that are not unique.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { oktaDemoIds as ids, oktaDemoOrg } from "../../../bench/demo/okta-org";
import { oktaId, type OktaEmulator, type OktaOrg } from "../../../bench/emulators/okta";
import { OktaError, readOktaDirectory, readOktaMembershipPaths, type OktaSettings } from "../../../sources/okta";
import { statusEnabled } from "../../../sources/okta/okta-objects";
import type { SourceRequest } from "../../../sources/snapshot";
import { fakeClock } from "../../lib/http/support";
import { privateKeySettings, startTestOkta, sswsSettings } from "./okta-setup";

const request: SourceRequest = {
  groups: [{ displayName: "PS Vault Admins" }, { displayName: "PS Auditors" }, { id: ids.requesters }],
  applications: [{ appId: ids.passwordSafeApp }],
  userAttributes: ["employeeNumber"],
};

async function rejection(promise: Promise<unknown>): Promise<OktaError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OktaError, `expected an OktaError, got ${String(err)}`);
    return err;
  }
  assert.fail("the read was expected to fail");
}

const quiet = { progress: () => undefined };

describe("readOktaDirectory", () => {
  let em: OktaEmulator;
  let settings: OktaSettings;
  before(async () => {
    em = await startTestOkta(oktaDemoOrg());
    settings = privateKeySettings(em);
  });
  after(() => em.close());

  test("resolves groups by name and id with their members and descriptions, in the snapshot's shape", async () => {
    const snapshot = await readOktaDirectory(request, settings, quiet);
    assert.deepEqual(snapshot.groups[0], {
      reference: { displayName: "PS Vault Admins" },
      id: ids.vaultAdmins,
      displayName: "PS Vault Admins",
      description: "Administer Password Safe vaults",
      userIds: [ids.ana],
      ignored: { devices: 0, servicePrincipals: 0, contacts: 0, other: 0 },
    });
    assert.deepEqual(snapshot.groups[1].userIds, [ids.ben, ids.dan].sort());
    assert.equal(snapshot.groups[2].displayName, "PS Requesters");
    assert.equal(snapshot.groups[2].description, null);
    assert.deepEqual(snapshot.users[ids.ana], {
      id: ids.ana,
      userPrincipalName: "ana.lopez@northwind.example",
      mail: "ana@northwind.example",
      displayName: "Ana Lopez",
      givenName: "Ana",
      surname: "Lopez",
      accountEnabled: true,
      userType: null,
      attributes: { employeeNumber: "1001" },
    });
    assert.equal(snapshot.users[ids.chloe].accountEnabled, true, "PASSWORD_EXPIRED can still sign in");
    assert.ok(snapshot.stats.requests > 0);
  });

  test("the application scope: users assigned directly and the groups assigned to the app, with their members", async () => {
    const snapshot = await readOktaDirectory(request, settings, quiet);
    const [app] = snapshot.applications;
    assert.equal(app.appId, ids.passwordSafeApp);
    assert.equal(app.displayName, "BeyondTrust Password Safe");
    const byPrincipal = Object.fromEntries(app.assignments.map((a) => [a.principalId, a]));
    assert.deepEqual(byPrincipal[ids.eve], {
      principalId: ids.eve,
      principalType: "User",
      principalDisplayName: "Eve Novak",
      appRoleId: "00000000-0000-0000-0000-000000000000",
      appRoleValue: null,
      userIds: [ids.eve],
    });
    assert.deepEqual(byPrincipal[ids.auditors].userIds, [ids.ben, ids.dan].sort());
    assert.equal(byPrincipal[ids.auditors].principalType, "Group");
    assert.equal(app.assignments.length, 4, "eve directly, and three groups; members through groups are not listed as direct users");
    assert.ok(snapshot.users[ids.eve], "a directly assigned user is read in full");
  });

  test("user status: SUSPENDED, DEPROVISIONED and LOCKED_OUT are disabled, the rest enabled, an unknown one fails the read", () => {
    for (const s of ["ACTIVE", "PROVISIONED", "STAGED", "RECOVERY", "PASSWORD_EXPIRED"]) assert.equal(statusEnabled(s, "t"), true, s);
    for (const s of ["SUSPENDED", "DEPROVISIONED", "LOCKED_OUT"]) assert.equal(statusEnabled(s, "t"), false, s);
    assert.throws(
      () => statusEnabled("SOMETHING_NEW", "t"),
      (e: unknown) => e instanceof OktaError && e.code === "INCOMPLETE",
    );
  });

  test("a suspended member reads as a disabled account, so the leaver rules apply", async () => {
    em.state.org.users.find((u) => u.id === ids.dan)!.status = "SUSPENDED";
    try {
      const snapshot = await readOktaDirectory(request, settings, quiet);
      assert.equal(snapshot.users[ids.dan].accountEnabled, false);
    } finally {
      em.state.org.users.find((u) => u.id === ids.dan)!.status = "ACTIVE";
    }
  });

  test("the username comes from the configured profile attribute: email, or a custom one", async () => {
    const byEmail = await readOktaDirectory(request, { ...settings, usernameAttribute: "email" }, quiet);
    assert.equal(byEmail.users[ids.ana].userPrincipalName, "ana@northwind.example");
    const byNumber = await readOktaDirectory(request, { ...settings, usernameAttribute: "employeeNumber" }, quiet);
    assert.equal(byNumber.users[ids.ben].userPrincipalName, "1002");
    const missing = await rejection(readOktaDirectory(request, { ...settings, usernameAttribute: "nickName" }, quiet));
    assert.equal(missing.code, "INCOMPLETE");
    assert.match(missing.message, /no profile\.nickName \(oktaUsernameAttribute\)/);
  });

  test("a group name must match exactly one group: none and several are reported together, each by name", async () => {
    em.state.org.groups.push({ id: oktaId("00g", "auditors-2"), name: "PS Auditors", description: null, members: [] });
    try {
      const err = await rejection(readOktaDirectory({ ...request, groups: [{ displayName: "PS Auditors" }, { displayName: "PS Nobody" }] }, settings, quiet));
      assert.match(err.message, /2 Okta groups are named "PS Auditors" \(.+, .+\); reference the intended one by id/);
      assert.match(err.message, /No Okta group is named "PS Nobody"/);
      const problems = (err.details as { problems: { code: string }[] }).problems.map((p) => p.code).sort();
      assert.deepEqual(problems, ["AMBIGUOUS", "NOT_FOUND"]);
    } finally {
      em.state.org.groups.pop();
    }
    const byPrefix = await readOktaDirectory({ ...request, groups: [{ displayName: "PS Vault Admins" }] }, settings, quiet);
    assert.equal(byPrefix.groups[0].id, ids.vaultAdmins, "exact name, not a prefix match");
  });

  test("an unknown group id and a malformed id are clear errors", async () => {
    const unknown = await rejection(readOktaDirectory({ ...request, groups: [{ id: oktaId("00g", "nope") }] }, settings, quiet));
    assert.equal(unknown.code, "NOT_FOUND");
    assert.match(unknown.message, /No Okta group has id 00g/);
    const malformed = await rejection(readOktaDirectory({ ...request, groups: [{ id: "not-an-okta-id" }] }, settings, quiet));
    assert.equal(malformed.code, "VALIDATION");
  });

  test("explain's membership: the group itself, since Okta groups do not nest", async () => {
    const m = await readOktaMembershipPaths("dan.kim@northwind.example", [ids.auditors, ids.requesters, ids.vaultAdmins], settings, quiet);
    assert.equal(m.user?.id, ids.dan);
    assert.deepEqual(m.paths, {
      [ids.auditors.toLowerCase()]: [[{ id: ids.auditors, displayName: "PS Auditors" }]],
      [ids.requesters.toLowerCase()]: [[{ id: ids.requesters, displayName: "PS Requesters" }]],
    });
    assert.equal((await readOktaMembershipPaths("nobody@northwind.example", [], settings, quiet)).user, null);
  });

  test("the SSWS API token works when chosen explicitly", async () => {
    const snapshot = await readOktaDirectory(request, sswsSettings(em), quiet);
    assert.deepEqual(snapshot.groups[0].userIds, [ids.ana]);
  });
});

/** An org with one big group, for paging and rate limits. */
function bigOrg(members: number): OktaOrg {
  const users = Array.from({ length: members }, (_, i) => ({
    id: oktaId("00u", `user-${i}`),
    status: "ACTIVE" as const,
    profile: { login: `user${i}@northwind.example`, email: `user${i}@northwind.example` },
  }));
  return { users, groups: [{ id: oktaId("00g", "big"), name: "Big", description: "many", members: users.map((u) => u.id) }], apps: [] };
}

describe("paging, rate limits and failing closed", () => {
  const bigRequest: SourceRequest = { groups: [{ displayName: "Big" }], applications: [], userAttributes: [] };

  test("members are read page by page through the Link rel=next cursor", async () => {
    const em = await startTestOkta(bigOrg(450));
    try {
      const snapshot = await readOktaDirectory(bigRequest, privateKeySettings(em), quiet);
      assert.equal(snapshot.groups[0].userIds.length, 450);
      const pages = em.requests.filter((r) => r.path.endsWith("/users") && r.path.startsWith("/api/v1/groups/"));
      assert.equal(pages.length, 3, "200 + 200 + 50");
      assert.equal(pages[0].query.get("after"), null);
      assert.ok(pages[1].query.get("after") && pages[2].query.get("after"), "later pages carry Okta's cursor");
    } finally {
      await em.close();
    }
  });

  test("when X-Rate-Limit-Remaining reaches 0 the reader waits for the reset instead of drawing a 429", async () => {
    const clock = fakeClock(Date.parse("2026-07-10T09:00:10Z"));
    const em = await startTestOkta(bigOrg(450), { rateLimitPerMinute: 2, now: clock.now });
    try {
      const snapshot = await readOktaDirectory(bigRequest, privateKeySettings(em), { ...quiet, clock, concurrency: 1 });
      assert.equal(snapshot.groups[0].userIds.length, 450);
      assert.equal(em.throttled, 0, "no request was answered 429");
      assert.ok(
        clock.sleeps.some((ms) => ms >= 49_000 && ms <= 50_000),
        `waited for the window's reset at 09:01:00 (waits: ${clock.sleeps.join(", ")})`,
      );
    } finally {
      await em.close();
    }
  });

  test("a 429 is retried after the X-Rate-Limit-Reset it carries", async () => {
    const clock = fakeClock(Date.parse("2026-07-10T09:00:00Z"));
    const em = await startTestOkta(bigOrg(10), { now: clock.now });
    try {
      em.faults.inject({ status: 429, retryAfterSeconds: 30, times: 1, path: "/users" });
      const snapshot = await readOktaDirectory(bigRequest, privateKeySettings(em), { ...quiet, clock });
      assert.equal(snapshot.groups[0].userIds.length, 10);
      assert.deepEqual(em.faults.pending, []);
      assert.ok(
        clock.sleeps.some((ms) => ms > 29_000 && ms <= 30_000),
        `waited until the reset (waits: ${clock.sleeps.join(", ")})`,
      );
    } finally {
      await em.close();
    }
  });

  test("a page that keeps failing fails the whole read: no partial snapshot", async () => {
    const clock = fakeClock();
    const em = await startTestOkta(bigOrg(450), { now: clock.now });
    try {
      // The first page is served; every later one answers 503.
      let pagesServed = 0;
      const original = em.faults.take.bind(em.faults);
      em.faults.take = (method, path) =>
        path.endsWith("/users") && path.startsWith("/api/v1/groups/") && pagesServed++ >= 1 ? { status: 503, times: 1 } : original(method, path);
      const err = await rejection(readOktaDirectory(bigRequest, privateKeySettings(em), { ...quiet, clock, retry: { maxRetries: 2 } }));
      assert.equal(err.code, "UNAVAILABLE");
      assert.match(err.message, /503/);
    } finally {
      await em.close();
    }
  });
});
