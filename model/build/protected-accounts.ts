// Protected accounts: matched case-insensitively against a user's object id, UPN, mail and every
// identity the mappings would give them, so "breakglass@contoso.com" protects the account however
// the targets name it. Protected users are left out of everything the builder produces.
import type { DirectorySnapshot, DirectoryUser } from "../../sources/snapshot";
import type { AttributeRule, MappingModel } from "../mapping-model";
import { compareText } from "../problems";
import { attributeValue } from "./attribute-rule";

export interface ProtectedAccounts {
  isProtected(userId: string): boolean;
  /** Lower-cased names a target must never touch: the configured values plus the matched users' names. */
  names: string[];
}

export function findProtectedAccounts(model: MappingModel, snapshot: DirectorySnapshot): ProtectedAccounts {
  const configured = new Set(model.protectedAccounts.map((p) => p.value.toLowerCase()));
  const rules: AttributeRule[] = [
    ...(model.pra ? [model.pra.userName] : []),
    ...(model.privx ? [model.privx.userName, model.privx.externalId] : []),
  ];
  const protectedIds = new Set<string>();
  const names = new Set(configured);
  if (configured.size > 0) {
    for (const user of Object.values(snapshot.users)) {
      const identities = identitiesOf(user, rules);
      if (!identities.some((v) => configured.has(v))) continue;
      protectedIds.add(user.id);
      for (const v of identities) names.add(v);
    }
  }
  return { isProtected: (id) => protectedIds.has(id), names: [...names].sort(compareText) };
}

function identitiesOf(user: DirectoryUser, rules: AttributeRule[]): string[] {
  const values = [user.id, user.userPrincipalName, user.mail, ...rules.map((r) => attributeValue(user, r))];
  return [...new Set(values.filter((v): v is string => !!v).map((v) => v.toLowerCase()))];
}
