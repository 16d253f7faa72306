// The PRA Configuration API client: the one place that knows PRA's transport rules (OAuth
// client credentials at /oauth2/token, 20 requests/s per API account, Connection: close,
// Link / X-BT-Pagination-* paging, 201 without a body for members) and turns them into typed
// methods for the providers. Every list reads every page.
import {
  ApiError,
  clientSideError,
  createHttpClient,
  deleteIdempotently,
  findLink,
  OAuthClientCredentials,
  parseLinkHeader,
  TokenBucket,
  whenFound,
  type Clock,
  type HttpClient,
  type HttpLogger,
  type PoolRegistry,
  type QueryValue,
  type RateLimit,
  type RetryPolicy,
} from "../../lib/http";
import {
  groupPolicyEndpoint,
  groupPolicyJumpGroupEndpoint,
  groupPolicyMemberEndpoint,
  jumpGroupEndpoint,
  jumpItemRoleEndpoint,
  jumpPolicyEndpoint,
  memberIdentity,
  securityProviderEndpoint,
  userEndpoint,
  writableBody,
  type GroupPolicy,
  type GroupPolicyFields,
  type GroupPolicyJumpGroup,
  type GroupPolicyMember,
  type JumpGroup,
  type JumpItemRole,
  type JumpPolicy,
  type NewGroupPolicyMember,
  type ScimSecurityProvider,
  type SecurityProvider,
  type User,
  type UserFilter,
} from "./api";

export const PRA_PRODUCT = "pra";
/** PRA's published limit per API account. */
export const PRA_MAX_REQUESTS_PER_SECOND = 20;
/** At most 15 + 3 = 18 requests fall in any one-second window: headroom under PRA's 20 for network jitter. */
export const PRA_DEFAULT_RATE_LIMIT: RateLimit = Object.freeze({ perSecond: 15, burst: 3 });

export interface PraClientOptions {
  /** Site URL, e.g. https://pra.example.com: no trailing slash, no /api path. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** Page size, 5..100 (default 100, PRA's maximum). */
  perPage?: number;
  /**
   * Client-side limit shared by API and token calls (default 15/s, burst 3; at most 20/s). Pass
   * a TokenBucket to share one budget with the SCIM client of the same API account.
   */
  rateLimit?: RateLimit | TokenBucket;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  userAgent?: string;
  logger?: HttpLogger;
  /** For tests: virtual time and a private pool registry. */
  clock?: Clock;
  pools?: PoolRegistry;
}

export interface PraClient {
  /** `${url}/api/config/v1` */
  readonly baseUrl: string;
  readonly http: HttpClient;

  listGroupPolicies(filter?: { name?: string }): AsyncIterable<GroupPolicy>;
  /** The policy with exactly this name; CONFLICT when several have it. */
  findGroupPolicyByName(name: string): Promise<GroupPolicy | undefined>;
  getGroupPolicy(id: number): Promise<GroupPolicy | undefined>;
  createGroupPolicy(fields: GroupPolicyFields): Promise<GroupPolicy>;
  updateGroupPolicy(id: number, fields: Partial<GroupPolicyFields>): Promise<GroupPolicy>;
  deleteGroupPolicy(id: number): Promise<"deleted" | "gone">;
  /** Must follow any membership or permission change: PRA does not reflect it until then. */
  provisionGroupPolicy(id: number): Promise<void>;

  listGroupPolicyMembers(policyId: number): AsyncIterable<GroupPolicyMember>;
  /** Adds the member and finds its id by listing (PRA answers 201 with no body). */
  addGroupPolicyMember(policyId: number, member: NewGroupPolicyMember): Promise<GroupPolicyMember>;
  /** Adds a member without finding its id afterwards (PRA answers 201 with no body): one call. */
  postGroupPolicyMember(policyId: number, member: NewGroupPolicyMember): Promise<void>;
  removeGroupPolicyMember(policyId: number, memberId: number): Promise<"deleted" | "gone">;

