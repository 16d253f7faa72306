// BeyondTrust Password Safe's SCIM API (api-facts "BeyondTrust Password Safe — SCIM", seed 003)
// as a profile of the generic SCIM emulator: OAuth2 client credentials at /scim/oauth/token with
// the client in HTTP Basic, Bearer tokens that expire, lists paged with startIndex and
// itemsPerPage (not count), and groups that must carry a description on every write.
import { ScimFault, startScimEmulator, type ScimEmulator, type ScimResourceChange, type StoredResource } from "../scim";

export const PASSWORD_SAFE_TOKEN_PATH = "/scim/oauth/token";

export interface PasswordSafeEmulatorOptions {
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of an access token (expires_in); default 3600. */
  tokenTtlSeconds?: number;
  /** Page-size cap for itemsPerPage; default 50. */
  maxCount?: number;
  /**
   * What a list with RFC 7644's `count` gets (unverified: the facts say Password Safe pages with
   * itemsPerPage): "ignore" (default: the server's page size) or "refuse" (400).
   */
  countParameter?: "ignore" | "refuse";
  /** The token endpoint also takes client_id/client_secret as form fields (unverified); default false: Basic only. */
  formClientCredentials?: boolean;
  /** Serve `filter` (unverified; default true). */
  filter?: boolean;
  seed?: { users?: Record<string, unknown>[]; groups?: Record<string, unknown>[] };
}

export type PasswordSafeEmulator = ScimEmulator;

/** Groups need displayName and description on POST and PUT, and a PATCH may not take it away. */
function acceptPasswordSafe(change: ScimResourceChange): StoredResource {
  const { type, next } = change;
  if (type === "Group" && (typeof next.description !== "string" || next.description.trim() === "")) {
    throw new ScimFault(400, "invalidValue", "Missing required attribute: description");
  }
  return next;
}

export function startPasswordSafeEmulator(options: PasswordSafeEmulatorOptions = {}): Promise<PasswordSafeEmulator> {
  return startScimEmulator({
    auth: "oauth2",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tokenTtlSeconds: options.tokenTtlSeconds,
    clientAuthentication: options.formClientCredentials ? "basic-or-form" : "basic",
    basePath: "/scim/v2",
    tokenPath: PASSWORD_SAFE_TOKEN_PATH,
    maxCount: options.maxCount,
    filter: options.filter,
    sizeParameter: "itemsPerPage",
    queryParameters: options.countParameter === "refuse" ? ["filter", "startIndex", "itemsPerPage"] : undefined,
    attributes: { Group: ["description"] },
    accept: acceptPasswordSafe,
    seed: options.seed,
  });
}
