// The Entra ID identity source: settings, credentials and the directory read.
export { entraSettingsFromConfig, entraCredentialKinds, ENTRA_SECRET_KEYS, PUBLIC_AUTHORITY_HOST, PUBLIC_GRAPH_BASE_URL } from "./settings";
export type { EntraSettings, EntraCredentialKind, ConfigGetter, GitHubActionsOidc, AzurePipelinesOidc } from "./settings";
export { createCredential, isKnownAuthorityHost } from "./credential";
export { readDirectory, type ReadDirectoryOptions } from "./read-directory";
export type { GraphRetryOptions } from "./graph-client";
export { EntraError, type EntraErrorCode, type EntraErrorFacts } from "./errors";
export { Secret } from "./secret";
export { readMembershipPaths, type MembershipPaths, type GroupOnPath } from "./membership-paths";
