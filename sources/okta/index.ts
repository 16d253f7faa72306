// The Okta identity source: settings, credentials and the directory read.
export { oktaSettingsFromConfig, oktaAuthKinds, OKTA_SECRET_KEYS, OKTA_SCOPES, type OktaSettings, type OktaAuthKind } from "./settings";
export { readOktaDirectory, type ReadOktaOptions } from "./read-directory";
export { readOktaMembershipPaths, OKTA_FLAT_GROUPS_NOTE } from "./membership-paths";
export { rs256ClientAssertion, oktaTokenUrl } from "./auth";
export { OktaError, type OktaErrorCode } from "./errors";
