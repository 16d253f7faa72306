// A user's value for an attribute rule (username or PrivX externalId), or null when the user has
// no usable value for it.
import type { DirectoryUser } from "../../sources/snapshot";
import type { AttributeRule } from "../mapping-model";

export function attributeValue(user: DirectoryUser, rule: Pick<AttributeRule, "attribute" | "lowercase" | "stripDomain">): string | null {
  let value = rawAttribute(user, rule.attribute);
  if (value === null) return null;
  if (rule.stripDomain) value = stripDomain(value);
  if (rule.lowercase) value = value.toLowerCase();
  value = value.trim();
  return value.length ? value : null;
}

function rawAttribute(user: DirectoryUser, attribute: string): string | null {
  switch (attribute) {
    case "id":
      return user.id;
    case "userPrincipalName":
      return user.userPrincipalName;
    case "mail":
      return user.mail;
    default:
      return user.attributes[attribute] ?? null;
  }
}

/** "alice@contoso.com" -> "alice", "CONTOSO\alice" -> "alice". */
function stripDomain(value: string): string {
  const at = value.lastIndexOf("@");
  const withoutSuffix = at > 0 ? value.slice(0, at) : value;
  const slash = withoutSuffix.indexOf("\\");
  return slash >= 0 ? withoutSuffix.slice(slash + 1) : withoutSuffix;
}
