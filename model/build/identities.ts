// Per-target identity values (usernames, PrivX externalIds) for a set of users, refusing the
// ones that cannot be told apart: a user without a value, or two users with the same value.
import type { DirectoryUser } from "../../sources/snapshot";
import type { AttributeRule } from "../mapping-model";
import { compareText, problem, type MappingProblem, type ProblemCode, type SourcePosition } from "../problems";
import { attributeValue } from "./attribute-rule";

export interface IdentityOptions {
  rule: AttributeRule;
  /** "PRA username", "PrivX externalId", ... for messages. */
  what: string;
  missingCode: ProblemCode;
  collisionCode: ProblemCode;
  /** Where the mappings that brought a user in are written (for collision reports). */
  sourcesOf: (userId: string) => SourcePosition[];
}

const EXAMPLES = 5;

/** userId -> value for every user that has a distinct value. Users are visited in sorted id order. */
export function assignIdentities(users: readonly DirectoryUser[], options: IdentityOptions, problems: MappingProblem[]): Map<string, string> {
  const values = new Map<string, string>();
  const firstByKey = new Map<string, DirectoryUser>();
  const collisions = new Map<string, DirectoryUser[]>();
  const missing: DirectoryUser[] = [];
  for (const user of users) {
    const value = attributeValue(user, options.rule);
    if (value === null) {
      missing.push(user);
      continue;
    }
    values.set(user.id, value);
    const key = value.toLowerCase();
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, user);
    else collisions.set(key, [...(collisions.get(key) ?? [first]), user]);
  }
  if (missing.length) {
    const examples = missing
      .slice(0, EXAMPLES)
      .map((u) => u.userPrincipalName)
      .join(", ");
    const more = missing.length > EXAMPLES ? ` and ${missing.length - EXAMPLES} more` : "";
    problems.push(
      problem(
        options.missingCode,
        options.rule.at,
        `${missing.length} user(s) have no ${options.rule.attribute} for the ${options.what} and are left out: ${examples}${more}`,
      ),
    );
  }
  for (const [value, same] of [...collisions.entries()].sort(([a], [b]) => compareText(a, b))) {
    for (const user of same) values.delete(user.id);
    const who = same.map((u) => `${u.userPrincipalName} (${u.id})`).join(", ");
    const related = uniquePositions(same.flatMap((u) => options.sourcesOf(u.id)));
    problems.push(
      problem(options.collisionCode, options.rule.at, `${who} all map to ${options.what} "${value}"; they are left out until it is unique`, { related }),
    );
  }
  return values;
}

function uniquePositions(positions: SourcePosition[]): SourcePosition[] {
  const seen = new Map(positions.map((p) => [`${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.field}`, p]));
  return [...seen.values()].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
}
