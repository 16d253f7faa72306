// How many users each member source the mappings use holds in a directory snapshot: the
// removal check compares it with the last run's, so a mapped group that reads as empty (a
// renamed group, a half-failed sync) never turns into "remove everyone" unnoticed. Protected
// accounts are not counted: they never get access through a source, so a group whose only
// members are protected holds nobody whose access could be lost, whatever becomes of it.
import type { DirectorySnapshot } from "../../sources/snapshot";
import { mappingsOf, type CommonMappings, type MemberSource } from "../mapping-model";
import type { AnyTargetPart } from "../target-part";
import { findProtectedAccounts } from "./protected-accounts";
import { SourceResolver } from "./resolve-sources";

/** "group linux-admins", "application app", "application app/operator", "user vendor@contoso.com". */
export function memberSourceLabel(m: MemberSource): string {
  return m.kind === "user" ? `user ${m.user}` : m.kind === "group" ? `group ${m.alias}` : `application ${m.role === null ? m.alias : `${m.alias}/${m.role}`}`;
}

export function memberSourceSizes(model: CommonMappings, snapshot: DirectorySnapshot, parts: readonly AnyTargetPart[]): Record<string, number> {
  const resolver = new SourceResolver(model, snapshot);
  const { isProtected } = findProtectedAccounts(model, snapshot, parts);
  const sizes: Record<string, number> = {};
  for (const part of parts) {
    const mappings = mappingsOf(model, part.name);
    if (!mappings) continue;
    for (const member of part.memberSources(mappings)) {
      // A direct grant holds its one person or fails the build: no group to read as empty.
      if (member.kind === "user") continue;
      const resolved = resolver.resolve(member);
      if (resolved) sizes[memberSourceLabel(member)] = resolved.userIds.filter((id) => !isProtected(id)).length;
    }
  }
  return sizes;
}
