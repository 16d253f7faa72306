// Who holds what, target by target, through the mappings: the targets' `access` hooks over one
// resolved directory. What explain prints for one person and guardrails check for everyone.
import type { DirectorySnapshot } from "../../sources/snapshot";
import type { DesiredState } from "../desired";
import { mappingsOf, type CommonMappings } from "../mapping-model";
import { findProtectedAccounts } from "../build/protected-accounts";
import { SourceResolver } from "../build/resolve-sources";
import type { GrantContext, AnyTargetPart, TargetGrants } from "../target-part";
import { isCurrentAt } from "./expiry";

/** Per managed target (by part name) that can tell: its grants and accounts. */
export function collectAccess(model: CommonMappings, state: DesiredState, parts: readonly AnyTargetPart[], context: GrantContext): Map<string, TargetGrants> {
  const out = new Map<string, TargetGrants>();
  for (const part of parts) {
    const mappings = mappingsOf(model, part.name);
    const desired = (state as Record<string, unknown>)[part.name];
    if (!mappings || !desired || !part.grantsOf) continue;
    out.set(part.name, part.grantsOf(mappings, desired, context));
  }
  return out;
}

/** The same, resolving the directory afresh: for callers outside a build (explain). */
export function accessOf(
  model: CommonMappings,
  snapshot: DirectorySnapshot,
  state: DesiredState,
  parts: readonly AnyTargetPart[],
  options: { now?: number; users?: ReadonlySet<string> | null },
): Map<string, TargetGrants> {
  const context: GrantContext = {
    snapshot,
    resolver: new SourceResolver(model, snapshot),
    protectedAccounts: findProtectedAccounts(model, snapshot, parts),
    isCurrent: (m) => isCurrentAt(m, options.now),
    users: options.users ?? null,
  };
  return collectAccess(model, state, parts, context);
}
