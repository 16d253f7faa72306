// The generic SCIM emulator's public shapes: its options (the knobs a product profile sets),
// the knobs that change while it runs, the state tests edit, and what it answers when started.
import type { RecordedRequest } from "../common/server";
import type { FaultKnobs } from "../common/faults";
import type { ScimVocabularyExtras } from "./attributes";
import type { ScimAuthKind } from "./auth";
import type { ResourceStore, ScimType, StoredResource } from "./resources";
export interface ScimEmulatorOptions {
  /** Accepted authentication kinds; default all three. */
  auth?: ScimAuthKind | readonly ScimAuthKind[];
  token?: string;
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  /** Default /scim/v2. */
  basePath?: string;
  /** OAuth2 token endpoint path; default /oauth2/token. */
  tokenPath?: string;
  /** Page-size cap: `count` above it is lowered, and the size when none is asked for. Default 50. */
  maxCount?: number;
  /** Serve PATCH (default true); false answers 501 and says so in /ServiceProviderConfig. */
  patch?: boolean;
  /** Serve `filter` (default true); false says so in /ServiceProviderConfig. */
  filter?: boolean;
  /** With filter off, what a filter in a request gets: "refuse" (400 invalidFilter, default) or "ignore" (the whole list). */
  unsupportedFilter?: "refuse" | "ignore";
  /** Answer `active` as the strings "True"/"False" instead of booleans. */
  activeAsString?: boolean;
  tokenTtlSeconds?: number;
  /** A header that also carries the static token (PAM360: AUTHTOKEN). */
  tokenHeader?: string;
  /** How the token endpoint authenticates the client; default "basic-or-form". */
  clientAuthentication?: "basic" | "basic-or-form";
  /** The page-size query parameter of lists: RFC 7644 `count` (default) or `itemsPerPage` (Password Safe). */
  sizeParameter?: "count" | "itemsPerPage";
  /** When set, the only query parameters a SCIM request may carry; any other is refused with 400. */
  queryParameters?: readonly string[];
  /** Role values announced in /Schemas as the `canonicalValues` of roles.value (RFC 7643 §7); default none. */
  roleValues?: readonly string[];
  /** Attribute names beyond RFC 7643's, read without case like the core ones. */
  attributes?: ScimVocabularyExtras;
  /** Runs before a POST, PUT or PATCH result is stored: returns what to store (default `next`) or throws ScimFault. */
  accept?: (change: ScimResourceChange) => StoredResource | void;
  /** Resources present before the first request (schemas may be omitted). */
  seed?: { users?: Record<string, unknown>[]; groups?: Record<string, unknown>[] };
}

export interface ScimResourceChange {
  type: ScimType;
  method: "POST" | "PUT" | "PATCH";
  /** What would be stored, attribute names canonical. */
  next: StoredResource;
  /** What is stored now; undefined for POST. */
  previous?: StoredResource;
  state: ScimEmulatorState;
}

export interface ScimKnobs {
  patch: boolean;
  filter: boolean;
  activeAsString: boolean;
  maxCount: number;
  unsupportedFilter: "refuse" | "ignore";
  sizeParameter: "count" | "itemsPerPage";
  queryParameters: readonly string[] | undefined;
}

export interface ScimEmulatorState extends ResourceStore {
  /** Users by id, as stored; edit them to simulate changes made in the application's console. */
  users: Map<string, StoredResource>;
  groups: Map<string, StoredResource>;
  /** The user with this userName (case-insensitive). */
  userNamed(userName: string): StoredResource | undefined;
  groupNamed(displayName: string): StoredResource | undefined;
}

export interface ScimEmulator {
  url: string;
  caFile: string;
  caPem: string;
  /** The SCIM base URL clients are configured with. */
  baseUrl: string;
  tokenUrl: string;
  /** The static bearer token (changes with rotateToken). */
  readonly token: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** The knobs, changeable while running. */
  knobs: ScimKnobs;
  state: ScimEmulatorState;
  requests: RecordedRequest[];
  faults: FaultKnobs;
  readonly issuedTokenCount: number;
  /** Invalidates every OAuth2 token issued so far (the token-expiry knob). */
  expireTokens(): void;
  /** Replaces the static token (a revoked or regenerated API token): the old one answers 401. */
  rotateToken(): string;
  close(): Promise<void>;
}
