// Who holds what in PrivX through the mappings: per person the roles, and the host principals
// those roles give (own account or shared accounts), each with the member source that grants
// it. For explain and guardrails; the desired state itself is built in desired-state.ts.
import { accountOf, eachHolder, type GrantContext, type Grant, type TargetGrants, type TargetAccount } from "../../model/target-kit";
import type { DesiredPrivx } from "./desired";
import type { PrivxMappings } from "./mappings";

/** Grant kinds guardrails may name as `privx:<kind>:<name>`. */
export const privxGrantKinds = ["role", "host"] as const;

export function privxGrants(privx: PrivxMappings, desired: DesiredPrivx, context: GrantContext): TargetGrants {
  const declared = new Map(desired.users.map((u) => [u.entraId, u]));
  const grants: Grant[] = [];
  const current = new Map<string, boolean>();
  for (const role of privx.roles) {
    const rule = { kind: "role", name: role.name, at: role.at };
    const hosts = privx.hosts.flatMap((h) => {
      const at = { file: h.source.file, line: h.source.line, column: 1, field: "" };
      const own = h.directoryRoles.includes(role.name) ? [{ host: h, at, detail: `own account, through role ${role.name}` }] : [];
      const shared = h.sharedAccounts
        .filter((a) => a.roles.includes(role.name))
        .map((a) => ({ host: h, at, detail: `shared account ${a.account}, through role ${role.name}` }));
      return [...own, ...shared];
    });
    eachHolder(role.members, context, current, (userId, member, expired) => {
      grants.push({ userId, rule, member, expired, key: `privx:role:${role.name}`, kind: "role", name: role.name });
      for (const h of hosts) {
        grants.push({
          userId,
          rule: { kind: "host", name: h.host.externalId, at: h.at },
          member,
          expired,
          key: `privx:host:${h.host.externalId}`,
          kind: "host principal",
          name: h.host.externalId,
          detail: h.detail,
        });
      }
    });
  }
  const accounts = new Map<string, TargetAccount>();
  const rules = [
    { rule: privx.userName, what: "PrivX username" },
    { rule: privx.externalId, what: "PrivX externalId" },
  ];
  for (const [userId, isCurrent] of current) {
    const d = declared.get(userId);
    accounts.set(userId, accountOf(context.snapshot.users[userId], d && { name: d.userName, active: d.active, protected: d.protected }, rules, isCurrent));
  }
  return { grants, accounts };
}
