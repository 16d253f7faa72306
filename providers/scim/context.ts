// What one provider process knows about one SCIM product: the client, built once from the
// configuration (after reading the server's /ServiceProviderConfig for what the product lets it
// decide: PATCH and filter only when the server says it has them), and indexes of users and
// groups read once by a paged listing. Every provider of that product in the process shares it;
// each product has its own (its own token, its own listings).
import { trustCaBundle } from "../../lib/ca-bundle";
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { ProcessContext } from "../../lib/provider/process-context";
import { DEFAULT_RELINK_POLICY, relinkPolicyFrom, type RelinkPolicy } from "../../lib/provider/adoption-rules";
import { RemoteIndex } from "../../lib/provider/remote-index";
import {
  configureDialect,
  createScimClient,
  discoverCapabilities,
  scimAuth,
  type ScimClient,
  type ScimDialectOverrides,
  type ScimGroup,
  type ScimUser,
} from "../../lib/scim";
import { scimProduct } from "./generic";
import type { ScimProduct } from "./product";
import type { ScimSettings } from "./settings";

export interface ScimContext {
  settings: ScimSettings;
  /** The client with the server's capabilities; discovery runs on first use. */
  client: () => Promise<ScimClient>;
  users: RemoteIndex<ScimUser>;
  groups: RemoteIndex<ScimGroup>;
  /** What create does with a user linked to another externalId (lib/provider/adoption-rules.ts). */
  relinkPolicy: RelinkPolicy;
}

async function* listing<T extends ScimUser | ScimGroup>(client: () => Promise<ScimClient>, type: "User" | "Group"): AsyncIterable<T> {
  yield* (await client()).resource<T>(type).list();
}

/** The dialect switches the product lets its /ServiceProviderConfig decide. */
async function discovered(product: ScimProduct, probe: ScimClient): Promise<ScimDialectOverrides> {
  if (!product.discover.patch && !product.discover.filter) return {};
  const capabilities = await discoverCapabilities(probe.http);
  return {
    ...(product.discover.patch ? { supportsPatch: capabilities.patch } : {}),
    ...(product.discover.filter ? { supportsFilter: capabilities.filter } : {}),
  };
}

export function createScimContext(settings: ScimSettings, product: ScimProduct = scimProduct, relinkPolicy: RelinkPolicy = DEFAULT_RELINK_POLICY): ScimContext {
  if (settings.caBundle) trustCaBundle(settings.caBundle);
  const name = product.name;
  // One AuthProvider for the probe and the client: one OAuth2 token per process.
  const auth = scimAuth(name, settings.auth);
  let client: Promise<ScimClient> | undefined;
  const clientOf = () => {
    client ??= (async () => {
      const probe = createScimClient({ baseUrl: settings.baseUrl, dialect: configureDialect(product.dialect), auth, product: name });
      const overrides = await discovered(product, probe);
      return createScimClient({
        baseUrl: settings.baseUrl,
        dialect: configureDialect(product.dialect, { ...overrides, pageSize: settings.pageSize }),
        auth,
        product: name,
      });
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
    relinkPolicy,
  };
}

/** The context for the settings in the stack config (or environment) `get` reads. */
export function scimContextFrom(get: ConfigGetter, product: ScimProduct = scimProduct): ScimContext {
  return createScimContext(product.settings.read(get), product, relinkPolicyFrom(get));
}

/** A product's context that a provider process (or a test's simulated one) builds on its first configure. */
export function newScimProcess(product: ScimProduct = scimProduct): ProcessContext<ScimContext> {
  return new ProcessContext((get) => scimContextFrom(get, product));
}

/** This provider process's generic SCIM context, shared by every scim provider the process loads. */
export const scimProcess = newScimProcess();
