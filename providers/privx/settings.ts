// How a provider process reaches the PrivX SCIM directory, read from the stack configuration.
// PrivX shows the directory's endpoint and token URLs only in its UI (seed 001), so every URL is
// configuration; the collection paths default to the SCIM dialect's /Users and /Hosts.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimAuthSettings } from "../../lib/scim";

export type PrivxAuthKind = ScimAuthSettings["kind"];

export const PRIVX_AUTH_KINDS: readonly PrivxAuthKind[] = ["basic", "oauth2", "token"];

export interface PrivxSettings {
  /** The SCIM directory's base URL, without a trailing slash. */
  scimUrl: string;
  /** Users collection: relative to scimUrl ("/Users") or an absolute URL on its origin; undefined = dialect default. */
  usersPath: string | undefined;
  /** Hosts collection, likewise. */
  hostsPath: string | undefined;
  /** Holds the secret: lives only in the provider process, never in state or errors. */
  auth: ScimAuthSettings;
}

export type PrivxSettingsErrorCode = "MISSING_SETTING" | "INVALID_SETTING";

/** A configuration problem, naming the config keys at fault (never their values when secret). */
export class PrivxSettingsError extends Error {
  constructor(
    readonly code: PrivxSettingsErrorCode,
    /** Config keys (without the pam-reconciler: namespace) that are missing or wrong. */
    readonly keys: readonly string[],
    detail: string,
  ) {
    super(`PrivX is not configured correctly: ${detail}`);
    this.name = "PrivxSettingsError";
  }
}

const SECRET_KEYS = new Set(["privxClientSecret", "privxAccessToken"]);

function howToSet(key: string): string {
  const secret = SECRET_KEYS.has(key) ? "--secret " : "";
  const env = `PAM_RECONCILER_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
  return `pulumi config set ${secret}${key} … (or ${env})`;
}

function missing(keys: string[], why: string): PrivxSettingsError {
  const list = keys.map((k) => `pam-reconciler:${k}`).join(", ");
  return new PrivxSettingsError("MISSING_SETTING", keys, `${list} ${keys.length > 1 ? "are" : "is"} missing (${why}); set ${keys.map(howToSet).join("; ")}`);
}

/** An https URL without credentials or query; the value is echoed only through its origin and path. */
function httpsUrl(key: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PrivxSettingsError("INVALID_SETTING", [key], `pam-reconciler:${key} is not an absolute URL`);
  }
  if (url.username || url.password) {
    throw new PrivxSettingsError("INVALID_SETTING", [key], `pam-reconciler:${key} must not carry credentials: use privxAuth and its keys`);
  }
  if (url.protocol !== "https:") {
    throw new PrivxSettingsError("INVALID_SETTING", [key], `pam-reconciler:${key} must be an https URL (credentials are sent to it), got ${url.protocol}//${url.host}`);
  }
  if (url.search || url.hash) {
    throw new PrivxSettingsError("INVALID_SETTING", [key], `pam-reconciler:${key} must not have a query or fragment: ${url.origin}${url.pathname}`);
  }
  return url;
}

function collectionPath(key: string, text: string | undefined, base: URL): string | undefined {
  if (text === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    const url = httpsUrl(key, text);
    if (url.origin !== base.origin) {
      throw new PrivxSettingsError("INVALID_SETTING", [key], `pam-reconciler:${key} must be on the origin of privxScimUrl (${base.origin}), got ${url.origin}`);
    }
    return url.toString().replace(/\/+$/, "");
  }
  return `/${text.replace(/^\/+/, "").replace(/\/+$/, "")}`;
}

function authKindOf(get: ConfigGetter): PrivxAuthKind {
  const kind = get("privxAuth");
  // Unset: an access token alone means token auth; otherwise OAuth2, the "API client" way seed 001 describes.
  if (kind === undefined) return get("privxAccessToken") ? "token" : "oauth2";
  const known = PRIVX_AUTH_KINDS.find((k) => k === kind.trim().toLowerCase());
  if (!known) {
    throw new PrivxSettingsError("INVALID_SETTING", ["privxAuth"], `pam-reconciler:privxAuth must be one of ${PRIVX_AUTH_KINDS.join(", ")}, got "${kind}"`);
  }
  return known;
}

function authFrom(get: ConfigGetter): ScimAuthSettings {
  const kind = authKindOf(get);
  const needed: Record<PrivxAuthKind, string[]> = {
    basic: ["privxClientId", "privxClientSecret"],
    oauth2: ["privxTokenUrl", "privxClientId", "privxClientSecret"],
    token: ["privxAccessToken"],
  };
  const absent = needed[kind].filter((key) => !get(key));
  if (absent.length) throw missing(absent, `privxAuth ${kind} needs ${needed[kind].join(", ")}`);
  const value = (key: string) => get(key) as string;
  switch (kind) {
    case "basic":
      return { kind, username: value("privxClientId"), password: value("privxClientSecret") };
    case "oauth2":
      return { kind, tokenUrl: httpsUrl("privxTokenUrl", value("privxTokenUrl")).toString(), clientId: value("privxClientId"), clientSecret: value("privxClientSecret") };
    case "token":
      return { kind, token: value("privxAccessToken") };
  }
}

export function privxSettingsFrom(get: ConfigGetter): PrivxSettings {
  const scimUrlText = get("privxScimUrl");
  if (!scimUrlText) throw missing(["privxScimUrl"], "the SCIM API endpoint shown in the PrivX SCIM directory settings, e.g. https://privx.example.com/scim/v2");
  const base = httpsUrl("privxScimUrl", scimUrlText);
  return {
    scimUrl: base.toString().replace(/\/+$/, ""),
    usersPath: collectionPath("privxScimUsersPath", get("privxScimUsersPath"), base),
    hostsPath: collectionPath("privxScimHostsPath", get("privxScimHostsPath"), base),
    auth: authFrom(get),
  };
}
