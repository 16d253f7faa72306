import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PraEmulator } from "../../../../bench/emulators/pra";
import { accessToken, configApi, scimApi, scimUserBody, startEmulator } from "./helpers";

describe("PRA emulator: users through the Configuration API, and SCIM users seen there", () => {
  let pra: PraEmulator;
  let api: ReturnType<typeof configApi>;
  let scim: ReturnType<typeof scimApi>;
  let scimProviderId: number;
  before(async () => {
    pra = await startEmulator();
    api = configApi(pra, await accessToken(pra));
    scim = scimApi(pra);
    scimProviderId = pra.state.scimProvider()!.id;
  });
  after(() => pra.close());

  const createScimUser = async (userName: string, extra: Record<string, unknown> = {}) => {
    const res = await scim.post("/Users", scimUserBody(userName, extra));
    assert.equal(res.status, 201);
    return res.json as { id: string };
  };

  const configUserNamed = async (username: string) => {
    const res = await api.get(`/user?username=${encodeURIComponent(username)}`);
    assert.equal(res.status, 200);
    return res.json as Record<string, unknown>[];
  };

  test("a SCIM user is a user of the SCIM security provider in /user, found by username and email_address", async () => {
    await createScimUser("carol@contoso.com", { displayName: "Carol" });
    const byProvider = (await api.get(`/user?security_provider_id=${scimProviderId}`)).json as Record<string, unknown>[];
    const carol = byProvider.find((u) => u.username === "carol@contoso.com")!;
    assert.ok(carol, "listed under the SCIM provider");
    assert.equal(carol.security_provider_id, scimProviderId);
    assert.equal(carol.public_display_name, "Carol");
    assert.equal(carol.email_address, "carol@contoso.com");
    assert.equal(carol.enabled, true);
    assert.equal(carol.password, undefined, "write-only fields are never returned");
    assert.equal(carol.failed_logins, undefined, "local-only fields are not returned for SCIM users");
    assert.deepEqual(
      (await configUserNamed("CAROL@contoso.com")).map((u) => u.id),
      [carol.id],
      "username filter is case-insensitive and exact",
    );
    assert.deepEqual(await configUserNamed("carol"), []);
    const byEmail = (await api.get("/user?email_address=carol@contoso.com")).json;
    assert.deepEqual(
      byEmail.map((u: { id: number }) => u.id),
      [carol.id],
    );
  });

  test("deactivating a SCIM user disables it in /user; deleting it removes it and its memberships", async () => {
    const dave = await createScimUser("dave@contoso.com");
    const [configDave] = await configUserNamed("dave@contoso.com");
    const policy = (await api.post("/group-policy", { name: "Dave's policy" })).json;
    assert.equal(
      (await api.post(`/group-policy/${policy.id}/member`, { security_provider_id: scimProviderId, distinguished_name: "dave@contoso.com" })).status,
      201,
    );

    const deactivated = await scim.put(`/Users/${dave.id}`, scimUserBody("dave@contoso.com", { active: false }));
    assert.equal(deactivated.status, 200);
    assert.equal((await api.get(`/user/${configDave.id}`)).json.enabled, false);
    assert.equal((await scim.get(`/Users/${dave.id}`)).json.active, false, "a deactivated user is still returned by SCIM");

    assert.equal((await scim.delete(`/Users/${dave.id}`)).status, 204);
    assert.equal((await api.get(`/user/${configDave.id}`)).status, 404);
    assert.deepEqual((await api.get(`/group-policy/${policy.id}/member`)).json, [], "the membership went with the user");
  });

  test("a SCIM rename keeps the user and its memberships, which show the new userName", async () => {
    const bob = await createScimUser("bob@contoso.com");
    const [configBob] = await configUserNamed("bob@contoso.com");
    const policy = (await api.post("/group-policy", { name: "Bob's policy" })).json;
    await api.post(`/group-policy/${policy.id}/member`, { security_provider_id: scimProviderId, distinguished_name: "bob@contoso.com" });
    assert.equal((await scim.put(`/Users/${bob.id}`, scimUserBody("robert@contoso.com"))).status, 200);
    const renamed = (await api.get(`/user/${configBob.id}`)).json;
    assert.equal(renamed.username, "robert@contoso.com");
    assert.equal(renamed.email_address, "robert@contoso.com");
    const [member] = (await api.get(`/group-policy/${policy.id}/member`)).json;
    assert.equal(member.distinguished_name, "robert@contoso.com");
  });

  test("POST /user creates local users only, with 201 and Location; SCIM-owned and read-only fields are refused", async () => {
    const created = await api.post("/user", {
      username: "breakglass",
      public_display_name: "Break Glass",
      password: "S3cret-passw0rd!",
      email_address: "bg@contoso.com",
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers.location, `${pra.configUrl}/user/${created.json.id}`);
    assert.equal(created.json.security_provider_id, pra.state.localProvider()!.id);
    assert.equal(created.json.password, undefined);
    assert.equal(created.json.failed_logins, 0);
    assert.ok(!JSON.stringify(pra.state.users.get(created.json.id)).includes("S3cret"), "the emulator keeps no password");

    const cases: [Record<string, unknown>, number, string][] = [
      [{ username: "x", public_display_name: "X", security_provider_id: scimProviderId }, 422, "security_provider_id"],
      [{ username: "y" }, 422, "public_display_name"],
      [{ public_display_name: "No Username" }, 422, "username"],
      [{ username: "z".repeat(65), public_display_name: "Z" }, 422, "username"],
      [{ username: "breakglass", public_display_name: "Again" }, 422, "username"],
      [{ username: "w", public_display_name: "W", password_expiration: "2026-10-16T14:46:23+04:00" }, 422, "password_expiration"],
    ];
    for (const [body, status, field] of cases) {
      const res = await api.post("/user", body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.ok(res.json.errors[field], JSON.stringify(res.json));
    }
    assert.equal((await api.post("/user", { username: "v", public_display_name: "V", department: "ops" })).status, 401);
  });

  test("PATCH on a SCIM user may change enabled (seen by SCIM) but not what the SCIM provider owns", async () => {
    const erin = await createScimUser("erin@contoso.com");
    const [configErin] = await configUserNamed("erin@contoso.com");
    const owned = await api.patch(`/user/${configErin.id}`, { username: "someone-else" });
    assert.equal(owned.status, 422);
    assert.ok(owned.json.errors.username);
    const disabled = await api.patch(`/user/${configErin.id}`, { enabled: false });
    assert.equal(disabled.status, 200);
    assert.equal(disabled.json.enabled, false);
    assert.equal((await scim.get(`/Users/${erin.id}`)).json.active, false);
  });

  test("PATCH on a local user changes its fields; failed_logins may only be reset to 0", async () => {
    const user = (await api.post("/user", { username: "patchable", public_display_name: "Patchable" })).json;
    const res = await api.patch(`/user/${user.id}`, { public_display_name: "Patched", two_factor_required: true, failed_logins: 0 });
    assert.equal(res.status, 200);
    assert.equal(res.json.public_display_name, "Patched");
    assert.equal(res.json.two_factor_required, true);
    assert.equal((await api.patch(`/user/${user.id}`, { failed_logins: 3 })).status, 422);
  });

  test("the administrator cannot be deleted; other users can, and unknown ids are 404", async () => {
    const admin = (await configUserNamed("admin"))[0];
    assert.equal(admin.perm_admin, true);
    assert.equal((await api.delete(`/user/${admin.id}`)).status, 422);
    const user = (await api.post("/user", { username: "temp", public_display_name: "Temp" })).json;
    assert.equal((await api.delete(`/user/${user.id}`)).status, 204);
    assert.equal((await api.delete(`/user/${user.id}`)).status, 404);
  });

  test("POST /user/provision answers 204 and logs the known ids it provisioned (unknown ids ignored, none = all)", async () => {
    const [carol] = await configUserNamed("carol@contoso.com");
    const res = await api.post("/user/provision", { user_ids: [carol.id, 987654] });
    assert.equal(res.status, 204);
    assert.deepEqual(pra.provisionLog.at(-1), { kind: "users", userIds: [carol.id], requestedAll: false, version: pra.state.version });
    assert.equal((await api.post("/user/provision", {})).status, 204);
    const all = pra.provisionLog.at(-1)!;
    assert.ok(all.kind === "users" && all.requestedAll && all.userIds.length === pra.state.users.size);
    assert.equal((await api.post("/user/provision", { user_ids: ["1"] })).status, 422, "ids are integers");
  });
});
