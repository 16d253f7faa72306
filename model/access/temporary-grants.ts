// Temporary grants across every target: which member sources have an `until`, whether each is
// current, ending within the warning window, or past (the next run removes it), and grants
// longer than their rule's maxGrantDays. Pure: the time is an argument.
import { mappingsOf, memberSourceName, type CommonMappings, type GrantExpiry, type MemberSource } from "../mapping-model";
import { compareText, problem, ProblemCode, type MappingProblem, type SourcePosition } from "../problems";
import type { AnyTargetPart, GrantHolder } from "../target-part";
import { daysUntil, endsWithin } from "./expiry";

export interface TemporaryGrant {
  /** The target's name (its part's name). */
  target: string;
  rule: { kind: string; name: string; at: SourcePosition };
  /** The rule's grant key, `<target>:<kind>:<name>`. */
  key: string;
  /** Where the product holds it (see GrantRule.heldIn), when the target says. */
  heldIn?: GrantHolder;
  member: MemberSource;
  /**
   * The member source's group as the product knows it, exactly as the mappings determine it:
   * SCIM externalIds (an Entra group id written by id, appId, appId/role) and group names (a
   * scimGroupName, or the displayName an alias is written by). Empty for a direct grant.
   */
  identity: { externalIds: string[]; names: string[] };
  /** The member source as written: `vendors`, `app/role`. */
  source: string;
  until: GrantExpiry;
  state: "current" | "ending soon" | "expired";
  /** Whole days left (rounded up); 0 or less once expired. */
  daysLeft: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const nameOf = memberSourceName;

export function temporaryGrants(model: CommonMappings, parts: readonly AnyTargetPart[], now: number): TemporaryGrant[] {
  const out: TemporaryGrant[] = [];
  for (const part of parts) {
    const mappings = mappingsOf(model, part.name);
    if (!mappings || !part.grantRules) continue;
    for (const rule of part.grantRules(mappings)) {
      for (const member of rule.members) {
        if (!member.until) continue;
        const state = now >= member.until.end ? "expired" : endsWithin(member.until, now) ? "ending soon" : "current";
        out.push({
          target: part.name,
          rule: { kind: rule.kind, name: rule.name, at: rule.at },
          key: rule.key,
          ...(rule.heldIn ? { heldIn: rule.heldIn } : {}),
          member,
          identity: identityOf(model, member),
          source: nameOf(member),
          until: member.until,
          state,
          daysLeft: daysUntil(member.until, now),
        });
      }
    }
  }
  return out.sort(
    (a, b) => a.until.end - b.until.end || compareText(a.target, b.target) || compareText(a.rule.name, b.rule.name) || compareText(a.source, b.source),
  );
}

/** The member source's group identities that the mappings alone fix (no directory needed). */
function identityOf(model: CommonMappings, member: MemberSource): TemporaryGrant["identity"] {
  if (member.kind === "user") return { externalIds: [], names: [] };
  if (member.kind === "group") {
    const alias = model.groups.find((g) => g.alias === member.alias);
    if (!alias) return { externalIds: [], names: [] };
    const names = [alias.scimGroupName ?? ("displayName" in alias.reference ? alias.reference.displayName : null)].filter((n): n is string => n !== null);
    return { externalIds: "id" in alias.reference ? [alias.reference.id.toLowerCase()] : [], names };
  }
  const app = model.applications.find((a) => a.alias === member.alias);
  if (!app) return { externalIds: [], names: [] };
  const name = member.role === null ? app.scimGroupName : (app.roles?.[member.role]?.scimGroupName ?? null);
  return { externalIds: [member.role === null ? app.appId : `${app.appId}/${member.role}`], names: name ? [name] : [] };
}

/**
 * A grant under a rule with maxGrantDays that never ends (a member source without `until`), and,
 * given the clock, a temporary grant that ends more than maxGrantDays after `now`: the pull
 * request grants too long.
 */
export function grantLengthProblems(model: CommonMappings, parts: readonly AnyTargetPart[], now: number | undefined): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const part of parts) {
    const mappings = mappingsOf(model, part.name);
    if (!mappings || !part.grantRules) continue;
    for (const rule of part.grantRules(mappings)) {
      if (rule.maxGrantDays === null) continue;
      for (const member of rule.members) {
        if (!member.until) {
          problems.push(
            problem(
              ProblemCode.GRANT_TOO_LONG,
              member.at,
              `${nameOf(member)} is granted ${rule.kind} "${rule.name}" with no end (no until): the ${rule.kind} allows at most ${rule.maxGrantDays} days (maxGrantDays); write { source: ${nameOf(member)}, until: <date> }`,
              { related: [rule.maxGrantDaysAt] },
            ),
          );
          continue;
        }
        if (now === undefined || member.until.end - now <= rule.maxGrantDays * DAY_MS) continue;
        problems.push(
          problem(
            ProblemCode.GRANT_TOO_LONG,
            member.until.at,
            `${nameOf(member)} is granted ${rule.kind} "${rule.name}" until ${member.until.text}, ${daysUntil(member.until, now)} days from now: the ${rule.kind} allows at most ${rule.maxGrantDays} (maxGrantDays)`,
            { related: [rule.maxGrantDaysAt] },
          ),
        );
      }
    }
  }
  return problems;
}
