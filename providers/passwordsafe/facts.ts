// Facts about BeyondTrust Password Safe's SCIM API (api-facts "BeyondTrust Password Safe — SCIM",
// seed 003), written once.

export const PASSWORDSAFE_URL_EXAMPLE = "https://example.ps.beyondtrustcloud.com/scim/v2";

/**
 * The OAuth client-credentials endpoint for a SCIM base URL: `/scim/oauth/token` beside
 * `/scim/v2` (under the same path prefix, if the instance has one).
 */
export function passwordSafeTokenUrl(baseUrl: URL): string {
  const path = baseUrl.pathname.replace(/\/+$/, "");
  const prefix = /\/scim\/v2$/i.test(path) ? path.slice(0, -"/scim/v2".length) : "";
  return new URL(`${prefix}/scim/oauth/token`, baseUrl.origin).toString();
}
