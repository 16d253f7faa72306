// `npm run import` for a SCIM target (the generic application, PAM360, Password Safe): the roles
// its users hold as role mappings. A role maps to an Entra group when the group's enabled members
// hold exactly that role, else to one direct grant per holder. readScimHoldings is the I/O;
// scimImport is pure.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimGroup, ScimUser } from "../../lib/scim";
import type { DirectoryUser } from "../../sources/snapshot";
import { scimContextFrom } from "./context";
import { DEFAULT_ROLE_ATTRIBUTE } from "./facts";
import type { ScimProduct } from "./product";
import { rolesHeld } from "./user-wire";
import {
  accountChanges,
  compare,
  directGrant,
  directoryUserOf,
  groupHoldingExactly,
  inferUserNameRule,
  userNameRuleYaml,
  type GroupAliases,
  type ImportDirectory,
  type Unexpressed,
} from "../import/model";

export interface ScimHoldings {
  users: { userName: string; externalId: string | null; active: boolean; roles: string[] }[];
  /** The externalIds of the groups it holds (pushed groups carry their Entra group's id): candidates for roles. */
  groupExternalIds: string[];
}

export async function readScimHoldings(get: ConfigGetter, product: ScimProduct, roleAttribute = DEFAULT_ROLE_ATTRIBUTE): Promise<ScimHoldings> {
  const client = await scimContextFrom(get, product).client();
  const users: ScimHoldings["users"] = [];
  for await (const u of client.resource<ScimUser>("User").list()) {
    users.push({
      userName: u.userName,
      externalId: typeof u.externalId === "string" && u.externalId ? u.externalId : null,
      active: activeOf(u.active),
      roles: rolesHeld(u, roleAttribute),
    });
  }
  const groupExternalIds: string[] = [];
  if (client.supports("Group")) {
    for await (const g of client.resource<ScimGroup>("Group").list()) if (typeof g.externalId === "string" && g.externalId) groupExternalIds.push(g.externalId);
  }
  return { users, groupExternalIds };
}

/** Some applications answer `active` as a string. */
function activeOf(value: unknown): boolean {
  return !(value === false || (typeof value === "string" && value.toLowerCase() === "false"));
}

export function scimAccountReferences(h: ScimHoldings): string[] {
  return h.users.flatMap((u) => [u.externalId, u.userName].filter((v): v is string => !!v));
}

export interface ScimImport {
  section: Record<string, unknown>;
  unexpressed: Unexpressed[];
}

/** One SCIM target's holdings as its mapping section (`target` is the section's name). */
export function scimImport(target: string, h: ScimHoldings, directory: ImportDirectory, aliases: GroupAliases): ScimImport {
  const unexpressed: Unexpressed[] = [];
  const known: { account: ScimHoldings["users"][number]; user: DirectoryUser }[] = [];
  for (const account of h.users) {
    const user = directoryUserOf(directory, account);
    if (user) known.push({ account, user });
    else if (account.roles.length)
      unexpressed.push({
        target,
        object: `user ${account.userName}`,
        detail: `holds ${account.roles.join(", ")} but is not in the directory`,
        effect: "ignored",
      });
  }
  const userName = inferUserNameRule(known.map((k) => ({ held: k.account.userName, user: k.user }))).rule;
  const holders = new Map<string, DirectoryUser[]>();
  for (const { account, user } of known) {
    if (!account.active || !account.roles.length) continue;
    // A user gets one role from the mappings: the first the product lists keeps it.
    const [role, ...others] = account.roles;
    if (others.length)
      unexpressed.push({
        target,
        object: `user ${account.userName}`,
        detail: `holds ${account.roles.join(", ")}; the mappings give one role, ${role}`,
        effect: "changes",
      });
    holders.set(role, [...(holders.get(role) ?? []), user]);
  }
  const managed = known.filter((k) => k.account.active && k.account.roles.length);
  unexpressed.push(
    ...accountChanges(
      target,
      managed.map((k) => ({ held: k.account.userName, active: true, user: k.user })),
      userName,
    ),
  );
  const roles = [...holders]
    .sort(([a], [b]) => compare(a, b))
    .map(([role, people], i) => {
      const group = groupHoldingExactly(directory, new Set(people.map((p) => p.id)));
      const members = group ? [aliases.aliasOf(group)] : [...people].sort((a, b) => compare(a.userPrincipalName, b.userPrincipalName)).map(directGrant);
      return { role, precedence: i + 1, members };
    });
  return { section: { userName: userNameRuleYaml(userName), roles }, unexpressed };
}
