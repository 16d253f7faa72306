// What the identity source must read for a model: the groups and applications that some policy
// or role actually uses (unused aliases cost no Graph requests), and extra user attributes.
import type { GroupReference, SourceRequest } from "../sources/snapshot";
import { mappingsOf, type AttributeRule, type CommonMappings, type MemberSource } from "./mapping-model";
import { compareText } from "./problems";
import type { AnyTargetPart } from "./target-part";

/** Attributes every DirectoryUser carries anyway. */
const baseAttributes = new Set(["id", "userPrincipalName", "mail"]);

export function usedMemberSources(model: CommonMappings, parts: readonly AnyTargetPart[]): MemberSource[] {
  return parts.flatMap((part) => (mappingsOf(model, part.name) ? part.memberSources(mappingsOf(model, part.name)) : []));
}

export function sourceRequestOf(model: CommonMappings, parts: readonly AnyTargetPart[]): SourceRequest {
  const used = usedMemberSources(model, parts);
  const groupAliases = new Set(used.filter((m) => m.kind === "group").map((m) => m.alias));
  const appAliases = new Set(used.filter((m) => m.kind === "application").map((m) => m.alias));
  const groups = new Map<string, GroupReference>();
  for (const g of model.groups) {
    if (!groupAliases.has(g.alias)) continue;
    groups.set("id" in g.reference ? `id:${g.reference.id.toLowerCase()}` : `name:${g.reference.displayName}`, g.reference);
  }
  const appIds = new Set(model.applications.filter((a) => appAliases.has(a.alias)).map((a) => a.appId));
  // People granted directly: read in full (they need usernames like every member), by UPN or object id.
  const directUsers = [...new Set(used.flatMap((m) => (m.kind === "user" ? [m.user.normalize("NFKC").toLowerCase()] : [])))].sort(compareText);
  const rules: AttributeRule[] = parts.flatMap((part) => (mappingsOf(model, part.name) ? part.attributeRules(mappingsOf(model, part.name)) : []));
  const accounts = [
    ...model.protectedAccounts.map((p) => p.value),
    ...parts.flatMap((part) => (mappingsOf(model, part.name) && part.namedAccounts ? part.namedAccounts(mappingsOf(model, part.name)) : [])),
  ];
  const attributes = new Set(rules.map((r) => r.attribute as string).filter((a) => !baseAttributes.has(a)));
  return {
    groups: [...groups.entries()].sort(([a], [b]) => compareText(a, b)).map(([, reference]) => reference),
    applications: [...appIds].sort(compareText).map((appId) => ({ appId })),
    userAttributes: [...attributes].sort(compareText),
    ...(accounts.length ? { accounts: [...new Set(accounts)] } : {}),
    ...(directUsers.length ? { users: directUsers } : {}),
  };
}
