// What one provider process knows about one PRA site: clients built from the configuration
// once, and indexes of objects read once. Every PRA provider in the process shares it.
import { retrySettingsFrom, type ConfigGetter } from "../../lib/provider/provider-config";
import { ProcessContext } from "../../lib/provider/process-context";
import { DEFAULT_RELINK_POLICY, relinkPolicyFrom, type RelinkPolicy } from "../../lib/provider/adoption-rules";
import { ProviderError } from "../../lib/provider/errors";
import { RemoteIndex } from "../../lib/provider/remote-index";
import type { ScimClient, ScimGroup, ScimUser } from "../../lib/scim";
import { TokenBucket, type RetryPolicy } from "../../lib/http";
import { createPraClient, PRA_DEFAULT_RATE_LIMIT, type PraClient } from "./client";
import { praScimClient } from "./client-scim";
import {
  groupPolicyEndpoint,
  jumpGroupEndpoint,
  jumpItemRoleEndpoint,
  jumpPolicyEndpoint,
  TOP_LEVEL,
  userEndpoint,
  type GroupPolicy,
  type JumpGroup,
  type JumpItemRole,
  type JumpPolicy,
  type ScimSecurityProvider,
} from "./api";
import type { User } from "./api";
import { praSettingsFrom, requireSetting, type PraSettings } from "./settings";

export interface PraContext {
  settings: PraSettings;
  scim: ScimClient;
  scimUsers: RemoteIndex<ScimUser>;
  scimGroups: RemoteIndex<ScimGroup>;
  /** What create does with a user linked to another externalId (lib/provider/adoption-rules.ts). */
  relinkPolicy: RelinkPolicy;
  /** The Configuration API; created on first use because only group policies need it. */
  api(): PraClient;
  /** Every group policy, read once by a paged listing. */
  groupPolicies: RemoteIndex<GroupPolicy>;
  /** Lookups that every group policy shares, read once per process. */
  lookups(): Promise<PraLookups>;
}

export interface PraLookups {
  scimProvider: ScimSecurityProvider;
  jumpGroups: JumpGroup[];
  jumpItemRoles: JumpItemRole[];
  jumpPolicies: JumpPolicy[];
  /** Configuration API users of the SCIM security provider, by username (lowercase). */
  scimProviderUsers: Map<string, User>;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function createPraContext(settings: PraSettings, retry: Partial<RetryPolicy> = {}, relinkPolicy: RelinkPolicy = DEFAULT_RELINK_POLICY): PraContext {
  // PRA's limit (20/s, 15,000/h) is per API account, and the SCIM token belongs to the same
  // account as the OAuth client: both clients draw from one budget.
  const budget = new TokenBucket(PRA_DEFAULT_RATE_LIMIT);
  const scim = praScimClient({ url: settings.url, token: requireSetting(settings, "scimToken", "praScimToken"), http: { rateLimit: budget, retry } });
  let api: PraClient | undefined;
  let lookups: Promise<PraLookups> | undefined;
  const context: PraContext = {
    settings,
    scim,
    scimUsers: new RemoteIndex(() => scim.resource<ScimUser>("User").list()),
    scimGroups: new RemoteIndex(() => scim.resource<ScimGroup>("Group").list()),
    relinkPolicy,
    api: () =>
      (api ??= createPraClient({
        url: settings.url,
        clientId: requireSetting(settings, "clientId", "praClientId"),
        clientSecret: requireSetting(settings, "clientSecret", "praClientSecret"),
        rateLimit: budget,
        retry,
      })),
    groupPolicies: new RemoteIndex(() => context.api().list(groupPolicyEndpoint, TOP_LEVEL)),
    lookups: () => {
      lookups ??= (async () => {
        const client = context.api();
        const scimProvider = await client.findScimSecurityProvider();
        if (!scimProvider) {
          throw new ProviderError({
            code: "PRECONDITION",
            target: "PRA",
            object: "SCIM security provider",
            detail: "PRA has no SCIM security provider",
            remedy: "Create one (Users & Security → Security Providers → SCIM) before provisioning users",
          });
        }
        const [jumpGroups, jumpItemRoles, jumpPolicies, users] = await Promise.all([
          collect(client.list(jumpGroupEndpoint, TOP_LEVEL)),
          collect(client.list(jumpItemRoleEndpoint, TOP_LEVEL)),
          collect(client.list(jumpPolicyEndpoint, TOP_LEVEL)),
          collect(client.list(userEndpoint, TOP_LEVEL, { security_provider_id: scimProvider.id })),
        ]);
        return { scimProvider, jumpGroups, jumpItemRoles, jumpPolicies, scimProviderUsers: new Map(users.map((u) => [u.username.toLowerCase(), u])) };
      })();
      lookups.catch(() => (lookups = undefined));
      return lookups;
    },
  };
  return context;
}

/** The context for the settings in the stack config (or environment) `get` reads. */
export function praContextFrom(get: ConfigGetter): PraContext {
  return createPraContext(praSettingsFrom(get), retrySettingsFrom(get), relinkPolicyFrom(get));
}

/** A PRA context that a provider process (or a test's simulated one) builds on its first configure. */
export function newPraProcess(): ProcessContext<PraContext> {
  return new ProcessContext(praContextFrom);
}

/** This provider process's PRA context, shared by every PRA provider the process loads. */
export const praProcess = newPraProcess();
