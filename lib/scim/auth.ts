// The ways SCIM servers authenticate a client (PRA: long-lived bearer token; PrivX: Basic,
// OAuth2 client credentials or an access token; PAM360: its API user's token in an AUTHTOKEN
// header; Password Safe: OAuth2 client credentials), as one choice turned into an AuthProvider.
import { basicAuth, bearerAuth, headerTokenAuth, OAuthClientCredentials, type AuthProvider, type HttpClientOptions } from "../http";

export type ScimAuthSettings =
  | { kind: "token"; token: string }
  /** The token in a header of the product's own, e.g. PAM360's `AUTHTOKEN`. */
  | { kind: "headerToken"; header: string; token: string }
  | { kind: "basic"; username: string; password: string }
  | { kind: "oauth2"; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

export function scimAuth(product: string, settings: ScimAuthSettings, http?: Omit<HttpClientOptions, "product" | "baseUrl" | "auth">): AuthProvider {
  switch (settings.kind) {
    case "token":
      return bearerAuth(settings.token);
    case "headerToken":
      return headerTokenAuth(settings.header, settings.token);
    case "basic":
      return basicAuth(settings.username, settings.password);
    case "oauth2":
      return new OAuthClientCredentials({
        product,
        tokenUrl: settings.tokenUrl,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        scope: settings.scope,
        http,
      });
  }
}
