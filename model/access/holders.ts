// The people a target's member sources bring into one rule, for the targets' grant hooks:
// each asked-about user with the member source and whether it has expired, and a record of
// who still holds something current (their account is then not "every grant expired").
import type { MemberSource } from "../mapping-model";
import type { ResolvedSource } from "../build/resolve-sources";
import type { GrantContext } from "../target-part";

export function eachHolder(
  members: readonly MemberSource[],
  context: GrantContext,
  current: Map<string, boolean>,
  visit: (userId: string, member: MemberSource, expired: boolean, source: ResolvedSource) => void,
): void {
  for (const member of members) {
    const source = context.resolver.resolve(member);
    if (!source) continue;
    const expired = !context.isCurrent(member);
    for (const userId of source.userIds) {
      if (context.users && !context.users.has(userId)) continue;
      current.set(userId, (current.get(userId) ?? false) || !expired);
      visit(userId, member, expired, source);
    }
  }
}
