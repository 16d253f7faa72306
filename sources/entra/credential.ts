// The @azure/identity credential the settings ask for. A non-public authority (a sovereign cloud
// proxy, the local emulator) gets instance discovery turned off, because MSAL would otherwise ask
// login.microsoftonline.com to vouch for it; trust in its certificate comes from the CA bundle.
import { readFile } from "node:fs/promises";
import {
  AzureAuthorityHosts,
  AzurePipelinesCredential,
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  type TokenCredential,
} from "@azure/identity";
import { trustCaBundle } from "../../lib/ca-bundle";
import { EntraError } from "./errors";
import { fetchGitHubActionsIdToken } from "./github-actions-oidc";
import { describeIdentityMessage } from "./identity-errors";
import type { EntraSettings } from "./settings";

/** Hosts MSAL's instance discovery knows; any other authority must skip discovery. */
const knownAuthorityHosts = new Set(
  [
    ...Object.values(AzureAuthorityHosts),
    "https://login.windows.net",
    "https://login.microsoft.com",
    "https://sts.windows.net",
    "https://login.partner.microsoftonline.cn",
    "https://login-us.microsoftonline.com",
  ].map((h) => new URL(h).host),
);

export function isKnownAuthorityHost(authorityHost: string): boolean {
  return knownAuthorityHosts.has(new URL(authorityHost).host);
}

function requireClientId(settings: EntraSettings): string {
  if (!settings.clientId)
    throw new EntraError("VALIDATION", `entraClientId is required for entraCredential=${settings.credential}.`, { details: { key: "entraClientId" } });
  return settings.clientId;
}

/** Reads the federated token anew for every token request: CI systems rotate the file. */
function assertionFromFile(file: string): () => Promise<string> {
  return async () => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (err) {
      throw new EntraError("UNAUTHORIZED", `The federated token file ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? "error"}.`, {
        details: { key: "entraClientAssertionFile" },
      });
    }
    const token = text.trim();
    if (!token) throw new EntraError("UNAUTHORIZED", `The federated token file ${file} is empty.`, { details: { key: "entraClientAssertionFile" } });
    return token;
  };
}

export function createCredential(settings: EntraSettings): TokenCredential {
  if (settings.caBundle) trustCaBundle(settings.caBundle);
  try {
    return buildCredential(settings);
  } catch (err) {
    if (err instanceof EntraError) throw err;
    // @azure/identity validates some inputs in constructors (CredentialUnavailableError).
    throw new EntraError(
      "UNAUTHORIZED",
      `Cannot set up the ${settings.credential} credential: ${describeIdentityMessage((err as Error).message ?? String(err))}`,
      {
        details: { credentialError: (err as Error).name },
      },
    );
  }
}

function buildCredential(settings: EntraSettings): TokenCredential {
  const common = {
    authorityHost: settings.authorityHost,
    disableInstanceDiscovery: !isKnownAuthorityHost(settings.authorityHost),
  };
  switch (settings.credential) {
    case "clientSecret": {
      if (!settings.clientSecret)
        throw new EntraError("VALIDATION", "entraClientSecret is required for entraCredential=clientSecret.", { details: { key: "entraClientSecret" } });
      return new ClientSecretCredential(settings.tenantId, requireClientId(settings), settings.clientSecret.reveal(), common);
    }
    case "certificate": {
      if (!settings.certificatePath)
        throw new EntraError("VALIDATION", "entraCertificatePath is required for entraCredential=certificate.", { details: { key: "entraCertificatePath" } });
      return new ClientCertificateCredential(settings.tenantId, requireClientId(settings), { certificatePath: settings.certificatePath }, common);
    }
    case "workloadIdentity": {
      const { clientAssertionFile, githubActionsOidc } = settings;
      const getAssertion = clientAssertionFile
        ? assertionFromFile(clientAssertionFile)
        : githubActionsOidc
          ? () => fetchGitHubActionsIdToken(githubActionsOidc)
          : undefined;
      if (!getAssertion) {
        throw new EntraError("VALIDATION", "entraCredential=workloadIdentity needs entraClientAssertionFile or a GitHub Actions OIDC endpoint.", {
          details: { key: "entraClientAssertionFile" },
        });
      }
      return new ClientAssertionCredential(settings.tenantId, requireClientId(settings), getAssertion, common);
    }
    case "azurePipelines": {
      const pipelines = settings.azurePipelines;
      if (!pipelines)
        throw new EntraError("VALIDATION", "entraCredential=azurePipelines needs a service connection id and SYSTEM_ACCESSTOKEN.", {
          details: { key: "entraCredential" },
        });
      return new AzurePipelinesCredential(
        settings.tenantId,
        requireClientId(settings),
        pipelines.serviceConnectionId,
        pipelines.systemAccessToken.reveal(),
        common,
      );
    }
    case "default":
      return new DefaultAzureCredential({
        ...common,
        tenantId: settings.tenantId,
        ...(settings.clientId ? { managedIdentityClientId: settings.clientId, workloadIdentityClientId: settings.clientId } : {}),
      });
  }
}
