// ManageEngine PAM360's SCIM API (api-facts "ManageEngine PAM360 — SCIM", seed 002) as a
// profile of the generic SCIM emulator: base /scim/v2, the API user's token in an AUTHTOKEN
// header (or Authorization: Bearer), the pam360_domain extension, only documented query
// parameters, and the rules in rules.ts. Token expiry regenerates the API token.
import { startScimEmulator, type ScimEmulator, type ScimKnobs } from "../scim";
import { acceptPam360, PAM360_DOMAIN_SCHEMA, PAM360_ROLES, type Pam360Knobs, type Pam360Rename } from "./rules";

export { PAM360_DOMAIN_SCHEMA, PAM360_ROLES, PAM360_USER_TYPES } from "./rules";
export type { Pam360Knobs, Pam360Rename } from "./rules";

/**
 * Query parameters a SCIM request may carry. The facts file names none: these are RFC 7644's
 * list parameters Entra's provisioning agent sends (filter for matching, startIndex/count);
 * anything else (attributes, sortBy, aadOptscim062020, ...) is refused, as PAM360 fails
 * requests with unsupported parameters.
 */
export const PAM360_QUERY_PARAMETERS: readonly string[] = ["filter", "startIndex", "count"];

export interface Pam360EmulatorOptions {
  /** The API user's authentication token; random by default. */
  token?: string;
  /** Default "refuse". */
  renameUserName?: Pam360Rename;
  /** Default PAM360_ROLES. */
  roles?: readonly string[];
  /** Default PAM360_QUERY_PARAMETERS. */
  queryParameters?: readonly string[];
  /** Page-size cap; default 50. */
  maxCount?: number;
  /** Serve `filter` (default true). */
  filter?: boolean;
  seed?: { users?: Record<string, unknown>[]; groups?: Record<string, unknown>[] };
}

export interface Pam360Emulator extends Omit<ScimEmulator, "knobs"> {
  knobs: ScimKnobs & Pam360Knobs;
}

export async function startPam360Emulator(options: Pam360EmulatorOptions = {}): Promise<Pam360Emulator> {
  // Assigned once the SCIM emulator exists; `accept` reads it only when a request arrives.
  // eslint-disable-next-line prefer-const
  let knobs: ScimKnobs & Pam360Knobs;
  const scim = await startScimEmulator({
    auth: "bearer",
    token: options.token,
    tokenHeader: "AUTHTOKEN",
    basePath: "/scim/v2",
    maxCount: options.maxCount,
    filter: options.filter,
    queryParameters: options.queryParameters ?? PAM360_QUERY_PARAMETERS,
    attributes: { extensions: { [PAM360_DOMAIN_SCHEMA]: ["userType", "domain"] } },
    accept: (change) => acceptPam360(change, knobs),
    seed: options.seed,
  });
  knobs = Object.assign(scim.knobs, { renameUserName: options.renameUserName ?? "refuse", roles: options.roles ?? PAM360_ROLES });
  // PAM360 has no token endpoint: an expired credential is a regenerated API-user token.
  return Object.assign(scim, { knobs, expireTokens: () => void scim.rotateToken() });
}
