// Facts about ManageEngine PAM360's SCIM API (api-facts "ManageEngine PAM360 — SCIM", seed 002),
// written once for the mapping schema, the builder and the settings.

/** The extension that makes a SCIM user a directory user in PAM360 rather than a local one. */
export const PAM360_DOMAIN_EXTENSION = "urn:ietf:params:scim:schemas:extension:pam360_domain:2.0:User";

/** `userType` in that extension: 0 local, 1 Active Directory, 2 Entra ID, 3 LDAP. */
export const PAM360_USER_TYPE = { local: 0, activeDirectory: 1, entraId: 2, ldap: 3 } as const;

/** The base URL's form: on-premises, `https://<host>:<port>/scim/v2`. */
export const PAM360_URL_EXAMPLE = "https://pam360.example.com:8282/scim/v2";
