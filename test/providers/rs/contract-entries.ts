// The Remote Support resource type's entry in the provider contract (test/providers/contract.ts),
// against an RS emulator with tiny pages so every listing pages.
import { createGroupPolicy } from "../../../bench/emulators/pra/config/group-policies";
import type { RsGroupPolicyInputs } from "../../../providers/rs/group-policy";
import { contractEntry } from "../contract";
import { SAML_PROVIDER, startRsProviderRun, SUPPORT_GROUP } from "./provider-harness";

export const rsGroupPolicyContract = contractEntry("rs:GroupPolicy", async () => {
  const run = await startRsProviderRun({ emulator: { defaultPerPage: 5 } });
  const { rs } = run;
  const policyOf = (id: string) => rs.state.groupPolicies.get(Number(id));
  const desired: RsGroupPolicyInputs = {
    name: "Contract Support Policy",
    securityProvider: SAML_PROVIDER,
    permissions: { perm_support_allowed: "full_support", perm_routing_idle_timeout: 600 },
    memberGroups: [SUPPORT_GROUP],
    jumpGroups: { "Branch PCs": { jumpItemRole: "Start Sessions Only" } },
  };
  const wire = (id: string) => policyOf(id)?.wire as unknown as Record<string, unknown> | undefined;
  return {
    newProcess: () => run.newProcess(),
    close: () => run.close(),
    provider: run.groupPolicy,
    desired,
    changed: { ...desired, permissions: { perm_support_allowed: "full_support", perm_routing_idle_timeout: 1800 } },
    held(id) {
      const policy = policyOf(id);
      return policy && { perm_routing_idle_timeout: wire(id)!.perm_routing_idle_timeout, members: policy.members.length, jumpGroups: policy.jumpGroups.length };
    },
    expected: (inputs) => ({
      perm_routing_idle_timeout: inputs.permissions.perm_routing_idle_timeout,
      members: inputs.memberGroups.length,
      jumpGroups: Object.keys(inputs.jumpGroups).length,
    }),
    count: () => rs.state.groupPolicies.size,
    editByHand(id) {
      wire(id)!.perm_routing_idle_timeout = 0;
      policyOf(id)!.members.length = 0;
      rs.state.touch();
    },
    removeByHand(id) {
      rs.state.groupPolicies.delete(Number(id));
      rs.state.touch();
    },
    async makeByHand() {
      return String(createGroupPolicy(rs.state, { name: desired.name }).wire.id);
    },
  };
});
