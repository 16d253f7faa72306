// Protected accounts: matched case-insensitively against a user's object id, UPN, mail and every
// identity the mappings would give them, so "breakglass@contoso.com" protects the account however
// the targets name it. Protected users are left out of everything the builder produces.
import type { DirectorySnapshot, DirectoryUser } from "../../sources/snapshot";
import { mappingsOf, type AttributeRule, type CommonMappings } from "../mapping-model";
import { compareText } from "../problems";
import type { AnyTargetPart, ProtectedAccounts } from "../target-part";
import { attributeValue } from "./attribute-rule";


export function findProtectedAccounts(model: CommonMappings, snapshot: DirectorySnapshot, parts: readonly AnyTargetPart[]): ProtectedAccounts {
  const configured = new Set(model.protectedAccounts.map((p) => p.value.toLowerCase()));
  const rules: AttributeRule[] = parts.flatMap((part) => (mappingsOf(model, part.name) ? part.attributeRules(mappingsOf(model, part.name)) : []));
  const protectedIds = new Set<string>();
  const names = new Set(configured);
  if (configured.size > 0) {
    for (const id in snapshot.users) {
      const user = snapshot.users[id];
      if (!isConfigured(user, rules, configured)) continue;
      protectedIds.add(user.id);
      for (const v of identitiesOf(user, rules)) names.add(v);
    }
  }
  return { isProtected: (id) => protectedIds.has(id), names: [...names].sort(compareText) };
}

/** Same test as identitiesOf(...).some(configured.has), without allocating per user. */
function isConfigured(user: DirectoryUser, rules: AttributeRule[], configured: Set<string>): boolean {
  const has = (v: string | null) => v !== null && configured.has(v.toLowerCase());
  if (has(user.id) || has(user.userPrincipalName) || has(user.mail)) return true;
  for (const rule of rules) if (has(attributeValue(user, rule))) return true;
  return false;
}

function identitiesOf(user: DirectoryUser, rules: AttributeRule[]): string[] {
  const values = [user.id, user.userPrincipalName, user.mail, ...rules.map((r) => attributeValue(user, r))];
  return [...new Set(values.filter((v): v is string => !!v).map((v) => v.toLowerCase()))];
}
