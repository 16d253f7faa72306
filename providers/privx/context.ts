// What one provider process knows about one PrivX SCIM directory: the client built from the
// configuration once (one OAuth2 token per process), and indexes of users and hosts read once
// by a paged listing. Every PrivX provider in the process shares it.
import { retrySettingsFrom, type ConfigGetter } from "../../lib/provider/provider-config";
import type { RetryPolicy } from "../../lib/http";
import { ProcessContext } from "../../lib/provider/process-context";
import { DEFAULT_RELINK_POLICY, relinkPolicyFrom, type RelinkPolicy } from "../../lib/provider/adoption-rules";
import { RemoteIndex } from "../../lib/provider/remote-index";
import { configureDialect, createScimClient, scimAuth, type ScimClient, type ScimResource, type ScimUser } from "../../lib/scim";
import { privxSettingsFrom, type PrivxSettings } from "./settings";

export interface PrivxContext {
  settings: PrivxSettings;
  scim: ScimClient;
  users: RemoteIndex<ScimUser>;
  /** Host resources as PrivX returns them; host-format.ts reads them. */
  hosts: RemoteIndex<ScimResource>;
  /** What create does with a user or host held under another externalId (lib/provider/adoption-rules.ts). */
  relinkPolicy: RelinkPolicy;
}

const PRODUCT = "PrivX SCIM";

export function createPrivxContext(
  settings: PrivxSettings,
  retry: Partial<RetryPolicy> = {},
  relinkPolicy: RelinkPolicy = DEFAULT_RELINK_POLICY,
): PrivxContext {
  const endpoints: Record<string, string> = {};
  if (settings.usersPath) endpoints.User = settings.usersPath;
  if (settings.hostsPath) endpoints.Host = settings.hostsPath;
  const scim = createScimClient({
    baseUrl: settings.scimUrl,
    dialect: configureDialect("privx", { endpoints }),
    auth: scimAuth(PRODUCT, settings.auth, { retry }),
    product: PRODUCT,
    http: { retry },
  });
  return {
    settings,
    scim,
    users: new RemoteIndex(() => scim.resource<ScimUser>("User").list()),
    hosts: new RemoteIndex(() => scim.resource<ScimResource>("Host").list()),
    relinkPolicy,
  };
}

/** The context for the settings in the stack config (or environment) `get` reads. */
export function privxContextFrom(get: ConfigGetter): PrivxContext {
  return createPrivxContext(privxSettingsFrom(get), retrySettingsFrom(get), relinkPolicyFrom(get));
}

/** A PrivX context that a provider process (or a test's simulated one) builds on its first configure. */
export function newPrivxProcess(): ProcessContext<PrivxContext> {
  return new ProcessContext(privxContextFrom);
}

/** This provider process's PrivX context, shared by every PrivX provider the process loads. */
export const privxProcess = newPrivxProcess();
