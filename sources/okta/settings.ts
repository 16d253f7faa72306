// Okta settings from stack config (namespace pam-reconciler; each key also read from
// PAM_RECONCILER_<KEY>). Pure apart from reading the private key file it is told about.
import * as fs from "node:fs";
import { Secret } from "../entra/secret";
import { invalidOktaSetting, missingOktaSetting, OktaError } from "./errors";

/** The stack config keys that hold Okta credentials (secret config, or PAM_RECONCILER_<KEY>). */
export const OKTA_SECRET_KEYS: readonly string[] = ["oktaPrivateKey", "oktaApiToken"];

export const oktaAuthKinds = ["privateKey", "ssws"] as const;
export type OktaAuthKind = (typeof oktaAuthKinds)[number];

/** What an API Services app needs granted to read groups, users and application assignments. */
export const OKTA_SCOPES = ["okta.groups.read", "okta.users.read", "okta.apps.read"] as const;

export interface OktaSettings {
  /** https://<org>.okta.com, no trailing slash. */
  orgUrl: string;
  auth: OktaAuthKind;
  /** The API Services app's client id (auth privateKey). */
  clientId?: string;
  /** PEM private key (PKCS#8 or PKCS#1 RSA) the client assertion is signed with (auth privateKey). */
  privateKey?: Secret;
  /** `kid` of the public key registered with the app; Okta picks the key by it when the app has several. */
  keyId?: string;
  /** SSWS API token (auth ssws only). */
  apiToken?: Secret;
  /** Profile attribute that is the username every target sees (default login). */
  usernameAttribute: string;
  /** Extra CA certificates to trust (PEM file). */
  caBundle?: string;
}

type ConfigGetter = (key: string) => string | undefined;

const attributeName = /^[A-Za-z][A-Za-z0-9_]*$/;

export function oktaSettingsFromConfig(get: ConfigGetter): OktaSettings {
  const read = (key: string) => get(key)?.trim() || undefined;
  const orgUrlText = read("oktaOrgUrl");
  if (!orgUrlText) throw missingOktaSetting("oktaOrgUrl", "e.g. https://example.okta.com");
  const orgUrl = httpsOrigin("oktaOrgUrl", orgUrlText);

  const authText = read("oktaAuth") ?? "privateKey";
  if (!(oktaAuthKinds as readonly string[]).includes(authText)) throw invalidOktaSetting("oktaAuth", `'${authText}' is not one of ${oktaAuthKinds.join(", ")}`);
  const auth = authText as OktaAuthKind;

  const usernameAttribute = read("oktaUsernameAttribute") ?? "login";
  if (!attributeName.test(usernameAttribute)) throw invalidOktaSetting("oktaUsernameAttribute", `'${usernameAttribute}' is not an Okta profile attribute name`);

  const settings: OktaSettings = { orgUrl, auth, usernameAttribute, caBundle: read("caBundle") };
  if (auth === "ssws") {
    const token = read("oktaApiToken");
    if (!token) throw missingOktaSetting("oktaApiToken", "a secret, needed by oktaAuth=ssws");
    settings.apiToken = new Secret(token);
    return settings;
  }
  const clientId = read("oktaClientId");
  if (!clientId) throw missingOktaSetting("oktaClientId", "the API Services app's client id, needed by oktaAuth=privateKey");
  settings.clientId = clientId;
  settings.keyId = read("oktaKeyId");
  const inline = get("oktaPrivateKey");
  const file = read("oktaPrivateKeyFile");
  if (inline?.trim()) settings.privateKey = new Secret(inline.trim());
  else if (file) settings.privateKey = new Secret(readKeyFile(file));
  else
    throw missingOktaSetting(
      "oktaPrivateKey",
      "a secret holding the app's PEM private key, or oktaPrivateKeyFile naming a PEM file; needed by oktaAuth=privateKey",
    );
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(settings.privateKey.reveal())) {
    throw invalidOktaSetting(inline?.trim() ? "oktaPrivateKey" : "oktaPrivateKeyFile", "expected a PEM RSA private key (-----BEGIN PRIVATE KEY-----)");
  }
  return settings;
}

function readKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new OktaError("VALIDATION", `Invalid setting oktaPrivateKeyFile: ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"}).`, {
      details: { key: "oktaPrivateKeyFile" },
    });
  }
}

function httpsOrigin(key: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOktaSetting(key, `'${value}' is not a URL`);
  }
  if (url.protocol !== "https:") throw invalidOktaSetting(key, "must be an https:// URL");
  if (url.pathname.replace(/\/+$/, "") !== "" || url.search || url.hash)
    throw invalidOktaSetting(key, "must be the org's address alone, e.g. https://example.okta.com (no path)");
  return url.origin;
}
