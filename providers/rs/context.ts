// What one provider process knows about one Remote Support site: the Configuration API client
// (PRA's, as RS's product), the group policies listed once, and the lookups every policy
// shares (its SAML security provider by name, jump groups, jump item roles), read once.
import { retrySettingsFrom, type ConfigGetter } from "../../lib/provider/provider-config";
import { ProcessContext } from "../../lib/provider/process-context";
import { ProviderError } from "../../lib/provider/errors";
import { RemoteIndex } from "../../lib/provider/remote-index";
import type { RetryPolicy } from "../../lib/http";
import { createPraClient, type PraClient } from "../pra/client";
import { jumpGroupEndpoint, jumpItemRoleEndpoint, securityProviderEndpoint, type JumpGroup, type JumpItemRole, type SecurityProvider } from "../pra/api";
import { rsGroupPolicyEndpoint, TOP_LEVEL, type RsGroupPolicy } from "./api";
import { RS_SITE, rsSettingsFrom, type RsSettings } from "./settings";

export interface RsContext {
  settings: RsSettings;
  api(): PraClient;
  groupPolicies: RemoteIndex<RsGroupPolicy>;
  lookups(): Promise<RsLookups>;
  /** The security provider named so (members are its SAML groups), read once per name. */
  securityProvider(name: string): Promise<SecurityProvider>;
}

export interface RsLookups {
  securityProviders: SecurityProvider[];
  jumpGroups: JumpGroup[];
  jumpItemRoles: JumpItemRole[];
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * The security provider named `name`, exactly. The one place RS's security providers are looked
 * up (BeyondTrust's newer platform moves them out of the product: see api-facts).
 */
export function securityProviderNamed(providers: readonly SecurityProvider[], name: string): SecurityProvider {
  const found = providers.filter((p) => p.name === name);
  if (found.length === 1) return found[0];
  const known =
    providers
      .map((p) => `"${p.name}"`)
      .sort()
      .join(", ") || "none";
  throw new ProviderError({
    code: found.length ? "CONFLICT" : "NOT_FOUND",
    target: "Remote Support",
    object: `security provider "${name}"`,
    detail: found.length
      ? `${found.length} security providers are named "${name}"`
      : `Remote Support has no security provider named "${name}" (it has: ${known})`,
    remedy:
      "Set rs.securityProvider in the mappings to the name of the SAML security provider your representatives sign in with (Users & Security → Security Providers)",
  });
}

export function createRsContext(settings: RsSettings, retry: Partial<RetryPolicy> = {}): RsContext {
  let api: PraClient | undefined;
  let lookups: Promise<RsLookups> | undefined;
  const context: RsContext = {
    settings,
    api: () => (api ??= createPraClient({ url: settings.url, clientId: settings.clientId, clientSecret: settings.clientSecret, product: RS_SITE, retry })),
    groupPolicies: new RemoteIndex(() => context.api().list(rsGroupPolicyEndpoint, TOP_LEVEL)),
    lookups: () => {
      lookups ??= (async () => {
        const client = context.api();
        const [securityProviders, jumpGroups, jumpItemRoles] = await Promise.all([
          collect(client.list(securityProviderEndpoint, TOP_LEVEL)),
          collect(client.list(jumpGroupEndpoint, TOP_LEVEL)),
          collect(client.list(jumpItemRoleEndpoint, TOP_LEVEL)),
        ]);
        return { securityProviders, jumpGroups, jumpItemRoles };
      })();
      lookups.catch(() => (lookups = undefined));
      return lookups;
    },
    securityProvider: async (name) => securityProviderNamed((await context.lookups()).securityProviders, name),
  };
  return context;
}

export function rsContextFrom(get: ConfigGetter): RsContext {
  return createRsContext(rsSettingsFrom(get), retrySettingsFrom(get));
}

export function newRsProcess(): ProcessContext<RsContext> {
  return new ProcessContext(rsContextFrom);
}

/** This provider process's RS context, shared by every RS provider the process loads. */
export const rsProcess = newRsProcess();
