// A person's account in a target as explain tells it: active, disabled, protected, or left out
// and why. Shared by the targets' access hooks so every target words it the same way.
import type { DirectoryUser } from "../../sources/snapshot";
import { attributeValue } from "../build/attribute-rule";
import type { AttributeRule } from "../mapping-model";
import type { TargetAccount } from "../target-part";

export interface DeclaredAccount {
  name: string;
  active: boolean;
  protected: boolean;
}

/**
 * @param declared the account in the target's desired state, if any
 * @param rules the attribute rules the target names accounts by, with what each is for
 */
export function accountOf(
  user: DirectoryUser | undefined,
  declared: DeclaredAccount | undefined,
  rules: readonly { rule: AttributeRule; what: string }[],
  current: boolean,
): TargetAccount {
  if (declared?.protected)
    return {
      name: declared.name,
      state: "protected",
      reason: "a protected account: held hands-off, never created, changed or removed; it is no group member here",
    };
  if (declared && !declared.active)
    return { name: declared.name, state: "disabled", reason: "the Entra account is disabled: the account is kept, inactive, with its memberships" };
  if (declared) return { name: declared.name, state: "active", reason: null };
  if (!current) return { name: null, state: "left out", reason: "every grant has expired (until)" };
  for (const { rule, what } of rules) {
    if (user && attributeValue(user, rule) === null) return { name: null, state: "left out", reason: `no ${rule.attribute} value for the ${what}` };
  }
  return { name: null, state: "left out", reason: "its name collides with another user's (see the build's problems)" };
}
