// A federated token from GitHub Actions' OIDC provider, for a job with `permissions: id-token:
// write`: no secret is stored anywhere, Entra trusts the repository/environment the token names.
import { EntraError } from "./errors";
import type { GitHubActionsOidc } from "./settings";

/** The audience Entra ID expects on federated tokens. */
export const AZURE_AD_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

export async function fetchGitHubActionsIdToken(oidc: GitHubActionsOidc, timeoutMs = 30_000): Promise<string> {
  const url = new URL(oidc.requestUrl);
  url.searchParams.set("audience", AZURE_AD_TOKEN_EXCHANGE_AUDIENCE);
  const shown = `${url.origin}${url.pathname}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${oidc.requestToken.reveal()}`, Accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new EntraError("UNAUTHORIZED", `GitHub Actions OIDC endpoint did not answer: ${(err as Error).name}.`, { method: "GET", url: shown });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new EntraError("UNAUTHORIZED", `GitHub Actions OIDC endpoint refused the token request (HTTP ${response.status}).`, {
      method: "GET",
      url: shown,
      status: response.status,
    });
  }
  let value: unknown;
  try {
    value = (JSON.parse(text) as { value?: unknown }).value;
  } catch {
    value = undefined;
  }
  if (typeof value !== "string" || !value) {
    throw new EntraError("UNAUTHORIZED", "GitHub Actions OIDC endpoint answered without a token.", { method: "GET", url: shown, status: response.status });
  }
  return value;
}
