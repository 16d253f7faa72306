// The rs:GroupPolicy provider against the RS emulator: members are SAML groups of the named
// security provider, a member someone added by hand (another provider) is shown and removed,
// RS's own fields are written, and every change is provisioned.
import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { isProviderError } from "../../../lib/provider/errors";
import type { RsGroupPolicyInputs } from "../../../providers/rs/group-policy";
import { ESCALATION_GROUP, SAML_PROVIDER, startRsProviderRun, SUPPORT_GROUP, type RsProviderRun } from "./provider-harness";

const inputs = (extra: Partial<RsGroupPolicyInputs> = {}): RsGroupPolicyInputs => ({
  name: "Tier 1",
  securityProvider: SAML_PROVIDER,
  permissions: { perm_support_allowed: "full_support", rep_perm_status: "defined" },
  memberGroups: [SUPPORT_GROUP],
  jumpGroups: { "Branch PCs": { jumpItemRole: null } },
  ...extra,
});

describe("rs:GroupPolicy provider", () => {
  let run: RsProviderRun;
  before(async () => {
    run = await startRsProviderRun({ emulator: { defaultPerPage: 5 } });
  });
  after(() => run.close());
  beforeEach(async () => {
    run.rs.state.groupPolicies.clear();
    run.rs.requests.length = 0;
    run.rs.provisionLog.length = 0;
    await run.newProcess();
  });

  test("create writes RS's fields, the SAML group members under the named provider and the jump groups, then provisions once", async () => {
    const created = await run.groupPolicy.create(inputs());
    const policy = run.rs.state.groupPolicies.get(Number(created.id))!;
    const wire = policy.wire as unknown as Record<string, unknown>;
    assert.equal(wire.perm_support_allowed, "full_support");
    assert.equal(wire.rep_perm_status, "defined");
    const saml = [...run.rs.state.securityProviders.values()].find((p) => p.name === SAML_PROVIDER)!;
    assert.deepEqual(
      policy.members.map((m) => m.kind === "named-group" && [m.security_provider_id, m.group_name]),
      [[saml.id, SUPPORT_GROUP]],
    );
    assert.deepEqual(policy.jumpGroups, [{ jump_group_id: 1, jump_item_role_id: 0, jump_policy_id: 0 }]);
    assert.deepEqual(
      run.rs.provisionLog.map((p) => p.kind === "group-policy" && p.groupPolicyId),
      [Number(created.id)],
    );
    assert.deepEqual(created.outs, { ...inputs(), policyId: Number(created.id) });
  });

  test("a member added by hand through another security provider is shown for what it is, and removed by update", async () => {
    const created = await run.groupPolicy.create(inputs());
    const policy = run.rs.state.groupPolicies.get(Number(created.id))!;
    policy.members.push({ id: 999, security_provider_id: 1, kind: "user", userId: 1 });
    run.rs.state.touch();
    await run.newProcess();
    const read = await run.groupPolicy.read(created.id, created.outs);
    assert.deepEqual(read.props!.memberGroups, [SUPPORT_GROUP, "user #1 (security provider Local)"]);
    assert.equal((await run.groupPolicy.diff(created.id, read.props!, inputs())).changes, true);
    await run.groupPolicy.update(created.id, read.props!, inputs({ memberGroups: [ESCALATION_GROUP, SUPPORT_GROUP] }));
    assert.deepEqual(policy.members.map((m) => (m.kind === "named-group" ? m.group_name : m.kind)).sort(), [SUPPORT_GROUP, ESCALATION_GROUP].sort());
  });

  test("an unknown security provider fails before anything is written, naming the providers RS has", async () => {
    await assert.rejects(
      run.groupPolicy.create(inputs({ securityProvider: "Okta" })),
      (err) => isProviderError(err, "NOT_FOUND") && /security provider "Okta"/.test(err.message) && /"Entra ID"/.test(err.message),
    );
    assert.equal(run.rs.state.groupPolicies.size, 0);
  });

  test("check refuses PRA-only fields", async () => {
    const checked = await run.groupPolicy.check(inputs(), inputs({ permissions: { access_perm_status: "defined", perm_web_jump: true } }));
    assert.deepEqual(checked.failures.map((f) => f.property).sort(), ["permissions.access_perm_status", "permissions.perm_web_jump"]);
  });
});
