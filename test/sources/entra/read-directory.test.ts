// readDirectory against the Graph emulator through the real Graph SDK and @azure/identity.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { Router, startEmulatorServer } from "../../../bench/emulators/common/server";
import { demoTenantV2Path, type GraphEmulator } from "../../../bench/emulators/graph";
import { trustCaBundle } from "../../../lib/ca-bundle";
import type { DirectorySnapshot, SourceRequest } from "../../../sources/snapshot";
import { EntraError, readDirectory } from "../../../sources/entra";
import { demoSettings, graphRequests, ids, PRA_APP_ID, startDemoGraph } from "./demo";

const demoRequest: SourceRequest = {
  groups: [{ displayName: "PRA Linux Admins" }, { id: ids.windowsOperators }, { displayName: "PRA Vendors" }, { displayName: "PrivX Developers" }],
  applications: [{ appId: PRA_APP_ID }],
  userAttributes: ["employeeId", "onPremisesSamAccountName"],
};

const noIgnored = { devices: 0, servicePrincipals: 0, contacts: 0, other: 0 };

async function rejection(promise: Promise<unknown>): Promise<EntraError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof EntraError, `expected an EntraError, got ${String(err)}`);
    return err;
  }
  assert.fail("the read was expected to fail");
}

/** The snapshot without its request count, for comparing reads made in different ways. */
const content = (s: DirectorySnapshot) => ({ ...s, stats: { ...s.stats, requests: 0 } });

const staticToken = (token: string): TokenCredential => ({
  getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }),
});

