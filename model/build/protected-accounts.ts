// Protected accounts: matched case-insensitively against a user's object id, UPN, mail and every
// identity the mappings would give them, so "breakglass@contoso.com" protects the account however
// the targets name it. Protected users are left out of everything the builder produces.
import type { DirectorySnapshot, DirectoryUser } from "../../sources/snapshot";
import { mappingsOf, type AttributeRule, type CommonMappings } from "../mapping-model";
import { compareText, problem, ProblemCode, type MappingProblem } from "../problems";
import type { AnyTargetPart, ProtectedAccounts } from "../target-part";
import { nearestNames } from "../nearest-names";
import { attributeValue } from "./attribute-rule";

export function findProtectedAccounts(
  model: CommonMappings,
  snapshot: DirectorySnapshot,
  parts: readonly AnyTargetPart[],
  problems: MappingProblem[] = [],
): ProtectedAccounts {
  const key = (v: string) => v.normalize("NFKC").toLowerCase();
  const configured = new Set(model.protectedAccounts.map((p) => key(p.value)));
  const rules: AttributeRule[] = parts.flatMap((part) => (mappingsOf(model, part.name) ? part.attributeRules(mappingsOf(model, part.name)) : []));
  const protectedIds = new Set<string>();
  const names = new Set(configured);
  const matched = new Set<string>();
  if (configured.size > 0) {
    for (const id in snapshot.users) {
      const user = snapshot.users[id];
      if (!isConfigured(user, rules, configured)) continue;
      protectedIds.add(user.id);
      for (const v of identitiesOf(user, rules)) {
        names.add(v);
        if (configured.has(v)) matched.add(v);
      }
    }
  }
  // A protected entry that matches nobody protects nobody: a typo would silently leave the
  // break-glass account managed. Entries outside the mapped groups were looked up on their own.
  if (snapshot.otherAccounts) {
    const looked = new Map(Object.entries(snapshot.otherAccounts).map(([k, v]) => [key(k), v]));
    for (const entry of model.protectedAccounts) {
      const k = key(entry.value);
      if (matched.has(k) || looked.get(k)) continue;
      const near = nearestDirectoryNames(k, snapshot);
      problems.push(
        problem(
          ProblemCode.PROTECTED_ACCOUNT_UNKNOWN,
          entry.at,
          `protected account "${entry.value}" matches no account in the directory (by object id, userPrincipalName or mail)${near.length ? `; nearest among the mapped groups' members: ${near.join(", ")}` : ""}. A typo here leaves the account unprotected: fix the entry or remove it`,
        ),
      );
    }
  }
  return { isProtected: (id) => protectedIds.has(id), names: [...names].sort(compareText) };
}

/** Up to three directory names near `wanted` (UPNs and mail addresses, lower-cased). */
function nearestDirectoryNames(wanted: string, snapshot: DirectorySnapshot): string[] {
  const candidates = new Set<string>();
  for (const id in snapshot.users) {
    const user = snapshot.users[id];
    for (const v of [user.userPrincipalName, user.mail]) if (v) candidates.add(v.toLowerCase());
  }
  return nearestNames(wanted, candidates);
}

/** Same test as identitiesOf(...).some(configured.has), without allocating per user. */
function isConfigured(user: DirectoryUser, rules: AttributeRule[], configured: Set<string>): boolean {
  const has = (v: string | null) => v !== null && configured.has(v.normalize("NFKC").toLowerCase());
  if (has(user.id) || has(user.userPrincipalName) || has(user.mail)) return true;
  for (const rule of rules) if (has(attributeValue(user, rule))) return true;
  return false;
}

function identitiesOf(user: DirectoryUser, rules: AttributeRule[]): string[] {
  const values = [user.id, user.userPrincipalName, user.mail, ...rules.map((r) => attributeValue(user, r))];
  return [...new Set(values.filter((v): v is string => !!v).map((v) => v.normalize("NFKC").toLowerCase()))];
}