  listGroupPolicyJumpGroups(policyId: number): AsyncIterable<GroupPolicyJumpGroup>;
  addGroupPolicyJumpGroup(policyId: number, link: GroupPolicyJumpGroup): Promise<void>;
  removeGroupPolicyJumpGroup(policyId: number, jumpGroupId: number): Promise<"deleted" | "gone">;

  listJumpGroups(filter?: { name?: string; code_name?: string }): AsyncIterable<JumpGroup>;
  findJumpGroupByName(name: string): Promise<JumpGroup | undefined>;
  listJumpItemRoles(filter?: { name?: string }): AsyncIterable<JumpItemRole>;
  findJumpItemRoleByName(name: string): Promise<JumpItemRole | undefined>;
  listJumpPolicies(filter?: { code_name?: string }): AsyncIterable<JumpPolicy>;
  /** By display_name (the spec filters jump policies by code_name only, so this lists them). */
  findJumpPolicyByName(name: string): Promise<JumpPolicy | undefined>;

  listSecurityProviders(): AsyncIterable<SecurityProvider>;
  /** The SCIM security provider with its SCIM settings, undefined when none is configured. */
  findScimSecurityProvider(): Promise<ScimSecurityProvider | undefined>;

  listUsers(filter?: UserFilter): AsyncIterable<User>;
  /** Recalculates these users' permissions; an empty list provisions every user. */
  provisionUsers(userIds: readonly number[]): Promise<void>;
}

/** The Configuration API base for a site URL, or a VALIDATION error saying what to fix. */
export function praConfigBaseUrl(url: string): string {
  return `${checkedSiteUrl(url, "praUrl")}/api/config/v1`;
}

/** Validates a PRA site URL (shared by the Configuration API and SCIM clients). */
export function checkedSiteUrl(url: string, setting: string): string {
  const fail = (detail: string) => clientSideError(PRA_PRODUCT, "VALIDATION", { detail: `${setting} ${detail}`, advice: `Set ${setting} to the site URL, e.g. https://pra.example.com` });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail("is not a URL");
  }
  if (parsed.protocol !== "https:") throw fail("must use https");
  if (url.endsWith("/")) throw fail("must not end with '/' (PRA answers 405 to a doubled slash)");
  if (/\/api(\/|$)/.test(parsed.pathname)) throw fail("must be the site URL without an /api path");
  if (parsed.search || parsed.hash) throw fail("must not have a query or fragment");
  return url;
}

function headerInt(headers: Record<string, string>, name: string): number | undefined {
  const n = Number(headers[name]);
  return headers[name] !== undefined && Number.isInteger(n) ? n : undefined;
}

