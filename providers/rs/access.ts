// What Remote Support grants, for the removal check: the people its policies reach (RS creates
// their accounts at first SAML login) and, per group policy, who reaches it through its groups.
import type { TargetAccess } from "../../model/removal-safety";
import type { DesiredRs } from "./desired";

export function rsAccess(rs: DesiredRs): TargetAccess {
  const grants: Record<string, string[]> = {};
  for (const policy of rs.groupPolicies) grants[`group policy ${policy.name}`] = [...policy.reaches];
  return { accounts: { ...rs.people }, grants };
}
