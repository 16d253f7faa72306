// What a test or the demo can configure on the PRA emulator, and the defaults.
import { randomBytes } from "node:crypto";
import type { GroupPolicyWire, JumpGroupWire, JumpItemRoleWire, JumpPolicyWire, ScimGroupQueryId, ScimUserQueryId } from "./state";

/** Route families an API account may be limited to, so a 403 can be exercised. */
export const PRA_AREAS = ["group-policy", "user", "jump-group", "jump-item-role", "jump-policy", "security-provider"] as const;
export type PraArea = (typeof PRA_AREAS)[number];

export interface PraApiAccountOptions {
  clientId: string;
  clientSecret: string;
  name?: string;
  /** A disabled account cannot mint tokens (401 invalid_client). Default true. */
  enabled?: boolean;
  /** The spec's perm_configuration: without it every Configuration API call is 403. Default true. */
  permConfiguration?: boolean;
  /** The spec's perm_scim: whether this account's OAuth tokens work on the SCIM API. Default true. */
  permScim?: boolean;
  /** Emulator knob: Configuration API route families this account may use. Default all. */
  areas?: readonly PraArea[];
  /** Emulator knob: only GET/HEAD/OPTIONS allowed, anything else 403. Default false. */
  readOnly?: boolean;
}

export interface ResolvedApiAccount {
  clientId: string;
  clientSecret: string;
  name: string;
  enabled: boolean;
  permConfiguration: boolean;
  permScim: boolean;
  areas: ReadonlySet<PraArea>;
  readOnly: boolean;
}

export interface PraSeedPolicyJumpGroup {
  /** Jump group name. */
  jumpGroup: string;
  /** Jump item role name; absent = the user's default (0). */
  jumpItemRole?: string;
  /** Jump policy display name; absent = set on jump items (0). */
  jumpPolicy?: string;
}

export interface PraSeed {
  /** Replaces the default jump item roles (1 "Start Sessions Only", 2 "Administrator", 3 "No Access"). */
  jumpItemRoles?: (Partial<Omit<JumpItemRoleWire, "id">> & { name: string })[];
  jumpGroups?: (Partial<Omit<JumpGroupWire, "id">> & { name: string })[];
  jumpPolicies?: (Partial<Omit<JumpPolicyWire, "id">> & { display_name: string })[];
  /** Local users besides the built-in administrator "admin" (id 1). */
  localUsers?: { username: string; public_display_name?: string; email_address?: string; enabled?: boolean }[];
  scimUsers?: {
    userName: string;
    externalId?: string;
    displayName?: string;
    givenName?: string;
    familyName?: string;
    email?: string;
    active?: boolean;
  }[];
  /** Members are userNames of `scimUsers`. */
  scimGroups?: { displayName: string; externalId?: string; members?: string[] }[];
  /** Seeded policies count as provisioned. */
  groupPolicies?: (Partial<Omit<GroupPolicyWire, "id">> & {
    name: string;
    /** SCIM group displayNames added as members. */
    memberScimGroups?: string[];
    /** Usernames of `localUsers` (or "admin") added as members, as an administrator adds them in the console. */
    memberLocalUsers?: string[];
    jumpGroups?: PraSeedPolicyJumpGroup[];
  })[];
  /** Query attributes of the seeded SCIM provider (defaults userName / displayName); null = no SCIM provider. */
  scimProvider?: { scim_user_query_id?: ScimUserQueryId; scim_group_query_id?: ScimGroupQueryId } | null;
  /** Extra SAML provider with these available groups (none by default). */
  samlProvider?: { name?: string; available_groups: string[] };
}

