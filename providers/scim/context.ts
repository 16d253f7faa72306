// What one provider process knows about one SCIM application: the client, built once from the
// configuration after reading the server's /ServiceProviderConfig (PATCH and filter only when
// the server says it has them), and indexes of users and groups read once by a paged listing.
import type * as pulumi from "@pulumi/pulumi";
import { applyCommonSettings, configGetter, type ConfigGetter } from "../../lib/provider/provider-config";
import { RemoteIndex } from "../../lib/provider/remote-index";
import { configureDialect, createScimClient, discoverCapabilities, overridesFrom, scimAuth, type ScimClient, type ScimGroup, type ScimUser } from "../../lib/scim";
import { scimSettingsFrom, type ScimSettings } from "./settings";

export interface ScimContext {
  settings: ScimSettings;
  /** The client with the server's capabilities; discovery runs on first use. */
  client(): Promise<ScimClient>;
  users: RemoteIndex<ScimUser>;
  groups: RemoteIndex<ScimGroup>;
}

const PRODUCT = "scim";
let current: ScimContext | undefined;

async function* listing<T extends ScimUser | ScimGroup>(client: () => Promise<ScimClient>, type: "User" | "Group"): AsyncIterable<T> {
  yield* (await client()).resource<T>(type).list();
}

export function createScimContext(settings: ScimSettings): ScimContext {
  // One AuthProvider for the probe and the client: one OAuth2 token per process.
  const auth = scimAuth(PRODUCT, settings.auth);
  let client: Promise<ScimClient> | undefined;
  const clientOf = () => {
    client ??= (async () => {
      const probe = createScimClient({ baseUrl: settings.baseUrl, dialect: configureDialect("generic"), auth, product: PRODUCT });
      const capabilities = await discoverCapabilities(probe.http);
      return createScimClient({ baseUrl: settings.baseUrl, dialect: configureDialect("generic", { ...overridesFrom(capabilities), pageSize: settings.pageSize }), auth, product: PRODUCT });
    })();
    client.catch(() => (client = undefined));
    return client;
  };
  return {
    settings,
    client: clientOf,
    users: new RemoteIndex(() => listing<ScimUser>(clientOf, "User")),
    groups: new RemoteIndex(() => listing<ScimGroup>(clientOf, "Group")),
  };
}

function contextFrom(get: ConfigGetter): ScimContext {
  applyCommonSettings(get);
  return createScimContext(scimSettingsFrom(get));
}

/** Called from every SCIM provider's `configure`; the first call wins. */
export async function configureScim(req: pulumi.dynamic.ConfigureRequest | undefined): Promise<void> {
  current ??= contextFrom(configGetter(req));
}

export function scimContext(): ScimContext {
  current ??= contextFrom(configGetter(undefined));
  return current;
}

/** Forgets this process's context, as a new provider process would start without one (tests only). */
export function resetScimContextForTests(): void {
  current = undefined;
}
