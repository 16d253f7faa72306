// Who reaches what in Remote Support through the mappings: per person the group policies, the
// SAML group that brings them in, its permissions and jump groups. For explain and guardrails.
import { eachHolder, type Grant, type GrantContext, type TargetAccount, type TargetGrants } from "../../model/target-kit";
import type { DesiredRs } from "./desired";
import { samlGroupNameOf } from "./desired-state";
import { RS_STATUS_FIELD } from "./facts";
import type { RsMappings } from "./mappings";

/** Grant kinds guardrails may name as `rs:<kind>:<name>`. */
export const rsGrantKinds = ["groupPolicy", "samlGroup", "permission", "jumpGroup"] as const;

export function rsGrants(rs: RsMappings, _desired: DesiredRs, context: GrantContext): TargetGrants {
  const groups = new Map(context.snapshot.groups.map((g) => [g.id.toLowerCase(), g]));
  const grants: Grant[] = [];
  const current = new Map<string, boolean>();
  for (const policy of rs.groupPolicies) {
    const final = policy.permissions[RS_STATUS_FIELD] === "final";
    const rule = { kind: "group policy", name: policy.name, at: policy.at };
    eachHolder(policy.members, context, current, (userId, member, expired, source) => {
      const group = groups.get(source.externalId.toLowerCase());
      if (!group) return; // an application: refused when the mappings are built
      const samlGroup = samlGroupNameOf(group, rs);
      const base = { userId, rule, member, expired };
      grants.push({
        ...base,
        key: `rs:groupPolicy:${policy.name}`,
        kind: "group policy",
        name: policy.name,
        detail: `through SAML group ${samlGroup} (${group.displayName}) of security provider ${rs.securityProvider ?? "(not set)"}`,
      });
      grants.push({ ...base, key: `rs:samlGroup:${samlGroup}`, kind: "SAML group", name: samlGroup, detail: group.displayName });
      for (const [field, value] of Object.entries(policy.permissions)) {
        if (field !== RS_STATUS_FIELD) grants.push({ ...base, key: `rs:permission:${field}`, kind: "permission", name: field, value, final });
      }
      for (const j of policy.jumpGroups) {
        grants.push({
          ...base,
          key: `rs:jumpGroup:${j.jumpGroup}`,
          kind: "jump group",
          name: j.jumpGroup,
          detail: j.jumpItemRole ? `jump item role ${j.jumpItemRole}` : "the user's default jump item role",
        });
      }
    });
  }
  const accounts = new Map<string, TargetAccount>();
  for (const [userId, isCurrent] of current) {
    const upn = context.snapshot.users[userId]?.userPrincipalName ?? null;
    if (context.protectedAccounts.isProtected(userId))
      accounts.set(userId, { name: upn, state: "protected", reason: "a protected account: its Remote Support access is not counted or reported" });
    else if (context.snapshot.users[userId] && !context.snapshot.users[userId].accountEnabled)
      accounts.set(userId, { name: upn, state: "disabled", reason: "the Entra account is disabled: it cannot sign in to Remote Support with SAML" });
    else if (!isCurrent) accounts.set(userId, { name: null, state: "left out", reason: "every grant has expired (until)" });
    else
      accounts.set(userId, {
        name: upn,
        state: "active",
        reason: "not provisioned: Remote Support creates the account at the first SAML login, with the policies of the groups it signs in with",
      });
  }
  return { grants, accounts };
}
