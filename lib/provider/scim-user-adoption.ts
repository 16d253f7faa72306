// The rule a SCIM account is adopted by, whichever product holds it: its key (externalId), else
// an unlinked account (no externalId) with the same userName, compared case-insensitively as
// SCIM services compare userNames. One rule, so the survey a preview runs finds what create adopts.
import type { ScimUser } from "../scim";
import type { AdoptionRule } from "./adopt";

export const SCIM_USER_ADOPTION: AdoptionRule<ScimUser> = { keyOf: (u) => u.externalId, nameOf: (u) => u.userName, ignoreCase: true };
