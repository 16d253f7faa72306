// Remote Support's desired state → Pulumi resources: one group policy each. Decides nothing.
import type { Declared } from "../target";
import type { DesiredRs } from "./desired";
import { RsGroupPolicy, rsGroupPolicyInputsOf } from "./group-policy";

export function declareRs(rs: DesiredRs): Declared {
  const policies = rs.groupPolicies.map((p) => new RsGroupPolicy(p.name, rsGroupPolicyInputsOf(p, rs.securityProvider)));
  return { resources: policies, declared: Promise.resolve(), counts: { rsGroupPolicies: policies.length } };
}
