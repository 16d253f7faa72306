// How many users each member source the mappings use holds in a directory snapshot: the
// removal check compares it with the last run's, so a mapped group that reads as empty (a
// renamed group, a half-failed sync) never turns into "remove everyone" unnoticed.
import type { DirectorySnapshot } from "../../sources/snapshot";
import { mappingsOf, type CommonMappings, type MemberSource } from "../mapping-model";
import type { AnyTargetPart } from "../target-part";
import { SourceResolver } from "./resolve-sources";

/** "group linux-admins", "application app", "application app/operator", "user vendor@contoso.com". */
export function memberSourceLabel(m: MemberSource): string {
  return m.kind === "user" ? `user ${m.user}` : m.kind === "group" ? `group ${m.alias}` : `application ${m.role === null ? m.alias : `${m.alias}/${m.role}`}`;
}

export function memberSourceSizes(model: CommonMappings, snapshot: DirectorySnapshot, parts: readonly AnyTargetPart[]): Record<string, number> {
  const resolver = new SourceResolver(model, snapshot);
  const sizes: Record<string, number> = {};
  for (const part of parts) {
    const mappings = mappingsOf(model, part.name);
    if (!mappings) continue;
    for (const member of part.memberSources(mappings)) {
      // A direct grant holds its one person or fails the build: no group to read as empty.
      if (member.kind === "user") continue;
      const resolved = resolver.resolve(member);
      if (resolved) sizes[memberSourceLabel(member)] = resolved.userIds.length;
    }
  }
  return sizes;
}
