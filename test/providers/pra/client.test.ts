import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { startPraEmulator, type PraEmulator } from "../../../bench/emulators/pra";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { isApiError, PoolRegistry, TokenBucket } from "../../../lib/http";
import { RateLimiter } from "../../../bench/emulators/pra/rate-limit";
import {
  groupPolicyEndpoint,
  groupPolicyJumpGroupEndpoint,
  groupPolicyMemberEndpoint,
  jumpGroupEndpoint,
  jumpItemRoleEndpoint,
  jumpPolicyEndpoint,
  TOP_LEVEL,
  userEndpoint,
} from "../../../providers/pra/api";
import { createPraClient, PRA_DEFAULT_RATE_LIMIT, PRA_MAX_REQUESTS_PER_SECOND, praConfigBaseUrl, type PraClientOptions } from "../../../providers/pra/client";
import { fakeClock } from "../../lib/http/support";

let pra: PraEmulator;
const pools = new PoolRegistry();

const POLICY_COUNT = 130;

before(async () => {
  pra = await startPraEmulator({
    // Functional tests run on virtual time; the emulator's limiter must not throttle them.
    rateLimitPerSecond: 10_000,
    rateLimitPerHour: 1_000_000,
    seed: {
      jumpGroups: [{ name: "Linux Servers" }, { name: "Windows Servers" }, ...Array.from({ length: 12 }, (_, i) => ({ name: `Site ${i}` }))],
      jumpPolicies: [{ display_name: "Business Hours", code_name: "business_hours" }],
      scimUsers: [{ userName: "alice@contoso.com", externalId: "oid-alice" }],
      scimGroups: [{ displayName: "PRA Linux Admins", members: ["alice@contoso.com"] }, { displayName: "PRA Vendors" }],
      groupPolicies: Array.from({ length: POLICY_COUNT }, (_, i) => ({ name: `Seeded Policy ${String(i).padStart(3, "0")}` })),
    },
  });
  trustCaBundle(pra.caFile);
});

after(async () => {
  await pools.closeAll();
  await pra.close();
});

