// The Remote Support emulator follows RS's own spec, not PRA's: RS routes and group policy
// fields work, PRA-only ones are refused, and the PRA emulator refuses RS-only ones.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { trustCaBundle } from "../../../../lib/ca-bundle";
import type { PraEmulator } from "../../../../bench/emulators/pra";
import { startRsEmulator, type RsEmulator } from "../../../../bench/emulators/rs";
import { rsContract } from "../../../../bench/emulators/rs/contract.generated";
import { praContract } from "../../../../bench/emulators/pra/contract.generated";
import { accessToken, call, configApi, startEmulator } from "../pra/helpers";

const SAML = "Entra ID";

describe("RS emulator: Remote Support's contract", () => {
  let rs: RsEmulator;
  let api: ReturnType<typeof configApi>;
  let pra: PraEmulator;
  let praApi: ReturnType<typeof configApi>;
  before(async () => {
    rs = await startRsEmulator({
      rateLimitPerSecond: 10_000,
      seed: { samlProvider: { name: SAML, available_groups: ["support-tier1"] }, jumpGroups: [{ name: "Branch PCs" }] },
    });
    trustCaBundle(rs.caFile);
    api = configApi(rs as PraEmulator, await accessToken(rs as PraEmulator));
    pra = await startEmulator();
    praApi = configApi(pra, await accessToken(pra));
  });
  after(async () => {
    await rs.close();
    await pra.close();
  });

  test("the contract is extracted from RS's spec: 99 paths, RS's GroupPolicy fields", () => {
    assert.equal(rsContract.product, "Remote Support");
    assert.equal(new Set(Object.keys(rsContract.operations).map((k) => k.split(" ")[1])).size, 99);
    const fields = Object.keys(rsContract.schemas.GroupPolicy.properties!);
    for (const f of ["rep_perm_status", "perm_support_allowed", "perm_routing_idle_timeout", "perm_console_idle_timeout", "auto_assignment_max_sessions"])
      assert.ok(fields.includes(f), f);
    for (const f of ["access_perm_status", "perm_access_allowed", "perm_web_jump", "perm_protocol_tunnel"]) assert.ok(!fields.includes(f), f);
  });

  test("/get_mech_list reports RS's product, not PRA's", async () => {
    const res = await call(`${rs.url}/get_mech_list?version=3`, "GET");
    assert.equal(res.json.product, "ingredi");
  });

  test("a group policy takes RS's permission fields, and rep_perm_status becomes defined as the spec says", async () => {
    const res = await api.post("/group-policy", {
      name: "Tier 1",
      perm_support_allowed: "full_support",
      perm_routing_idle_timeout: 600,
      auto_assignment_max_sessions: 4,
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.rep_perm_status, "defined");
    assert.equal(res.json.perm_support_allowed, "full_support");
    assert.deepEqual(Object.keys(res.json), Object.keys(rsContract.schemas.GroupPolicy.properties!), "every RS GroupPolicy field, in the spec's order");
    assert.ok(!("access_perm_status" in res.json));
  });

  test("PRA-only fields are refused as unknown (401), and RS's prose-only value lists are enforced (422)", async () => {
    const praOnly = await api.post("/group-policy", { name: "x", access_perm_status: "defined" });
    assert.equal(praOnly.status, 401);
    assert.match(praOnly.json.message, /access_perm_status/);
    const web = await api.post("/group-policy", { name: "x", perm_web_jump: true });
    assert.equal(web.status, 401);
    const routing = await api.post("/group-policy", { name: "x", perm_routing_idle_timeout: 5 });
    assert.equal(routing.status, 422);
    assert.ok(routing.json.errors.perm_routing_idle_timeout);
  });

  test("a policy's jump group link has no jump policy in RS", async () => {
    const policy = (await api.post("/group-policy", { name: "Links" })).json;
    const withJumpPolicy = await api.post(`/group-policy/${policy.id}/jump-group`, { jump_group_id: 1, jump_item_role_id: 0, jump_policy_id: 0 });
    assert.equal(withJumpPolicy.status, 401);
    assert.equal((await api.post(`/group-policy/${policy.id}/jump-group`, { jump_group_id: 1, jump_item_role_id: 2 })).status, 201);
    assert.deepEqual((await api.get(`/group-policy/${policy.id}/jump-group`)).json, [{ jump_group_id: 1, jump_item_role_id: 2 }]);
  });

  test("members are SAML groups of the named provider; SCIM does not exist", async () => {
    const providers = (await api.get("/security-provider")).json as { id: number; name: string }[];
    const saml = providers.find((p) => p.name === SAML)!;
    const policy = (await api.post("/group-policy", { name: "Members" })).json;
    assert.equal((await api.post(`/group-policy/${policy.id}/member`, { security_provider_id: saml.id, group_name: "support-tier1" })).status, 201);
    assert.equal((await api.post(`/group-policy/${policy.id}/member`, { security_provider_id: saml.id, group_name: "not-a-known-group" })).status, 422);
    assert.deepEqual(
      (await api.get(`/group-policy/${policy.id}/member`)).json.map((m: { group_name: string }) => m.group_name),
      ["support-tier1"],
    );
    assert.equal((await call(`${rs.url}/api/scim/v2/Users`, "GET")).status, 404);
  });

  test("PRA-only routes do not exist in RS (404); RS-only routes are documented (501 until emulated)", async () => {
    assert.equal((await api.get("/vendor")).status, 404);
    assert.equal((await api.get("/jump-item/web-jump")).status, 404);
    assert.equal((await api.get("/rep-status")).status, 501);
  });

  test("the PRA emulator refuses RS-only routes and fields", async () => {
    assert.ok(!praContract.operations["GET /rep-status"]);
    assert.equal((await praApi.get("/rep-status")).status, 404);
    assert.equal((await praApi.get("/public-portal")).status, 404);
    const rsField = await praApi.post("/group-policy", { name: "x", rep_perm_status: "defined" });
    assert.equal(rsField.status, 401);
    assert.match(rsField.json.message, /rep_perm_status/);
    assert.equal((await praApi.post("/group-policy", { name: "x", perm_support_allowed: "full_support" })).status, 401);
  });
});
