// How a provider process reaches the PrivX SCIM directory, read from the stack configuration.
// PrivX shows the directory's endpoint and token URLs only in its UI (seed 001), so every URL is
// configuration; the collection paths default to the SCIM dialect's /Users and /Hosts.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimAuthSettings } from "../../lib/scim";
import { invalidSetting, missingSetting, type ProviderError } from "../../lib/provider/errors";

export type PrivxAuthKind = Exclude<ScimAuthSettings["kind"], "headerToken">;

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

const TARGET = "PrivX";
/** The stack config keys that hold PrivX credentials (secret config, or PAM_RECONCILER_<KEY>). */
export const PRIVX_SECRET_KEYS: ReadonlySet<string> = new Set(["privxClientSecret", "privxAccessToken"]);
const SECRET_KEYS = PRIVX_SECRET_KEYS;

function missing(keys: string[], why: string): ProviderError {
  return missingSetting(TARGET, keys, why, SECRET_KEYS);
}

function invalid(key: string, detail: string): ProviderError {
  return invalidSetting(TARGET, key, detail);
}

/** An https URL without credentials or query; the value is echoed only through its origin and path. */
function httpsUrl(key: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(key, `is not an absolute URL`);
  }
  if (url.username || url.password) {
    throw invalid(key, `must not carry credentials: use privxAuth and its keys`);
  }
  if (url.protocol !== "https:") {
    throw invalid(key, `must be an https URL (credentials are sent to it), got ${url.protocol}//${url.host}`);
  }
  if (url.search || url.hash) {
    throw invalid(key, `must not have a query or fragment: ${url.origin}${url.pathname}`);
  }
  return url;
}

function collectionPath(key: string, text: string | undefined, base: URL): string | undefined {
  if (text === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    const url = httpsUrl(key, text);
    if (url.origin !== base.origin) {
      throw invalid(key, `must be on the origin of privxScimUrl (${base.origin}), got ${url.origin}`);
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
    throw invalid("privxAuth", `must be one of ${PRIVX_AUTH_KINDS.join(", ")}, got "${kind}"`);
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
      return {
        kind,
        tokenUrl: httpsUrl("privxTokenUrl", value("privxTokenUrl")).toString(),
        clientId: value("privxClientId"),
        clientSecret: value("privxClientSecret"),
      };
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