function client(extra: Partial<PraClientOptions> = {}) {
  return createPraClient({ url: pra.url, clientId: pra.clientId, clientSecret: pra.clientSecret, pools, clock: fakeClock(), ...extra });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const configRequests = (path: string, method = "GET") => pra.requests.filter((r) => r.method === method && r.path === `/api/config/v1${path}`);

describe("PRA client: configuration", () => {
  test("the site URL must not end with a slash, use https, or carry the API path", () => {
    for (const url of [`${pra.url}/`, pra.url.replace("https:", "http:"), `${pra.url}/api/config/v1`]) {
      assert.throws(
        () => praConfigBaseUrl(url),
        (err) => isApiError(err, "VALIDATION"),
        url,
      );
      assert.throws(
        () => client({ url }),
        (err) => isApiError(err, "VALIDATION"),
        url,
      );
    }
    assert.equal(praConfigBaseUrl(pra.url), `${pra.url}/api/config/v1`);
  });

  test("a client-side rate limit above PRA's 20/s is refused", () => {
    assert.throws(
      () => client({ rateLimit: { perSecond: 25 } }),
      (err) => isApiError(err, "VALIDATION"),
    );
  });
});

describe("PRA client: paging", () => {
  test("more than 100 group policies are all read, page after page through the Link header", async () => {
    const before = configRequests("/group-policy").length;
    const policies = await collect(client().list(groupPolicyEndpoint, TOP_LEVEL));
    const seeded = policies.filter((p) => p.name.startsWith("Seeded Policy "));
    assert.equal(seeded.length, POLICY_COUNT);
    assert.equal(new Set(policies.map((p) => p.id)).size, policies.length);
    const pages = configRequests("/group-policy").slice(before);
    assert.deepEqual(
      pages.map((r) => r.query.get("current_page")),
      ["1", "2"],
    );
    assert.ok(pages.every((r) => r.query.get("per_page") === "100"));
  });

  test("small pages: every page is read and filters carry over to later pages", async () => {
    const before = configRequests("/group-policy").length;
    const policies = await collect(client({ perPage: 25 }).list(groupPolicyEndpoint, TOP_LEVEL));
    assert.ok(policies.length >= POLICY_COUNT);
    assert.equal(configRequests("/group-policy").length - before, Math.ceil(policies.length / 25));
  });

  test("jump groups are found by name across pages", async () => {
    const pra5 = client({ perPage: 5 });
    const all = await collect(pra5.list(jumpGroupEndpoint, TOP_LEVEL));
    assert.ok(all.length >= 14);
    const found = await collect(pra5.list(jumpGroupEndpoint, TOP_LEVEL, { name: "Windows Servers" }));
    assert.deepEqual(
      found.map((g) => g.name),
      ["Windows Servers"],
    );
    assert.equal(all.find((g) => g.name === "Windows Servers")?.id, found[0].id, "the one the full listing holds");
    assert.deepEqual(await collect(pra5.list(jumpGroupEndpoint, TOP_LEVEL, { name: "No Such Group" })), []);
  });
});

describe("PRA client: group policies", () => {
  test("create (id from the answer), list by the name filter, get, patch, delete, then gone", async () => {
    const c = client();
    const created = await c.create(groupPolicyEndpoint, TOP_LEVEL, {
      name: "Reconciler Test Policy",
      perm_access_allowed: true,
      access_perm_status: "defined",
      perm_session_idle_timeout: 900,
    });
    assert.equal(typeof created.id, "number");
    assert.equal(created.perm_access_allowed, true);
    const sent = JSON.parse(configRequests("/group-policy", "POST").at(-1)!.body);
    assert.deepEqual(Object.keys(sent).sort(), ["access_perm_status", "name", "perm_access_allowed", "perm_session_idle_timeout"]);

    assert.deepEqual(
      (await collect(c.list(groupPolicyEndpoint, TOP_LEVEL, { name: "Reconciler Test Policy" }))).map((p) => p.id),
      [created.id],
    );
    assert.equal(configRequests("/group-policy").at(-1)!.query.get("name"), "Reconciler Test Policy");
    assert.equal((await c.get(groupPolicyEndpoint, TOP_LEVEL, created.id))?.name, "Reconciler Test Policy");

    const updated = await c.update(groupPolicyEndpoint, TOP_LEVEL, created.id, { perm_remote_rdp: true });
    assert.equal(updated.perm_remote_rdp, true);
    assert.deepEqual(JSON.parse(configRequests(`/group-policy/${created.id}`, "PATCH").at(-1)!.body), { perm_remote_rdp: true });

    assert.equal(await c.delete(groupPolicyEndpoint, TOP_LEVEL, created.id), "deleted");
    assert.equal(await c.get(groupPolicyEndpoint, TOP_LEVEL, created.id), undefined);
    assert.equal(await c.delete(groupPolicyEndpoint, TOP_LEVEL, created.id), "gone");
  });

  test("unknown or mistyped fields are refused before anything is sent", async () => {
    const c = client();
    const before = configRequests("/group-policy", "POST").length;
    await assert.rejects(
      c.create(groupPolicyEndpoint, TOP_LEVEL, { name: "X", perm_teleport: true } as never),
      (err) => isApiError(err, "VALIDATION") && /perm_teleport/.test(err.detail ?? ""),
    );
    await assert.rejects(c.create(groupPolicyEndpoint, TOP_LEVEL, { name: "X", default_jump_item_role_id: "2" as never }), (err) =>
      isApiError(err, "VALIDATION"),
    );
    await assert.rejects(c.create(groupPolicyEndpoint, TOP_LEVEL, { name: "X", perm_session_idle_timeout: 42 }), (err) => isApiError(err, "VALIDATION"));
    assert.equal(configRequests("/group-policy", "POST").length, before);
  });

  test("a policy name PRA does not know lists nothing; the name filter is no prefix match", async () => {
    const c = client();
    assert.deepEqual(await collect(c.list(groupPolicyEndpoint, TOP_LEVEL, { name: "Seeded Policy 00" })), []);
    assert.deepEqual(
      (await collect(c.list(groupPolicyEndpoint, TOP_LEVEL, { name: "Seeded Policy 007" }))).map((p) => p.name),
      ["Seeded Policy 007"],
    );
  });

  test("a filter the spec does not document, and a create of a read-only type, are refused before anything is sent", async () => {
    const c = client();
    const before = pra.requests.length;
    await assert.rejects(collect(c.list(groupPolicyEndpoint, TOP_LEVEL, { display_name: "x" })), (err) => isApiError(err, "VALIDATION"));
    await assert.rejects(c.create(jumpGroupEndpoint, TOP_LEVEL, {} as never), (err) => isApiError(err, "VALIDATION"));
    assert.equal(pra.requests.length, before);
  });

  test("members: added with one call (201, no body), found with their ids by listing, remove is idempotent, provision is recorded", async () => {
    const c = client();
    const scim = await c.findScimSecurityProvider();
    assert.ok(scim, "the emulator has a SCIM security provider");
    assert.equal(scim.type, "scim");
    assert.ok(scim.scim_group_query_id);
    const policy = await c.create(groupPolicyEndpoint, TOP_LEVEL, { name: "Members Test Policy" });

    const members = { policyId: policy.id };
    const listed = async (groupName: string) => (await collect(c.list(groupPolicyMemberEndpoint, members))).find((m) => m.group_name === groupName)!;
    assert.equal(await c.create(groupPolicyMemberEndpoint, members, { security_provider_id: scim.id, group_name: "PRA Linux Admins" }), undefined);
    const member = await listed("PRA Linux Admins");
    assert.equal(typeof member.id, "number");
    assert.equal(member.group_name, "PRA Linux Admins");
    const post = configRequests(`/group-policy/${policy.id}/member`, "POST").at(-1)!;
    assert.equal(post.status, 201);
    assert.equal(JSON.parse(post.body).group_policy_id, undefined, "the policy id is in the path, not the body");
    await c.create(groupPolicyMemberEndpoint, members, { security_provider_id: scim.id, group_name: "PRA Vendors" });
    const second = await listed("PRA Vendors");
    assert.notEqual(second.id, member.id);

    assert.deepEqual((await collect(c.list(groupPolicyMemberEndpoint, members))).map((m) => m.id).sort(), [member.id, second.id].sort());
    assert.equal(await c.delete(groupPolicyMemberEndpoint, members, member.id), "deleted");
    assert.equal(await c.delete(groupPolicyMemberEndpoint, members, member.id), "gone");

    await c.provisionGroupPolicy(policy.id);
    assert.ok(pra.provisionLog.some((e) => e.kind === "group-policy" && e.groupPolicyId === policy.id));
    assert.deepEqual(
      pra.state.unprovisionedGroupPolicyIds().filter((id) => id === policy.id),
      [],
    );
    await c.delete(groupPolicyEndpoint, TOP_LEVEL, policy.id);
  });

  test("a member needs exactly one identifying field", async () => {
    const c = client();
    await assert.rejects(c.create(groupPolicyMemberEndpoint, { policyId: 1 }, { security_provider_id: 1, group_name: "a", user_id: 3 }), (err) =>
      isApiError(err, "VALIDATION"),
    );
  });

  test("jump groups on a policy: add with role and policy by name, list, remove", async () => {
    const c = client();
    const policy = await c.create(groupPolicyEndpoint, TOP_LEVEL, { name: "Jump Test Policy" });
    const [group] = await collect(c.list(jumpGroupEndpoint, TOP_LEVEL, { name: "Linux Servers" }));
    const [role] = await collect(c.list(jumpItemRoleEndpoint, TOP_LEVEL, { name: "Administrator" }));
    assert.ok(role, "the emulator's default roles include Administrator");
    // The spec filters jump policies by code_name only: by display name they are listed.
    const jumpPolicies = await collect(c.list(jumpPolicyEndpoint, TOP_LEVEL));
    const jumpPolicy = jumpPolicies.find((p) => p.display_name === "Business Hours")!;
    assert.equal(jumpPolicy.code_name, "business_hours");
    assert.equal(
      jumpPolicies.find((p) => p.display_name === "Nights"),
      undefined,
    );
    const jumpGroups = { policyId: policy.id };

    await c.create(groupPolicyJumpGroupEndpoint, jumpGroups, { jump_group_id: group.id, jump_item_role_id: role.id, jump_policy_id: jumpPolicy.id });
    assert.deepEqual(await collect(c.list(groupPolicyJumpGroupEndpoint, jumpGroups)), [
      { jump_group_id: group.id, jump_item_role_id: role.id, jump_policy_id: jumpPolicy.id },
    ]);
    assert.ok(
      configRequests(`/group-policy/${policy.id}/jump-group`).every((r) => !r.query.has("per_page")),
      "no paging parameters the spec does not list",
    );
    assert.equal(await c.delete(groupPolicyJumpGroupEndpoint, jumpGroups, group.id), "deleted");
    assert.deepEqual(await collect(c.list(groupPolicyJumpGroupEndpoint, jumpGroups)), []);
    await c.delete(groupPolicyEndpoint, TOP_LEVEL, policy.id);
  });
});

describe("PRA client: users", () => {
  test("users are listed with filters and provisioned by id", async () => {
    const c = client();
    const scim = (await c.findScimSecurityProvider())!;
    const scimUsers = await collect(c.list(userEndpoint, TOP_LEVEL, { security_provider_id: scim.id }));
    assert.deepEqual(
      scimUsers.map((u) => u.username),
      ["alice@contoso.com"],
    );
    assert.equal(configRequests("/user").at(-1)!.query.get("security_provider_id"), String(scim.id));
    await c.provisionUsers([scimUsers[0].id]);
    assert.ok(pra.provisionLog.some((e) => e.kind === "users" && e.userIds.includes(scimUsers[0].id)));
    assert.deepEqual(JSON.parse(configRequests("/user/provision", "POST").at(-1)!.body), { user_ids: [scimUsers[0].id] });
  });
});

describe("PRA client: creates whose answer was lost", () => {
  test("a group policy, a member and a jump group link are created once each when PRA did the work but the answer never came", async () => {
    const c = client({ progress: () => {} });
    pra.faults.inject({ drop: "after-handling", times: 1, path: "/api/config/v1/group-policy", method: "POST" });
    const policy = await c.create(groupPolicyEndpoint, TOP_LEVEL, { name: "Lost Answer Policy" });
    assert.deepEqual(
      pra.state.groupPoliciesNamed("Lost Answer Policy").map((p) => p.wire.id),
      [policy.id],
    );

    const scim = (await c.findScimSecurityProvider())!;
    const members = { policyId: policy.id };
    pra.faults.inject({ drop: "after-handling", times: 1, path: `/api/config/v1/group-policy/${policy.id}/member`, method: "POST" });
    await c.create(groupPolicyMemberEndpoint, members, { security_provider_id: scim.id, group_name: "PRA Vendors" });
    assert.equal((await collect(c.list(groupPolicyMemberEndpoint, members))).length, 1);

    const [jumpGroup] = await collect(c.list(jumpGroupEndpoint, TOP_LEVEL, { name: "Linux Servers" }));
    pra.faults.inject({ drop: "after-handling", times: 1, path: `/api/config/v1/group-policy/${policy.id}/jump-group`, method: "POST" });
    await c.create(groupPolicyJumpGroupEndpoint, members, { jump_group_id: jumpGroup.id });
    assert.equal((await collect(c.list(groupPolicyJumpGroupEndpoint, members))).length, 1);

    assert.deepEqual(
      configRequests(`/group-policy/${policy.id}/member`, "POST").map((r) => r.status),
      [0],
      "the member POST went once; its lost answer was followed by a listing, not a second POST",
    );
    assert.equal(pra.faults.pending.length, 0);
    await c.delete(groupPolicyEndpoint, TOP_LEVEL, policy.id);
  });
});

describe("PRA client: transport", () => {
  test("one token for many concurrent calls, Connection: close, and one re-mint after expiry", async () => {
    const c = client();
    const tokenCalls = () => pra.requests.filter((r) => r.path === "/oauth2/token").length;
    const before = tokenCalls();
    await Promise.all(Array.from({ length: 12 }, () => c.get(groupPolicyEndpoint, TOP_LEVEL, 1)));
    assert.equal(tokenCalls() - before, 1);
    assert.ok(
      configRequests("/group-policy/1")
        .slice(-12)
        .every((r) => r.headers.connection === "close"),
    );
    pra.expireTokens();
    await Promise.all(Array.from({ length: 6 }, () => c.get(groupPolicyEndpoint, TOP_LEVEL, 1)));
    assert.equal(tokenCalls() - before, 2);
  });

  test("a throttled answer is retried and the list still completes", async () => {
    pra.faults.inject({ status: 429, retryAfterSeconds: 1, times: 1, path: "/api/config/v1/group-policy", method: "GET" });
    const policies = await collect(client().list(groupPolicyEndpoint, TOP_LEVEL));
    assert.ok(policies.length >= POLICY_COUNT);
    assert.equal(pra.faults.pending.length, 0);
  });

  test("wrong credentials are UNAUTHORIZED and the secret is nowhere in the error", async () => {
    const secret = "definitely-wrong-secret-123";
    const err = await client({ clientSecret: secret })
      .get(groupPolicyEndpoint, TOP_LEVEL, 1)
      .then(
        () => assert.fail("expected UNAUTHORIZED"),
        (e: unknown) => e,
      );
    assert.ok(isApiError(err, "UNAUTHORIZED"));
    assert.ok(!JSON.stringify(err).includes(secret) && !err.message.includes(secret));
  });

  test("the send times the client asks of its shared limit keep token and API calls under PRA's 20/s", async () => {
    // What the client controls is when it asks to send, not when a loaded machine delivers.
    // Virtual time that never moves, a bucket that records each reservation (its slot =
    // now + wait), and PRA's own sliding-window rule applied to those slots.
    const clock = { now: () => 1_000_000, sleep: async () => {} };
    const slots: number[] = [];
    const bucket = new (class extends TokenBucket {
      override reserve(): number {
        const wait = super.reserve();
        slots.push(clock.now() + wait);
        return wait;
      }
    })(PRA_DEFAULT_RATE_LIMIT, clock);
    const before = pra.requests.length;
    const c = createPraClient({ url: pra.url, clientId: pra.clientId, clientSecret: pra.clientSecret, pools, rateLimit: bucket, clock });
    await Promise.all(Array.from({ length: 60 }, () => c.get(groupPolicyEndpoint, TOP_LEVEL, 1)));
    const sent = pra.requests.slice(before);
    assert.deepEqual(
      sent.map((r) => r.path.startsWith("/oauth2/token")),
      [true, ...Array.from({ length: 60 }, () => false)],
      "the token is minted first, then the API calls follow",
    );
    assert.equal(slots.length, 61, "every request, the token mint included, took a slot");
    let at = 0;
    const praRule = new RateLimiter(PRA_MAX_REQUESTS_PER_SECOND, 15_000, () => at);
    const refused = slots.filter((slot) => ((at = slot), !praRule.take("account").allowed));
    assert.deepEqual(refused, [], "PRA would refuse none of the requested send times");
    assert.ok(Math.max(...slots) - Math.min(...slots) >= 3000, "60 requests at 15/s are spread over more than 3 s");
  });

  test("the default limit leaves headroom under PRA's 20 requests per second", () => {
    const worstWindow = PRA_DEFAULT_RATE_LIMIT.perSecond + (PRA_DEFAULT_RATE_LIMIT.burst ?? 1);
    assert.ok(worstWindow < PRA_MAX_REQUESTS_PER_SECOND, `${worstWindow} requests could fall in one second`);
  });
});
