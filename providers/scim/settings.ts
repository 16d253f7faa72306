// How a provider process reaches one SCIM product, read from the stack configuration under the
// product's own prefix (`scimUrl`, `pam360Url`, `passwordsafeUrl` ...): the base URL, one of the
// ways of authenticating the product accepts (secrets only from secret config or the
// environment), an extra CA bundle and the page size. Errors name the config keys, never a
// secret's value.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { invalidSetting, missingSetting, type ProviderError } from "../../lib/provider/errors";
import type { ScimAuthSettings } from "../../lib/scim";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./facts";

/** bearer: `Authorization: Bearer`; authtoken: PAM360's `AUTHTOKEN` header; oauth2: client credentials; basic: HTTP Basic. */
export type ScimAuthMethod = "bearer" | "authtoken" | "oauth2" | "basic";
/** The generic SCIM target's choices. */
export type ScimAuthChoice = "bearer" | "oauth2" | "basic";

export interface ScimSettingsSpec<C extends ScimAuthMethod = ScimAuthMethod> {
  /** Key prefix: `scim` reads scimUrl, scimAuth, scimToken ... */
  prefix: string;
  /** The product in errors: "SCIM", "PAM360". */
  title: string;
  /** The base URL's form, for the error when it is missing. */
  urlExample: string;
  /** The ways the product accepts, the default first. */
  auth: readonly C[];
  /** The OAuth2 token URL when `<prefix>TokenUrl` is not set (Password Safe: <origin>/scim/oauth/token); unset: required. */
  defaultTokenUrl?: (baseUrl: URL) => string;
}

export interface ScimSettings {
  /** The SCIM base URL (the one /Users and /ServiceProviderConfig hang off), without a trailing slash. */
  baseUrl: string;
  /** Holds the secret: lives only in the provider process, never in state or errors. */
  auth: ScimAuthSettings;
  pageSize: number;
  /** An extra CA bundle to trust for this product (besides the common caBundle). */
  caBundle?: string;
}

/** The keys a choice needs, by suffix after the prefix. */
const NEEDED: Record<ScimAuthMethod, string[]> = {
  bearer: ["Token"],
  authtoken: ["Token"],
  oauth2: ["TokenUrl", "ClientId", "ClientSecret"],
  basic: ["Username", "Password"],
};
/** The key whose presence selects a choice when `<prefix>Auth` is not set. */
const TRIGGER: Record<ScimAuthMethod, string> = { bearer: "Token", authtoken: "Token", oauth2: "TokenUrl", basic: "Username" };
const SECRET_SUFFIXES = ["Token", "ClientSecret", "Password"];

export function scimSettingsReader<C extends ScimAuthMethod>(spec: ScimSettingsSpec<C>) {
  const key = (suffix: string) => `${spec.prefix}${suffix}`;
  const secretKeys = new Set(SECRET_SUFFIXES.map(key));
  const missing = (keys: string[], why: string): ProviderError => missingSetting(spec.title, keys, why, secretKeys);
  const invalid = (k: string, detail: string): ProviderError => invalidSetting(spec.title, k, detail);

  function httpsUrl(k: string, text: string): URL {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw invalid(k, `is not an absolute URL`);
    }
    if (url.username || url.password) throw invalid(k, `must not carry credentials: use ${key("Auth")} and its keys`);
    if (url.protocol !== "https:") throw invalid(k, `must be an https URL (credentials are sent to it), got ${url.protocol}//${url.host}`);
    if (url.hash) throw invalid(k, `must not have a fragment`);
    return url;
  }

  const needed = (choice: ScimAuthMethod) => NEEDED[choice].filter((suffix) => !(suffix === "TokenUrl" && spec.defaultTokenUrl)).map(key);

  function authChoiceOf(get: ConfigGetter): C {
    const kind = get(key("Auth"));
    if (kind === undefined) {
      if (spec.auth.length === 1) return spec.auth[0];
      const found = spec.auth.find((choice) => get(key(TRIGGER[choice])));
      if (found) return found;
      throw missing([key("Auth")], `one of ${spec.auth.join(", ")}`);
    }
    const known = spec.auth.find((k) => k === kind.trim().toLowerCase());
    if (!known) throw invalid(key("Auth"), `must be one of ${spec.auth.join(", ")}, got "${kind}"`);
    return known;
  }

  function authFrom(get: ConfigGetter, baseUrl: URL): ScimAuthSettings {
    const kind = authChoiceOf(get);
    const keys = needed(kind);
    const absent = keys.filter((k) => !get(k));
    if (absent.length) throw missing(absent, `${key("Auth")} ${kind} needs ${keys.join(", ")}`);
    const value = (suffix: string) => get(key(suffix)) as string;
    switch (kind) {
      case "bearer":
        return { kind: "token", token: value("Token") };
      case "authtoken":
        return { kind: "headerToken", header: "AUTHTOKEN", token: value("Token") };
      case "oauth2": {
        const configured = get(key("TokenUrl"));
        const tokenUrl = configured ? httpsUrl(key("TokenUrl"), configured).toString() : spec.defaultTokenUrl!(baseUrl);
        return { kind: "oauth2", tokenUrl, clientId: value("ClientId"), clientSecret: value("ClientSecret"), scope: get(key("Scope")) };
      }
      case "basic":
        return { kind: "basic", username: value("Username"), password: value("Password") };
    }
  }

  function pageSizeOf(get: ConfigGetter): number {
    const text = get(key("PageSize"));
    if (text === undefined) return DEFAULT_PAGE_SIZE;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw invalid(key("PageSize"), `must be an integer from 1 to ${MAX_PAGE_SIZE}, got "${text}"`);
    return n;
  }

  return {
    /** Every key of this product's settings, secret ones marked. */
    keys: { url: key("Url"), auth: key("Auth"), secrets: [...secretKeys] },
    choices: spec.auth,
    read(get: ConfigGetter): ScimSettings {
      const urlText = get(key("Url"));
      if (!urlText) throw missing([key("Url")], `the ${spec.title} SCIM base URL, e.g. ${spec.urlExample}`);
      const url = httpsUrl(key("Url"), urlText);
      return { baseUrl: url.toString().replace(/\/+$/, ""), auth: authFrom(get, url), pageSize: pageSizeOf(get), caBundle: get(key("CaBundle")) };
    },
  };
}

export interface ScimSettingsReader {
  keys: { url: string; auth: string; secrets: string[] };
  choices: readonly ScimAuthMethod[];
  read(get: ConfigGetter): ScimSettings;
}

/** The generic SCIM target's settings: scimUrl, scimAuth (bearer, oauth2 or basic) ... */
export const genericScimSettings = scimSettingsReader<ScimAuthChoice>({
  prefix: "scim",
  title: "SCIM",
  urlExample: "https://app.example.com/scim/v2",
  auth: ["bearer", "oauth2", "basic"],
});

export const SCIM_AUTH_CHOICES = genericScimSettings.choices;

export function scimSettingsFrom(get: ConfigGetter): ScimSettings {
  return genericScimSettings.read(get);
}
