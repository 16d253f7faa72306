import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PraEmulator } from "../../../../bench/emulators/pra";
import { praContract } from "../../../../bench/emulators/pra/contract.generated";
import { accessToken, call, configApi, startEmulator } from "./helpers";

const SEED = {
  jumpGroups: [{ name: "Linux Servers" }, { name: "Windows Servers" }],
  jumpPolicies: [{ display_name: "Business Hours" }],
  scimUsers: [
    { userName: "alice@contoso.com", externalId: "oid-alice", email: "alice@contoso.com" },
    { userName: "bob@contoso.com", externalId: "oid-bob" },
  ],
  scimGroups: [{ displayName: "PRA Linux Admins", externalId: "gid-linux", members: ["alice@contoso.com"] }],
  localUsers: [{ username: "localop" }],
};

describe("PRA emulator: group policies, members, jump groups and provisioning", () => {
  let pra: PraEmulator;
  let api: ReturnType<typeof configApi>;
  let scimProviderId: number;
  let localProviderId: number;
  before(async () => {
    pra = await startEmulator({ seed: SEED });
    api = configApi(pra, await accessToken(pra));
    const providers = (await api.get("/security-provider")).json as { id: number; type: string }[];
    scimProviderId = providers.find((p) => p.type === "scim")!.id;
    localProviderId = providers.find((p) => p.type === "local")!.id;
  });
  after(() => pra.close());

  const newPolicy = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await api.post("/group-policy", { name, ...extra });
    assert.equal(res.status, 201);
    return res.json as { id: number } & Record<string, unknown>;
  };

  test("create answers 201 with Location and the whole policy with the spec's defaults", async () => {
    const res = await api.post("/group-policy", { name: "Linux Admins" });
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, `${pra.configUrl}/group-policy/${res.json.id}`);
    assert.deepEqual(Object.keys(res.json), Object.keys(praContract.schemas.GroupPolicy.properties!), "every GroupPolicy field, in the spec's order");
    assert.equal(res.json.access_perm_status, "not_defined", "no permission field sent");
    assert.equal(res.json.perm_remote_rdp, false);
    assert.equal(res.json.perm_session_idle_timeout, -1);
    assert.equal(res.json.default_jump_item_role_id, 1);
    const fetched = await call(res.headers.location, "GET", { token: await accessToken(pra) });
    assert.deepEqual(fetched.json, res.json);
  });

  test("a permission field on create makes access_perm_status default to defined", async () => {
    const policy = await newPolicy("RDP users", { perm_remote_rdp: true });
    assert.equal(policy.access_perm_status, "defined");
    const explicit = await newPolicy("Final RDP users", { perm_remote_rdp: true, access_perm_status: "final" });
    assert.equal(explicit.access_perm_status, "final");
  });

  test("the name filter is exact and case-insensitive, never partial", async () => {
    await newPolicy("Vendors");
    await newPolicy("Vendors Extended");
    const exact = await api.get("/group-policy?name=vendors");
    assert.deepEqual(
      exact.json.map((p: { name: string }) => p.name),
      ["Vendors"],
    );
    assert.deepEqual((await api.get("/group-policy?name=Vend")).json, []);
  });

  test("validation failures are 422 {message, errors: {field: [messages]}}", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, "name"],
      [{ name: "" }, "name"],
      [{ name: "x".repeat(256) }, "name"],
      [{ name: "bad status", access_perm_status: "sometimes" }, "access_perm_status"],
      [{ name: "bad type", perm_remote_rdp: "yes" }, "perm_remote_rdp"],
      [{ name: "bad role id type", default_jump_item_role_id: "1" }, "default_jump_item_role_id"],
      [{ name: "bad timeout", perm_session_idle_timeout: 5 }, "perm_session_idle_timeout"],
      [{ name: "unknown role", default_jump_item_role_id: 999 }, "default_jump_item_role_id"],
      [{ name: "read-only id", id: 5 }, "id"],
    ];
    for (const [body, field] of cases) {
      const res = await api.post("/group-policy", body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(typeof res.json.message, "string");
      assert.ok(Array.isArray(res.json.errors[field]) && res.json.errors[field].length > 0, `${field} in ${JSON.stringify(res.json)}`);
    }
    assert.equal((await api.post("/group-policy", { name: "x".repeat(255) })).status, 201, "255 characters is the limit");
  });

  test("PATCH changes only the given fields; unknown ids are 404 {message}; DELETE is 204 then 404", async () => {
    const policy = await newPolicy("Patch me");
    const patched = await api.patch(`/group-policy/${policy.id}`, { perm_shell_jump: true });
    assert.equal(patched.status, 200);
    assert.equal(patched.json.perm_shell_jump, true);
    assert.equal(patched.json.name, "Patch me");
    assert.equal(patched.json.access_perm_status, "defined");
    assert.equal((await api.patch(`/group-policy/${policy.id}`, { name: "" })).status, 422);
    const missing = await api.patch("/group-policy/424242", { name: "ghost" });
    assert.equal(missing.status, 404);
    assert.equal(typeof missing.json.message, "string");
    assert.equal((await api.delete(`/group-policy/${policy.id}`)).status, 204);
    assert.equal((await api.get(`/group-policy/${policy.id}`)).status, 404);
  });

  test("adding a SCIM group member answers 201 with no body; the member is then found by listing", async () => {
    const policy = await newPolicy("Linux member test");
    const res = await api.post(`/group-policy/${policy.id}/member`, { security_provider_id: scimProviderId, group_name: "PRA Linux Admins" });
    assert.equal(res.status, 201);
    assert.equal(res.text, "");
    assert.equal(res.headers.location, undefined);
    const members = await api.get(`/group-policy/${policy.id}/member`);
    assert.equal(members.status, 200);
    assert.equal(members.json.length, 1);
    const member = members.json[0];
    assert.deepEqual(member, { id: member.id, security_provider_id: scimProviderId, group_name: "PRA Linux Admins" });
    assert.deepEqual((await api.get(`/group-policy/${policy.id}/member/${member.id}`)).json, member);
    assert.equal((await api.delete(`/group-policy/${policy.id}/member/${member.id}`)).status, 204);
    assert.equal((await api.get(`/group-policy/${policy.id}/member/${member.id}`)).status, 404);
    assert.deepEqual((await api.get(`/group-policy/${policy.id}/member`)).json, []);
  });

  test("members must name something that exists, in the field the provider type takes", async () => {
    const policy = await newPolicy("Member validation");
    const alice = [...pra.state.users.values()].find((u) => u.username === "alice@contoso.com")!;
    const localop = [...pra.state.users.values()].find((u) => u.username === "localop")!;
    const rejected: [Record<string, unknown>, number, string][] = [
      [{ security_provider_id: scimProviderId, group_name: "No Such Group" }, 422, "group_name"],
      [{ security_provider_id: scimProviderId, group_name: "g".repeat(65) }, 422, "group_name"],
      [{ security_provider_id: scimProviderId, user_id: alice.id }, 422, "user_id"],
      [{ security_provider_id: scimProviderId, distinguished_name: "nobody@contoso.com" }, 422, "distinguished_name"],
      [{ security_provider_id: localProviderId, user_id: alice.id }, 422, "user_id"],
      [{ security_provider_id: localProviderId, distinguished_name: "cn=x" }, 422, "distinguished_name"],
      [{ security_provider_id: 999, group_name: "PRA Linux Admins" }, 422, "security_provider_id"],
      [{ group_name: "PRA Linux Admins" }, 422, "security_provider_id"],
    ];
    for (const [body, status, field] of rejected) {
      const res = await api.post(`/group-policy/${policy.id}/member`, body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.ok(res.json.errors[field], `${field} in ${JSON.stringify(res.json)}`);
    }
    const withPolicyId = await api.post(`/group-policy/${policy.id}/member`, {
      group_policy_id: policy.id,
      security_provider_id: scimProviderId,
      group_name: "PRA Linux Admins",
    });
    assert.equal(withPolicyId.status, 401, "group_policy_id is not a GroupPolicyMember field: an unrecognized field is 401");
    assert.deepEqual((await api.get(`/group-policy/${policy.id}/member`)).json, [], "nothing was added");

    assert.equal(
      (await api.post(`/group-policy/${policy.id}/member`, { security_provider_id: scimProviderId, distinguished_name: "ALICE@contoso.com" })).status,
      201,
    );
    assert.equal((await api.post(`/group-policy/${policy.id}/member`, { security_provider_id: localProviderId, user_id: localop.id })).status, 201);
    const duplicate = await api.post(`/group-policy/${policy.id}/member`, { security_provider_id: localProviderId, user_id: localop.id });
    assert.equal(duplicate.status, 422);
    const members = (await api.get(`/group-policy/${policy.id}/member`)).json;
    assert.deepEqual(
      members.map(({ id: _id, ...rest }: { id: number }) => rest),
      [
        { security_provider_id: scimProviderId, distinguished_name: "alice@contoso.com" },
        { security_provider_id: localProviderId, user_id: localop.id },
      ],
    );
    assert.equal((await api.get(`/group-policy/424242/member`)).status, 404);
  });

  test("jump groups link with a role and a jump policy, 0 meaning the defaults", async () => {
    const policy = await newPolicy("Jump links");
    const linux = [...pra.state.jumpGroups.values()].find((g) => g.name === "Linux Servers")!;
    const windows = [...pra.state.jumpGroups.values()].find((g) => g.name === "Windows Servers")!;
    const hours = [...pra.state.jumpPolicies.values()][0];
    const roles = (await api.get("/jump-item-role?name=administrator")).json;
    assert.equal(roles.length, 1);
    const created = await api.post(`/group-policy/${policy.id}/jump-group`, {
      jump_group_id: linux.id,
      jump_item_role_id: roles[0].id,
      jump_policy_id: hours.id,
    });
    assert.equal(created.status, 201);
    assert.equal(created.text, "");
    assert.equal((await api.post(`/group-policy/${policy.id}/jump-group`, { jump_group_id: windows.id })).status, 201);
    const links = (await api.get(`/group-policy/${policy.id}/jump-group`)).json;
    assert.deepEqual(links, [
      { jump_group_id: linux.id, jump_item_role_id: roles[0].id, jump_policy_id: hours.id },
      { jump_group_id: windows.id, jump_item_role_id: 0, jump_policy_id: 0 },
    ]);
    assert.deepEqual((await api.get(`/group-policy/${policy.id}/jump-group/${windows.id}`)).json, links[1]);
    for (const [body, field] of [
      [{ jump_group_id: linux.id }, "jump_group_id"],
      [{ jump_group_id: 9999 }, "jump_group_id"],
      [{ jump_group_id: windows.id, jump_item_role_id: 9999 }, "jump_item_role_id"],
      [{ jump_item_role_id: 0 }, "jump_group_id"],
      [{ jump_group_id: windows.id, jump_policy_id: -1 }, "jump_policy_id"],
    ] as const) {
      const res = await api.post(`/group-policy/${policy.id}/jump-group`, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.ok(res.json.errors[field], JSON.stringify(res.json));
    }
    assert.equal((await api.delete(`/group-policy/${policy.id}/jump-group/${windows.id}`)).status, 204);
    assert.equal((await api.get(`/group-policy/${policy.id}/jump-group/${windows.id}`)).status, 404);
  });

  test("provision answers 204, is logged with the state version it saw, and puts membership changes into effect", async () => {
    const policy = await newPolicy("Provisioned", { perm_shell_jump: true });
    const alice = [...pra.state.users.values()].find((u) => u.username === "alice@contoso.com")!;
    assert.equal((await api.post(`/group-policy/${policy.id}/member`, { security_provider_id: scimProviderId, group_name: "PRA Linux Admins" })).status, 201);
    const versionAfterChange = pra.state.version;
    assert.ok(pra.state.unprovisionedGroupPolicyIds().includes(policy.id));
    const before = (await api.get(`/user/${alice.id}/group-policies`)).json.map((p: { id: number }) => p.id);
    assert.ok(!before.includes(policy.id), "not in effect before provisioning");

    const res = await api.post(`/group-policy/${policy.id}/provision`);
    assert.equal(res.status, 204);
    assert.deepEqual(pra.provisionLog.at(-1), { kind: "group-policy", groupPolicyId: policy.id, version: versionAfterChange });
    assert.ok(!pra.state.unprovisionedGroupPolicyIds().includes(policy.id));
    const afterIds = (await api.get(`/user/${alice.id}/group-policies`)).json.map((p: { id: number }) => p.id);
    assert.ok(afterIds.includes(policy.id));
    const user = (await api.get(`/user/${alice.id}`)).json;
    assert.equal(user.perm_shell_jump, true, "the user's effective permissions come from the provisioned policy");

    assert.equal((await api.post(`/group-policy/424242/provision`)).status, 404);
    assert.equal((await api.post(`/group-policy/${policy.id}/provision`, { now: true })).status, 401, "provision takes no body fields");
  });
});
