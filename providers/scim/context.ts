// What one provider process knows about one SCIM application: the client, built once from the
// configuration after reading the server's /ServiceProviderConfig (PATCH and filter only when
// the server says it has them), and indexes of users and groups read once by a paged listing.
// Every SCIM provider in the process shares it.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { ProcessContext } from "../../lib/provider/process-context";
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
    // A failed discovery is not remembered: the next call tries again.
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

/** The context for the settings in the stack config (or environment) `get` reads. */
export function scimContextFrom(get: ConfigGetter): ScimContext {
  return createScimContext(scimSettingsFrom(get));
}

/** A SCIM context that a provider process (or a test's simulated one) builds on its first configure. */
export function newScimProcess(): ProcessContext<ScimContext> {
  return new ProcessContext(scimContextFrom);
}

/** This provider process's SCIM context, shared by every SCIM provider the process loads. */
export const scimProcess = newScimProcess();
