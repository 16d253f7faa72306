// BeyondTrust Password Safe as a SCIM product: OAuth client credentials at /scim/oauth/token
// (HTTP Basic client_id:secret, one token per process), pages of startIndex + itemsPerPage,
// users disabled and group members changed by PATCH, and groups that must have a description.
import type { ScimProduct } from "../scim/product";
import { scimSettingsReader } from "../scim/settings";
import { PASSWORDSAFE_URL_EXAMPLE, passwordSafeTokenUrl } from "./facts";

export const passwordSafeProduct: ScimProduct = {
  name: "passwordsafe",
  title: "Password Safe",
  dialect: "passwordsafe",
  // Documented: PATCH for users and group members; no filter. Nothing is left to discovery.
  discover: { patch: false, filter: false },
  settings: scimSettingsReader({
    prefix: "passwordsafe",
    title: "Password Safe",
    urlExample: PASSWORDSAFE_URL_EXAMPLE,
    auth: ["oauth2"],
    defaultTokenUrl: passwordSafeTokenUrl,
  }),
  description:
    "BeyondTrust Password Safe (SCIM): users with roles from group mappings, optionally groups with a description (from the group alias, else Entra's, else the name).",
  model: {
    requires: { names: true, email: true },
    groupDescriptions: true,
  },
};
