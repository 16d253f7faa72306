// What one provider process knows about one PrivX SCIM directory: the client built from the
// configuration once (one OAuth2 token per process), and indexes of users and hosts read once
// by a paged listing. Every PrivX provider in the process shares it.
import type * as pulumi from "@pulumi/pulumi";
import { applyCommonSettings, configGetter, type ConfigGetter } from "../../lib/provider/provider-config";
import { RemoteIndex } from "../../lib/provider/remote-index";
import { configureDialect, createScimClient, scimAuth, type ScimClient, type ScimResource, type ScimUser } from "../../lib/scim";
import { privxSettingsFrom, type PrivxSettings } from "./settings";

export interface PrivxContext {
  settings: PrivxSettings;
  scim: ScimClient;
  users: RemoteIndex<ScimUser>;
  /** Host resources as PrivX returns them; host-format.ts reads them. */
  hosts: RemoteIndex<ScimResource>;
}

const PRODUCT = "PrivX SCIM";

let current: PrivxContext | undefined;

export function createPrivxContext(settings: PrivxSettings): PrivxContext {
  const endpoints: Record<string, string> = {};
  if (settings.usersPath) endpoints.User = settings.usersPath;
  if (settings.hostsPath) endpoints.Host = settings.hostsPath;
  const scim = createScimClient({
    baseUrl: settings.scimUrl,
    dialect: configureDialect("privx", { endpoints }),
    auth: scimAuth(PRODUCT, settings.auth),
    product: PRODUCT,
  });
  return {
    settings,
    scim,
    users: new RemoteIndex(() => scim.resource<ScimUser>("User").list()),
    hosts: new RemoteIndex(() => scim.resource<ScimResource>("Host").list()),
  };
}

function contextFrom(get: ConfigGetter): PrivxContext {
  applyCommonSettings(get);
  return createPrivxContext(privxSettingsFrom(get));
}

/** Called from every PrivX provider's `configure`; the first call wins. */
export async function configurePrivx(req: pulumi.dynamic.ConfigureRequest | undefined): Promise<void> {
  current ??= contextFrom(configGetter(req));
}

export function privxContext(): PrivxContext {
  // A provider run without configure (e.g. an older engine): the environment is the only source.
  current ??= contextFrom(configGetter(undefined));
  return current;
}

/**
 * Forgets this process's context, as a new provider process would start without one. Tests use
 * it to configure again or to read through fresh indexes; providers never call it.
 */
export function resetPrivxContextForTests(): void {
  current = undefined;
}