/** Exact name match first; otherwise PRA's own case-insensitive match. More than one is ambiguous. */
function pickByName<T>(items: T[], name: string, nameOf: (item: T) => string | undefined, typeName: string, url: string): T | undefined {
  const exact = items.filter((i) => nameOf(i) === name);
  const candidates = exact.length ? exact : items.filter((i) => nameOf(i)?.toLowerCase() === name.toLowerCase());
  if (candidates.length > 1) {
    throw clientSideError(PRA_PRODUCT, "CONFLICT", { method: "GET", url, detail: `${candidates.length} ${typeName} resources are named "${name}"`, advice: "Rename the duplicates in PRA so names are unique." });
  }
  return candidates[0];
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function createPraClient(options: PraClientOptions): PraClient {
  const baseUrl = praConfigBaseUrl(options.url);
  const perPage = options.perPage ?? 100;
  if (!Number.isInteger(perPage) || perPage < 5 || perPage > 100) {
    throw clientSideError(PRA_PRODUCT, "VALIDATION", { detail: `perPage must be an integer from 5 to 100, got ${perPage}` });
  }
  const rateLimit = options.rateLimit ?? PRA_DEFAULT_RATE_LIMIT;
  if (!(rateLimit instanceof TokenBucket) && rateLimit.perSecond > PRA_MAX_REQUESTS_PER_SECOND) {
    throw clientSideError(PRA_PRODUCT, "VALIDATION", { detail: `rate limit ${rateLimit.perSecond}/s is above PRA's ${PRA_MAX_REQUESTS_PER_SECOND}/s per API account` });
  }
  // One bucket for API and token calls: PRA counts both against the same API account.
  const bucket = rateLimit instanceof TokenBucket ? rateLimit : new TokenBucket(rateLimit, options.clock);
  const transport = {
    rateLimit: bucket,
    retry: options.retry,
    connectionClose: true,
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
    logger: options.logger,
    clock: options.clock,
    pools: options.pools,
  };
  const auth = new OAuthClientCredentials({
    product: PRA_PRODUCT,
    tokenUrl: `${options.url}/oauth2/token`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    http: transport,
  });
  const http = createHttpClient({
    ...transport,
    product: PRA_PRODUCT,
    baseUrl,
    auth,
    errorAdvice: {
      UNAUTHORIZED:
        "PRA refused the request after a fresh token: check the API account's Configuration API permission; PRA also answers 401 to unknown query parameters or body fields.",
      FORBIDDEN: "Give the PRA API account permission to use the Configuration API (/login > Management > API Configuration).",
    },
  });

  /**
   * Every item of a collection, page after page: the Link header's rel="next" when present,
   * else the X-BT-Pagination-* page numbers, else another page while pages come back full.
   */
  async function* paginate<T>(path: string, filters: Record<string, QueryValue>, paged: boolean): AsyncIterable<T> {
    let target = path;
    let query: Record<string, QueryValue> | undefined = paged ? { ...filters, per_page: perPage, current_page: 1 } : filters;
    let page = 1;
    const visited = new Set<string>();
    for (;;) {
      const res = await http.get<T[]>(target, { query });
      visited.add(res.url);
      if (!Array.isArray(res.body)) {
        throw new ApiError({ code: "BAD_RESPONSE", product: PRA_PRODUCT, method: "GET", url: res.url, status: res.status, retryable: false, detail: "a list answer is not a JSON array" });
      }
      yield* res.body;
      const next = findLink(parseLinkHeader(res.headers.link, res.url), "next");
      const current = headerInt(res.headers, "x-bt-pagination-current-page") ?? page;
      const last = headerInt(res.headers, "x-bt-pagination-last-page");
      let nextUrl: string | undefined;
      if (next) {
        nextUrl = next;
      } else if (last !== undefined) {
        if (current >= last) return;
        const u = http.resolve(path, { ...filters, per_page: perPage, current_page: current + 1 });
        nextUrl = u.toString();
      } else if (paged && res.body.length >= perPage) {
        nextUrl = http.resolve(path, { ...filters, per_page: perPage, current_page: current + 1 }).toString();
      } else {
        return;
      }
      if (visited.has(nextUrl)) {
        throw new ApiError({ code: "BAD_RESPONSE", product: PRA_PRODUCT, method: "GET", url: res.url, status: res.status, retryable: false, detail: "the next page is a page already read: paging does not advance" });
      }
      target = nextUrl;
      query = undefined;
      page = current + 1;
    }
  }

  /** The created object's id, from the body or else the Location header's last segment. */
  function createdId(body: unknown, location: string | undefined, url: string, status: number): number {
    const fromBody = body && typeof body === "object" ? (body as { id?: unknown }).id : undefined;
    if (typeof fromBody === "number" && Number.isInteger(fromBody)) return fromBody;
    const fromLocation = location ? Number(/\/(\d+)\/?$/.exec(new URL(location, url).pathname)?.[1]) : NaN;
    if (Number.isInteger(fromLocation) && fromLocation > 0) return fromLocation;
    throw new ApiError({ code: "BAD_RESPONSE", product: PRA_PRODUCT, method: "POST", url, status, retryable: false, detail: "the created object's id is in neither the body nor the Location header" });
  }

  const ep = groupPolicyEndpoint;

  async function getGroupPolicy(id: number): Promise<GroupPolicy | undefined> {
    return whenFound(http.get<GroupPolicy>(ep.item(id)).then((r) => r.body));
  }

  async function postGroupPolicyMember(policyId: number, member: NewGroupPolicyMember): Promise<void> {
    const mep = groupPolicyMemberEndpoint;
    const path = mep.collection(policyId);
    const body = writableBody({ typeName: mep.typeName, method: "POST", path }, mep.fields, member, ["security_provider_id"]);
    const identifying = ["group_name", "distinguished_name", "user_id"].filter((f) => body[f] !== undefined);
    if (identifying.length !== 1) {
      throw clientSideError(PRA_PRODUCT, "VALIDATION", { method: "POST", url: path, detail: `a member needs exactly one of group_name, distinguished_name, user_id (got ${identifying.join(", ") || "none"})` });
    }
    await http.post(path, { json: body });
  }

  const listGroupPolicyMembers = (policyId: number) =>
    paginate<GroupPolicyMember>(groupPolicyMemberEndpoint.collection(policyId), {}, groupPolicyMemberEndpoint.paged);
  const listSecurityProviders = () => paginate<SecurityProvider>(securityProviderEndpoint.collection, {}, true);

  async function findByName<T>(items: AsyncIterable<T>, name: string, nameOf: (item: T) => string | undefined, typeName: string, collection: string): Promise<T | undefined> {
    return pickByName(await collect(items), name, nameOf, typeName, http.resolve(collection).toString());
  }

  return {
    baseUrl,
    http,

    listGroupPolicies: (filter = {}) => paginate<GroupPolicy>(ep.collection, { name: filter.name }, ep.paged),
    findGroupPolicyByName: (name) => findByName(paginate<GroupPolicy>(ep.collection, { name }, ep.paged), name, (p) => p.name, ep.typeName, ep.collection),
    getGroupPolicy,
    async createGroupPolicy(fields) {
      const body = writableBody({ typeName: ep.typeName, method: "POST", path: ep.collection }, ep.fields, fields, ["name"]);
      const res = await http.post<GroupPolicy | undefined>(ep.collection, { json: body });
      if (res.body && typeof res.body === "object" && typeof res.body.id === "number") return res.body;
      const id = createdId(res.body, res.headers.location, res.url, res.status);
      const created = await getGroupPolicy(id);
      if (!created) throw new ApiError({ code: "BAD_RESPONSE", product: PRA_PRODUCT, method: "GET", url: http.resolve(ep.item(id)).toString(), retryable: true, detail: `group policy ${id} was created but cannot be read back` });
      return created;
    },
    async updateGroupPolicy(id, fields) {
      const path = ep.item(id);
      const body = writableBody({ typeName: ep.typeName, method: "PATCH", path }, ep.fields, fields as Record<string, unknown>);
      const res = await http.patch<GroupPolicy | undefined>(path, { json: body });
      if (res.body && typeof res.body === "object") return res.body;
      const updated = await getGroupPolicy(id);
      if (!updated) throw clientSideError(PRA_PRODUCT, "NOT_FOUND", { method: "GET", url: http.resolve(path).toString(), detail: `group policy ${id} disappeared after the update` });
      return updated;
    },
    deleteGroupPolicy: (id) => deleteIdempotently(http.delete(ep.item(id))),
    async provisionGroupPolicy(id) {
      // Provisioning recalculates and can be repeated safely, so it is retried like a GET.
      await http.post(ep.provision(id), { idempotent: true });
    },

    listGroupPolicyMembers,
    postGroupPolicyMember,
    async addGroupPolicyMember(policyId, member) {
      const path = groupPolicyMemberEndpoint.collection(policyId);
      await postGroupPolicyMember(policyId, member);
      const wanted = memberIdentity(member);
      const matches = (await collect(listGroupPolicyMembers(policyId))).filter((m) => memberIdentity(m) === wanted);
      if (!matches.length) {
        throw new ApiError({ code: "BAD_RESPONSE", product: PRA_PRODUCT, method: "GET", url: http.resolve(path).toString(), retryable: true, detail: "the member was added but is not in the policy's member list" });
      }
      // Should PRA ever hold the same member twice, the newest (highest id) is the one just added.
      return matches.reduce((a, b) => (b.id > a.id ? b : a));
    },
    removeGroupPolicyMember: (policyId, memberId) => deleteIdempotently(http.delete(groupPolicyMemberEndpoint.item(policyId, memberId))),

    listGroupPolicyJumpGroups: (policyId) => paginate<GroupPolicyJumpGroup>(groupPolicyJumpGroupEndpoint.collection(policyId), {}, groupPolicyJumpGroupEndpoint.paged),
    async addGroupPolicyJumpGroup(policyId, link) {
      const jep = groupPolicyJumpGroupEndpoint;
      const path = jep.collection(policyId);
      const body = writableBody({ typeName: jep.typeName, method: "POST", path }, jep.fields, link, ["jump_group_id"]);
      await http.post(path, { json: body });
    },
    removeGroupPolicyJumpGroup: (policyId, jumpGroupId) => deleteIdempotently(http.delete(groupPolicyJumpGroupEndpoint.item(policyId, jumpGroupId))),

    listJumpGroups: (filter = {}) => paginate<JumpGroup>(jumpGroupEndpoint.collection, { name: filter.name, code_name: filter.code_name }, true),
    findJumpGroupByName: (name) =>
      findByName(paginate<JumpGroup>(jumpGroupEndpoint.collection, { name }, true), name, (g) => g.name, jumpGroupEndpoint.typeName, jumpGroupEndpoint.collection),
    listJumpItemRoles: (filter = {}) => paginate<JumpItemRole>(jumpItemRoleEndpoint.collection, { name: filter.name }, true),
    findJumpItemRoleByName: (name) =>
      findByName(paginate<JumpItemRole>(jumpItemRoleEndpoint.collection, { name }, true), name, (r) => r.name, jumpItemRoleEndpoint.typeName, jumpItemRoleEndpoint.collection),
    listJumpPolicies: (filter = {}) => paginate<JumpPolicy>(jumpPolicyEndpoint.collection, { code_name: filter.code_name }, true),
    findJumpPolicyByName: (name) =>
      findByName(paginate<JumpPolicy>(jumpPolicyEndpoint.collection, {}, true), name, (p) => p.display_name, jumpPolicyEndpoint.typeName, jumpPolicyEndpoint.collection),

    listSecurityProviders,
    async findScimSecurityProvider() {
      const scim = (await collect(listSecurityProviders())).filter((p) => p.type === "scim");
      if (scim.length > 1) {
        throw clientSideError(PRA_PRODUCT, "CONFLICT", { method: "GET", url: http.resolve(securityProviderEndpoint.collection).toString(), detail: `${scim.length} SCIM security providers exist; PRA allows one` });
      }
      if (!scim.length) return undefined;
      // The list holds the common fields only; the SCIM settings come with the provider itself.
      return (await whenFound(http.get<ScimSecurityProvider>(securityProviderEndpoint.item(scim[0].id)).then((r) => r.body))) ?? undefined;
    },

    listUsers: (filter = {}) =>
      paginate<User>(userEndpoint.collection, { security_provider_id: filter.security_provider_id, username: filter.username, email_address: filter.email_address }, true),
    async provisionUsers(userIds) {
      if (userIds.some((id) => !Number.isInteger(id) || id < 1)) {
        throw clientSideError(PRA_PRODUCT, "VALIDATION", { method: "POST", url: userEndpoint.provision, detail: "user ids must be positive integers" });
      }
      await http.post(userEndpoint.provision, { json: { user_ids: [...userIds] }, idempotent: true });
    },
  };
}
