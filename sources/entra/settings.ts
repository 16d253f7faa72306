// Entra ID settings from stack config (namespace pam-reconciler) with the Azure SDK's usual
// environment variables as fallback. Pure apart from reading the two lookups it is given.
import { invalidSetting, missingSetting } from "./errors";
import { Secret } from "./secret";

/** The stack config keys that hold Entra ID credentials (secret config, or PAM_RECONCILER_<KEY>). */
export const ENTRA_SECRET_KEYS: readonly string[] = ["entraClientSecret"];

export const entraCredentialKinds = ["clientSecret", "certificate", "workloadIdentity", "azurePipelines", "default"] as const;
export type EntraCredentialKind = (typeof entraCredentialKinds)[number];

export const PUBLIC_AUTHORITY_HOST = "https://login.microsoftonline.com";
export const PUBLIC_GRAPH_BASE_URL = "https://graph.microsoft.com";

/** GitHub Actions' OIDC token endpoint, present in a job with `permissions: id-token: write`. */
export interface GitHubActionsOidc {
  requestUrl: string;
  requestToken: Secret;
}

/** Azure Pipelines' OIDC for a workload-identity service connection. */
export interface AzurePipelinesOidc {
  serviceConnectionId: string;
  systemAccessToken: Secret;
}

export interface EntraSettings {
  /** Tenant id (GUID) or a verified domain. */
  tenantId: string;
  /** Application (client) id; optional only for `default` (e.g. a system-assigned managed identity). */
  clientId?: string;
  credential: EntraCredentialKind;
  clientSecret?: Secret;
  /** PEM file holding the certificate and its private key. */
  certificatePath?: string;
  /** File holding a federated token (re-read for every token request, as CI rotates it). */
  clientAssertionFile?: string;
  githubActionsOidc?: GitHubActionsOidc;
  azurePipelines?: AzurePipelinesOidc;
  /** https URL without a trailing slash. */
  authorityHost: string;
  /** https URL without a trailing slash or version (e.g. https://graph.microsoft.com). */
  graphBaseUrl: string;
  /** Extra CA certificates to trust (PEM file). */
  caBundle?: string;
}

export type ConfigGetter = (key: string) => string | undefined;

const guidOrDomain = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function entraSettingsFromConfig(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): EntraSettings {
  const read = (key: string, ...envNames: string[]): string | undefined => {
    const fromConfig = get(key)?.trim();
    if (fromConfig) return fromConfig;
    for (const name of envNames) {
      const value = env[name]?.trim();
      if (value) return value;
    }
    return undefined;
  };

  const tenantId = read("entraTenantId", "AZURE_TENANT_ID");
  if (!tenantId) throw missingSetting("entraTenantId", ["AZURE_TENANT_ID"]);
  if (!guidOrDomain.test(tenantId)) throw invalidSetting("entraTenantId", "expected a tenant id (GUID) or a verified domain such as contoso.com");

  const clientId = read("entraClientId", "AZURE_CLIENT_ID");
  if (clientId && !guid.test(clientId)) throw invalidSetting("entraClientId", "expected an application (client) id, a GUID");
  const clientSecretText = read("entraClientSecret", "AZURE_CLIENT_SECRET");
  const certificatePath = read("entraCertificatePath", "AZURE_CLIENT_CERTIFICATE_PATH");
  const clientAssertionFile = read("entraClientAssertionFile", "AZURE_FEDERATED_TOKEN_FILE");
  const githubActionsOidc =
    env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
      ? { requestUrl: env.ACTIONS_ID_TOKEN_REQUEST_URL, requestToken: new Secret(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) }
      : undefined;

  const credential = credentialKind(read("entraCredential"), { clientSecretText, certificatePath, clientAssertionFile, githubActionsOidc });
  const settings: EntraSettings = {
    tenantId,
    clientId,
    credential,
    authorityHost: httpsUrl("entraAuthorityHost", read("entraAuthorityHost", "AZURE_AUTHORITY_HOST") ?? PUBLIC_AUTHORITY_HOST),
    // The client adds /v1.0 itself; accept a base URL that already names the version.
    graphBaseUrl: httpsUrl("graphBaseUrl", read("graphBaseUrl") ?? PUBLIC_GRAPH_BASE_URL).replace(/\/(?:v1\.0|beta)$/, ""),
    caBundle: read("caBundle", "PAM_RECONCILER_CA_BUNDLE"),
  };
  if (credential !== "default" && !clientId) throw missingSetting("entraClientId", ["AZURE_CLIENT_ID"], `needed by entraCredential=${credential}`);

  switch (credential) {
    case "clientSecret":
      if (!clientSecretText) throw missingSetting("entraClientSecret", ["AZURE_CLIENT_SECRET"], "needed by entraCredential=clientSecret");
      settings.clientSecret = new Secret(clientSecretText);
      break;
    case "certificate":
      if (!certificatePath) throw missingSetting("entraCertificatePath", ["AZURE_CLIENT_CERTIFICATE_PATH"], "needed by entraCredential=certificate");
      settings.certificatePath = certificatePath;
      break;
    case "workloadIdentity":
      if (!clientAssertionFile && !githubActionsOidc) {
        throw missingSetting(
          "entraClientAssertionFile",
          ["AZURE_FEDERATED_TOKEN_FILE"],
          "entraCredential=workloadIdentity needs a federated token file, or a GitHub Actions job with id-token: write",
        );
      }
      settings.clientAssertionFile = clientAssertionFile;
      if (!clientAssertionFile) settings.githubActionsOidc = githubActionsOidc;
      break;
    case "azurePipelines": {
      const serviceConnectionId = env.AZURESUBSCRIPTION_SERVICE_CONNECTION_ID?.trim();
      const systemAccessToken = env.SYSTEM_ACCESSTOKEN?.trim();
      if (!serviceConnectionId)
        throw missingSetting("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID", [], "environment variable set by an AzureCLI@2 / AzurePowerShell task");
      if (!systemAccessToken) throw missingSetting("SYSTEM_ACCESSTOKEN", [], "map $(System.AccessToken) into the step's environment");
      // AzurePipelinesCredential reads this one from process.env itself; check it here so the
      // error names it before any request.
      if (!env.SYSTEM_OIDCREQUESTURI?.trim()) throw missingSetting("SYSTEM_OIDCREQUESTURI", [], "set by Azure Pipelines in every job");
      settings.azurePipelines = { serviceConnectionId, systemAccessToken: new Secret(systemAccessToken) };
      break;
    }
    case "default":
      break;
  }
  return settings;
}

/** The configured kind, or the one the available material implies. */
function credentialKind(
  configured: string | undefined,
  material: { clientSecretText?: string; certificatePath?: string; clientAssertionFile?: string; githubActionsOidc?: GitHubActionsOidc },
): EntraCredentialKind {
  if (configured) {
    if (!(entraCredentialKinds as readonly string[]).includes(configured)) {
      throw invalidSetting("entraCredential", `'${configured}' is not one of ${entraCredentialKinds.join(", ")}`);
    }
    return configured as EntraCredentialKind;
  }
  if (material.clientSecretText) return "clientSecret";
  if (material.certificatePath) return "certificate";
  if (material.clientAssertionFile || material.githubActionsOidc) return "workloadIdentity";
  return "default";
}

function httpsUrl(key: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidSetting(key, `'${value}' is not a URL`);
  }
  if (url.protocol !== "https:") throw invalidSetting(key, "must be an https:// URL");
  if (url.search || url.hash) throw invalidSetting(key, "must not carry a query or fragment");
  return url.href.replace(/\/+$/, "");
}
