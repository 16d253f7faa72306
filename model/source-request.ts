// What the identity source must read for a model: the groups and applications that some policy
// or role actually uses (unused aliases cost no Graph requests), and extra user attributes.
import type { GroupReference, SourceRequest } from "../sources/snapshot";
import type { AttributeRule, MappingModel, MemberSource } from "./mapping-model";
import { compareText } from "./problems";

/** Attributes every DirectoryUser carries anyway. */
const baseAttributes = new Set(["id", "userPrincipalName", "mail"]);

export function usedMemberSources(model: MappingModel): MemberSource[] {
  return [...(model.pra?.groupPolicies.flatMap((p) => p.members) ?? []), ...(model.privx?.roles.flatMap((r) => r.members) ?? [])];
}

export function sourceRequestOf(model: MappingModel): SourceRequest {
  const used = usedMemberSources(model);
  const groupAliases = new Set(used.filter((m) => m.kind === "group").map((m) => m.alias));
  const appAliases = new Set(used.filter((m) => m.kind === "application").map((m) => m.alias));
  const groups = new Map<string, GroupReference>();
  for (const g of model.groups) {
    if (!groupAliases.has(g.alias)) continue;
    groups.set("id" in g.reference ? `id:${g.reference.id.toLowerCase()}` : `name:${g.reference.displayName}`, g.reference);
  }
  const appIds = new Set(model.applications.filter((a) => appAliases.has(a.alias)).map((a) => a.appId));
  const rules: AttributeRule[] = [
    ...(model.pra ? [model.pra.userName] : []),
    ...(model.privx ? [model.privx.userName, model.privx.externalId] : []),
  ];
  const attributes = new Set(rules.map((r) => r.attribute as string).filter((a) => !baseAttributes.has(a)));
  return {
    groups: [...groups.entries()].sort(([a], [b]) => compareText(a, b)).map(([, reference]) => reference),
    applications: [...appIds].sort(compareText).map((appId) => ({ appId })),
    userAttributes: [...attributes].sort(compareText),
  };
}