describe("readDirectory", () => {
  let em: GraphEmulator;
  let baseline: DirectorySnapshot;

  before(async () => {
    em = await startDemoGraph();
    baseline = await readDirectory(demoRequest, demoSettings(em));
  });
  after(() => em.close());

  test("resolves groups by name and id, flattens nesting, keeps disabled and guest users, counts what is not a user", () => {
    const byName = Object.fromEntries(baseline.groups.map((g) => [g.displayName, g]));
    assert.deepEqual(
      baseline.groups.map((g) => g.reference),
      demoRequest.groups,
    );
    assert.deepEqual(byName["PRA Linux Admins"], {
      reference: { displayName: "PRA Linux Admins" },
      id: ids.linuxAdmins,
      displayName: "PRA Linux Admins",
      description: "Linux administrators in BeyondTrust PRA",
      userIds: [ids.alice, ids.carol].sort(),
      ignored: { devices: 1, servicePrincipals: 1, contacts: 0, other: 0 },
    });
    assert.deepEqual(byName["PRA Windows Operators"].userIds, [ids.bob, ids.dave].sort());
    assert.deepEqual(byName["PRA Windows Operators"].ignored, noIgnored);
    assert.deepEqual(byName["PRA Vendors"].userIds, [ids.erin]);
    assert.deepEqual(byName["PRA Vendors"].ignored, { devices: 0, servicePrincipals: 0, contacts: 1, other: 0 });
    assert.deepEqual(byName["PrivX Developers"].userIds, [ids.alice, ids.dave, ids.grace].sort());
    assert.deepEqual(baseline.stats.ignored, { devices: 1, servicePrincipals: 1, contacts: 1, other: 0 });

    assert.equal(baseline.users[ids.carol].accountEnabled, false);
    assert.deepEqual(baseline.users[ids.erin], {
      id: ids.erin,
      userPrincipalName: "erin_fabrikam.com#EXT#@contoso.onmicrosoft.com",
      mail: "erin@fabrikam.com",
      displayName: "Erin (Fabrikam)",
      givenName: "Erin",
      surname: "Davis",
      accountEnabled: true,
      userType: "Guest",
      attributes: { employeeId: null, onPremisesSamAccountName: null },
    });
    assert.deepEqual(baseline.users[ids.alice].attributes, { employeeId: "E1001", onPremisesSamAccountName: "asmith" });
    assert.deepEqual(Object.keys(baseline.users), [ids.alice, ids.bob, ids.carol, ids.dave, ids.erin, ids.grace, ids.ivan].sort());
  });

  test("application scope: group assignments expand to transitive users, app role values come from the service principal", () => {
    assert.deepEqual(baseline.applications, [
      {
        appId: PRA_APP_ID,
        servicePrincipalId: "3f31373e-aafe-4c40-a645-e0b9fda38a56",
        displayName: "BeyondTrust PRA",
        assignments: [
          {
            principalId: ids.windowsOperators,
            principalType: "Group",
            principalDisplayName: "PRA Windows Operators",
            appRoleId: ids.operatorRole,
            appRoleValue: "operator",
            userIds: [ids.bob, ids.dave].sort(),
          },
          {
            principalId: ids.ivan,
            principalType: "User",
            principalDisplayName: "Ivan Petrov",
            appRoleId: ids.auditorRole,
            appRoleValue: "auditor",
            userIds: [ids.ivan],
          },
        ],
      },
    ]);
    assert.equal(baseline.users[ids.ivan].userPrincipalName, "ivan@contoso.com");
  });

  test("people granted directly are read in full by UPN or object id (one GET each unless a group brought them); one the directory lacks maps to null", async () => {
    const snapshot = await readDirectory({ ...demoRequest, users: ["frank@contoso.com", ids.alice, "nobody@contoso.com"] }, demoSettings(em));
    assert.deepEqual(snapshot.namedUsers, { "frank@contoso.com": ids.frank, [ids.alice]: ids.alice, "nobody@contoso.com": null });
    assert.equal(snapshot.users[ids.frank].userPrincipalName, "frank@contoso.com");
    assert.deepEqual(Object.keys(snapshot.users[ids.frank].attributes), ["employeeId", "onPremisesSamAccountName"], "read with the mapped attributes");
    assert.deepEqual(content({ ...snapshot, users: baseline.users, namedUsers: undefined }), { ...content(baseline), namedUsers: undefined });
    assert.equal(snapshot.stats.requests - baseline.stats.requests, 2, "alice came with a group: only frank and the unknown name are looked up");
  });

  test("reads each group once, with the documented $select and $top=999, and counts its requests", async () => {
    const emulator = await startDemoGraph();
    try {
      const snapshot = await readDirectory({ ...demoRequest, groups: [...demoRequest.groups, { id: ids.linuxAdmins }] }, demoSettings(emulator));
      const reads = graphRequests(emulator).filter((r) => r.path.endsWith("/transitiveMembers"));
      // Linux Admins (twice referenced), Windows Operators (mapped and app-assigned), Vendors, PrivX Developers.
      assert.equal(reads.length, 4);
      for (const read of reads) {
        assert.equal(
          read.query.get("$select"),
          "id,userPrincipalName,mail,displayName,givenName,surname,accountEnabled,userType,employeeId,onPremisesSamAccountName",
        );
        assert.equal(read.query.get("$top"), "999");
      }
      assert.equal(snapshot.stats.requests, graphRequests(emulator).length);
      assert.equal(emulator.tokensIssued, 1, "one token for the whole read");
    } finally {
      await emulator.close();
    }
  });

  test("paging with a page cap of 2 follows every nextLink to the same snapshot", async () => {
    const emulator = await startDemoGraph({ pageSizeCap: 2 });
    try {
      const snapshot = await readDirectory(demoRequest, demoSettings(emulator), { concurrency: 2 });
      assert.deepEqual(content(snapshot), content(baseline));
      const linuxPages = graphRequests(emulator).filter((r) => r.path === `/v1.0/groups/${ids.linuxAdmins}/transitiveMembers`);
      assert.equal(linuxPages.length, 3, "5 objects in pages of 2");
      assert.equal(linuxPages.filter((r) => r.query.has("$skiptoken")).length, 2);
      assert.equal(snapshot.stats.requests, graphRequests(emulator).length);
    } finally {
      await emulator.close();
    }
  });

  test("a name that matches no group, or several, is an error that lists what was found; nothing is read", async () => {
    const before = graphRequests(em).length;
    const none = await rejection(readDirectory({ ...demoRequest, groups: [{ displayName: "No Such Group" }] }, demoSettings(em)));
    assert.equal(none.code, "NOT_FOUND");
    assert.deepEqual(none.details, { reference: { displayName: "No Such Group" }, found: [] });

    const several = await rejection(readDirectory({ ...demoRequest, groups: [{ displayName: "Duplicate Name" }] }, demoSettings(em)));
    assert.equal(several.code, "AMBIGUOUS");
    const found = several.details?.found as { id: string; displayName: string }[];
    assert.deepEqual(found.map((f) => f.id).sort(), [...ids.duplicateName].sort());
    assert.ok(found.every((f) => f.displayName === "Duplicate Name"));

    const since = graphRequests(em).slice(before);
    assert.ok(
      since.every((r) => r.path === "/v1.0/groups"),
      "only name look-ups, no member reads",
    );
  });

  test("every unresolvable reference is reported at once; an unknown id is NOT_FOUND; a malformed one fails before any request", async () => {
    const both = await rejection(
      readDirectory(
        { ...demoRequest, groups: [{ displayName: "Duplicate Name" }, { id: "00000000-0000-4000-8000-000000000000" }, { displayName: "PRA Vendors" }] },
        demoSettings(em),
      ),
    );
    const problems = both.details?.problems as { code: string; details: { reference: unknown } }[];
    assert.deepEqual(
      problems.map((p) => [p.code, p.details.reference]),
      [
        ["AMBIGUOUS", { displayName: "Duplicate Name" }],
        ["NOT_FOUND", { id: "00000000-0000-4000-8000-000000000000" }],
      ],
    );

    const before = em.requests.length;
    const malformed = await rejection(readDirectory({ ...demoRequest, groups: [{ id: "PRA Linux Admins" }] }, demoSettings(em)));
    assert.equal(malformed.code, "VALIDATION");
    assert.equal(em.requests.length, before);
  });

  test("an application that is not in the tenant is NOT_FOUND", async () => {
    const missing = await rejection(
      readDirectory({ groups: [], applications: [{ appId: "00000000-aaaa-4bbb-8ccc-000000000000" }], userAttributes: [] }, demoSettings(em)),
    );
    assert.equal(missing.code, "NOT_FOUND");
    assert.equal(missing.details?.appId, "00000000-aaaa-4bbb-8ccc-000000000000");
  });

  test("a 429 with Retry-After is retried by the SDK's RetryHandler and the read completes", async () => {
    const emulator = await startDemoGraph();
    try {
      emulator.faults.inject({ status: 429, retryAfterSeconds: 1, times: 1, path: `/v1.0/groups/${ids.linuxAdmins}/transitiveMembers` });
      const snapshot = await readDirectory(demoRequest, demoSettings(emulator));
      assert.deepEqual(content(snapshot), content(baseline));
      const attempts = graphRequests(emulator).filter((r) => r.path === `/v1.0/groups/${ids.linuxAdmins}/transitiveMembers`);
      assert.deepEqual(
        attempts.map((r) => r.status),
        [429, 200],
      );
      assert.equal(attempts[1].headers["retry-attempt"], "1");
      assert.equal(snapshot.stats.requests, graphRequests(emulator).length, "retries are counted");
    } finally {
      await emulator.close();
    }
  });

  test("throttling that outlasts the retries fails closed with RATE_LIMITED", async () => {
    const emulator = await startDemoGraph();
    try {
      const path = `/v1.0/groups/${ids.windowsOperators}/transitiveMembers`;
      emulator.faults.inject({ status: 429, retryAfterSeconds: 0, times: 50, path });
      const error = await rejection(
        readDirectory({ groups: [{ id: ids.windowsOperators }], applications: [], userAttributes: [] }, demoSettings(emulator), { retry: { maxRetries: 2 } }),
      );
      assert.equal(error.code, "RATE_LIMITED");
      assert.equal(error.status, 429);
      assert.equal(graphRequests(emulator).filter((r) => r.path === path).length, 3, "the first attempt and two retries");
    } finally {
      await emulator.close();
    }
  });

  test("a persistent 503 fails closed with UNAVAILABLE after the retries, and other queued reads do not start", async () => {
    const emulator = await startDemoGraph();
    try {
      emulator.faults.inject({ status: 503, retryAfterSeconds: 0, times: 1000, path: "/transitiveMembers" });
      const error = await rejection(readDirectory(demoRequest, demoSettings(emulator), { concurrency: 1, retry: { maxRetries: 3 } }));
      assert.equal(error.code, "UNAVAILABLE");
      assert.equal(error.status, 503);
      assert.equal(error.graphCode, "serviceNotAvailable");
      const memberReads = graphRequests(emulator).filter((r) => r.path.endsWith("/transitiveMembers"));
      assert.equal(memberReads.length, 4, "one group, 1 + 3 attempts; the other groups were never read");
      assert.equal(new Set(memberReads.map((r) => r.path)).size, 1);
    } finally {
      await emulator.close();
    }
  });

  test("tokens expiring mid-read: Graph's 401 makes the source re-authenticate once and finish the read", async () => {
    const emulator = await startDemoGraph({ pageSizeCap: 2 });
    try {
      emulator.expireTokensAfterGraphRequests(4);
      const snapshot = await readDirectory(demoRequest, demoSettings(emulator), { concurrency: 2 });
      assert.deepEqual(content(snapshot), content(baseline));
      assert.equal(emulator.tokensIssued, 2);
      const statuses = graphRequests(emulator).map((r) => r.status);
      assert.ok(statuses.includes(401), "Graph rejected the old token");
      assert.equal(statuses.at(-1), 200);
    } finally {
      await emulator.close();
    }
  });

  test("a caller's credential whose token Graph rejects fails with UNAUTHORIZED", async () => {
    const error = await rejection(readDirectory(demoRequest, demoSettings(em), { credential: staticToken("not-a-token-graph-issued") }));
    assert.equal(error.code, "UNAUTHORIZED");
    assert.equal(error.graphCode, "InvalidAuthenticationToken");
  });

  test("version 2 of the tenant: same ids, bob renamed to robert, heidi in through nesting, dave out, frank disabled", async () => {
    const emulator = await startDemoGraph();
    try {
      const request: SourceRequest = {
        groups: [
          { displayName: "PRA Linux Admins" },
          { displayName: "PRA Windows Operators" },
          { displayName: "PrivX Developers" },
          { displayName: "PrivX DBAs" },
        ],
        applications: [],
        userAttributes: [],
      };
      const v1 = await readDirectory(request, demoSettings(emulator));
      emulator.loadTenant(demoTenantV2Path);
      const v2 = await readDirectory(request, demoSettings(emulator));
      const members = (s: DirectorySnapshot, name: string) => s.groups.find((g) => g.displayName === name)!.userIds;

      assert.equal(v1.users[ids.bob].userPrincipalName, "bob@contoso.com");
      assert.equal(v2.users[ids.bob].userPrincipalName, "robert@contoso.com");
      assert.equal(v2.users[ids.bob].mail, "robert@contoso.com");
      assert.deepEqual(members(v2, "PRA Linux Admins"), [...members(v1, "PRA Linux Admins"), ids.heidi].sort());
      assert.deepEqual(members(v2, "PRA Windows Operators"), [ids.bob]);
      assert.ok(members(v2, "PrivX Developers").includes(ids.dave));
      assert.equal(v1.users[ids.frank].accountEnabled, true);
      assert.equal(v2.users[ids.frank].accountEnabled, false);
    } finally {
      await emulator.close();
    }
  });

  test("a nextLink to another host is refused (the token is not sent there) and the read fails closed", async () => {
    const elsewhere = await startEmulatorServer({ router: new Router(), notFound: () => ({ status: 200, body: { value: [] } }) });
    const router = new Router()
      .on("GET", "/v1.0/groups/:id", (req) => ({ status: 200, body: { id: req.params.id, displayName: "Rogue" } }))
      .on("GET", "/v1.0/groups/:id/transitiveMembers", () => ({
        status: 200,
        body: { value: [], "@odata.nextLink": `${elsewhere.url}/v1.0/groups/x/transitiveMembers?$skiptoken=abc` },
      }));
    const rogue = await startEmulatorServer({ router, notFound: () => ({ status: 404, body: {} }) });
    try {
      trustCaBundle(rogue.caFile);
      const settings = { ...demoSettings(em), graphBaseUrl: rogue.url };
      const error = await rejection(
        readDirectory({ groups: [{ id: ids.linuxAdmins }], applications: [], userAttributes: [] }, settings, { credential: staticToken("t") }),
      );
      assert.equal(error.code, "INCOMPLETE");
      assert.equal(elsewhere.requests.length, 0);
    } finally {
      await rogue.close();
      await elsewhere.close();
    }
  });

  test("a member page without @odata.type or a user without accountEnabled fails closed with INCOMPLETE", async () => {
    const answers: Record<string, unknown>[] = [
      { value: [{ id: ids.alice, userPrincipalName: "alice@contoso.com", accountEnabled: true }] },
      { value: [{ "@odata.type": "#microsoft.graph.user", id: ids.alice, userPrincipalName: "alice@contoso.com" }] },
    ];
    for (const body of answers) {
      const router = new Router()
        .on("GET", "/v1.0/groups/:id", (req) => ({ status: 200, body: { id: req.params.id, displayName: "Odd" } }))
        .on("GET", "/v1.0/groups/:id/transitiveMembers", () => ({ status: 200, body }));
      const odd = await startEmulatorServer({ router, notFound: () => ({ status: 404, body: {} }) });
      try {
        const settings = { ...demoSettings(em), graphBaseUrl: odd.url };
        const error = await rejection(
          readDirectory({ groups: [{ id: ids.linuxAdmins }], applications: [], userAttributes: [] }, settings, { credential: staticToken("t") }),
        );
        assert.equal(error.code, "INCOMPLETE");
      } finally {
        await odd.close();
      }
    }
  });
});