export interface PraEmulatorOptions {
  /** Accounts besides the default one (which has every permission and is exposed). */
  apiAccounts?: PraApiAccountOptions[];
  /** Long-lived SCIM bearer token; generated when absent. */
  scimToken?: string;
  /** Per API account; default 20. */
  rateLimitPerSecond?: number;
  /** Per API account; default 15000. */
  rateLimitPerHour?: number;
  /** Status when a rate limit is exceeded: undocumented by the vendor, 429 assumed (unverified). */
  rateLimitStatus?: number;
  /** Upper bound of per_page; the spec's is 100. */
  maxPerPage?: number;
  /** Page size when per_page is absent; the spec's is 100. Small values make tests page. */
  defaultPerPage?: number;
  /** Server cap on SCIM `count`; default 100. */
  scimMaxCount?: number;
  /** Whether SCIM PATCH is implemented; default false (answered 501). */
  scimPatch?: boolean;
  /** Whether the SCIM `filter` parameter is implemented; default false. */
  scimFilter?: boolean;
  /** With scimFilter off: "reject" answers 400 invalidFilter (default), "ignore" returns the unfiltered list. */
  scimUnsupportedFilter?: "reject" | "ignore";
  /** Access token lifetime; the vendor's is 3600 s. */
  tokenTtlSeconds?: number;
  /** Live tokens per API account before the oldest is evicted; the vendor's is 30. */
  maxLiveTokensPerAccount?: number;
  /** `product` reported by /get_mech_list: "bpam" is PRA; Remote Support reports something else. */
  product?: string;
  company?: string;
  seed?: PraSeed;
  /** Clock for rate limiting and timestamps (ms since epoch). */
  clock?: () => number;
}

export interface ResolvedOptions {
  accounts: ResolvedApiAccount[];
  scimToken: string;
  rateLimitPerSecond: number;
  rateLimitPerHour: number;
  rateLimitStatus: number;
  maxPerPage: number;
  defaultPerPage: number;
  scimMaxCount: number;
  scimPatch: boolean;
  scimFilter: boolean;
  scimUnsupportedFilter: "reject" | "ignore";
  tokenTtlSeconds: number;
  maxLiveTokensPerAccount: number;
  product: string;
  company: string;
  seed: PraSeed;
  clock: () => number;
}

function resolveAccount(account: PraApiAccountOptions, index: number): ResolvedApiAccount {
  return {
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    name: account.name ?? `API account ${index + 1}`,
    enabled: account.enabled ?? true,
    permConfiguration: account.permConfiguration ?? true,
    permScim: account.permScim ?? true,
    areas: new Set(account.areas ?? PRA_AREAS),
    readOnly: account.readOnly ?? false,
  };
}

export function resolveOptions(options: PraEmulatorOptions = {}): ResolvedOptions {
  const maxPerPage = options.maxPerPage ?? 100;
  const defaultPerPage = options.defaultPerPage ?? maxPerPage;
  if (maxPerPage < 5 || maxPerPage > 100) throw new RangeError("maxPerPage must be within the spec's 5..100");
  if (defaultPerPage < 5 || defaultPerPage > maxPerPage) throw new RangeError("defaultPerPage must be within 5..maxPerPage (per_page's minimum is 5)");
  const defaultAccount: PraApiAccountOptions = {
    clientId: randomBytes(20).toString("hex"),
    clientSecret: randomBytes(30).toString("base64url"),
    name: "pam-reconciler (default)",
  };
  const accounts = [defaultAccount, ...(options.apiAccounts ?? [])].map(resolveAccount);
  const ids = accounts.map((a) => a.clientId);
  if (new Set(ids).size !== ids.length) throw new Error("API account client ids must be unique");
  return {
    accounts,
    scimToken: options.scimToken ?? randomBytes(32).toString("base64url"),
    rateLimitPerSecond: options.rateLimitPerSecond ?? 20,
    rateLimitPerHour: options.rateLimitPerHour ?? 15000,
    rateLimitStatus: options.rateLimitStatus ?? 429,
    maxPerPage,
    defaultPerPage,
    scimMaxCount: options.scimMaxCount ?? 100,
    scimPatch: options.scimPatch ?? false,
    scimFilter: options.scimFilter ?? false,
    scimUnsupportedFilter: options.scimUnsupportedFilter ?? "reject",
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    maxLiveTokensPerAccount: options.maxLiveTokensPerAccount ?? 30,
    product: options.product ?? "bpam",
    company: options.company ?? "contoso",
    seed: options.seed ?? {},
    clock: options.clock ?? Date.now,
  };
}
