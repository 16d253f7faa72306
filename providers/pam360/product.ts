// ManageEngine PAM360 as a SCIM product: its dialect (flat groups, only documented query
// parameters, PATCH for users), its API user's token in the AUTHTOKEN header (or as a bearer
// token), what its POST requires (userName, name.givenName, name.familyName, emails, roles,
// active) and the pam360_domain extension that makes each user an Entra ID user of a domain.
import type { DirectoryUser } from "../../sources/snapshot";
import { text } from "../../model/target-kit";
import type { ScimProduct } from "../scim/product";
import { scimSettingsReader } from "../scim/settings";
import { PAM360_DOMAIN_EXTENSION, PAM360_URL_EXAMPLE, PAM360_USER_TYPE } from "./facts";

/** userType 2 (Entra ID) and the domain: the mapping's `domain`, else the user's UPN suffix. */
function domainAttributes(user: DirectoryUser, settings: Readonly<Record<string, unknown>>): Record<string, string | number> {
  const domain = typeof settings.domain === "string" ? settings.domain : (user.userPrincipalName.split("@")[1] ?? "");
  return { [`${PAM360_DOMAIN_EXTENSION}:userType`]: PAM360_USER_TYPE.entraId, [`${PAM360_DOMAIN_EXTENSION}:domain`]: domain };
}

export const pam360Product: ScimProduct = {
  name: "pam360",
  title: "PAM360",
  dialect: "pam360",
  // PAM360 serves /ServiceProviderConfig; filters are never sent (not documented, and an
  // unsupported parameter fails the request).
  discover: { patch: true, filter: false },
  settings: scimSettingsReader({ prefix: "pam360", title: "PAM360", urlExample: PAM360_URL_EXAMPLE, auth: ["authtoken", "bearer"] }),
  description: "ManageEngine PAM360 (SCIM): users as Entra ID users of a domain, with PAM360 roles from group mappings; optionally flat groups.",
  model: {
    settings: {
      domain: text("The domain PAM360 shows for the users (pam360_domain extension, userType 2 = Entra ID); default: each user's UPN suffix.", {
        // DNS labels (or one NetBIOS-style label) joined by dots: "contoso com" or "contoso.com." is no domain.
        pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$",
        maxLength: 253,
        "x-problem-codes": { pattern: "INVALID_VALUE" },
        "x-problem-messages": { pattern: "is not a domain name: DNS labels of letters, digits and hyphens joined by dots, e.g. contoso.com" },
      }),
    },
    requires: { names: true, email: true, role: true },
    userAttributes: domainAttributes,
  },
};
