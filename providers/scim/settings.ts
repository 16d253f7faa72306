// How a provider process reaches the SCIM application, read from the stack configuration:
// the base URL, one of three ways to authenticate (secrets only from secret config or the
// environment), and the page size. Errors name the config keys, never a secret's value.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { invalidSetting, missingSetting, type ProviderError } from "../../lib/provider/errors";
import type { ScimAuthSettings } from "../../lib/scim";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./facts";

export type ScimAuthChoice = "bearer" | "oauth2" | "basic";
export const SCIM_AUTH_CHOICES: readonly ScimAuthChoice[] = ["bearer", "oauth2", "basic"];

export interface ScimSettings {
  /** The SCIM base URL (the one /Users and /ServiceProviderConfig hang off), without a trailing slash. */
  baseUrl: string;
  /** Holds the secret: lives only in the provider process, never in state or errors. */
  auth: ScimAuthSettings;
  pageSize: number;
}

const TARGET = "SCIM";
const SECRET_KEYS = new Set(["scimToken", "scimClientSecret", "scimPassword"]);

function missing(keys: string[], why: string): ProviderError {
  return missingSetting(TARGET, keys, why, SECRET_KEYS);
}

function invalid(key: string, detail: string): ProviderError {
  return invalidSetting(TARGET, key, detail);
}

function httpsUrl(key: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(key, `is not an absolute URL`);
  }
  if (url.username || url.password) throw invalid(key, `must not carry credentials: use scimAuth and its keys`);
  if (url.protocol !== "https:") throw invalid(key, `must be an https URL (credentials are sent to it), got ${url.protocol}//${url.host}`);
  if (url.hash) throw invalid(key, `must not have a fragment`);
  return url;
}

function authChoiceOf(get: ConfigGetter): ScimAuthChoice {
  const kind = get("scimAuth");
  if (kind === undefined) {
    if (get("scimToken")) return "bearer";
    if (get("scimTokenUrl")) return "oauth2";
    if (get("scimUsername")) return "basic";
    throw missing(["scimAuth"], `one of ${SCIM_AUTH_CHOICES.join(", ")}`);
  }
  const known = SCIM_AUTH_CHOICES.find((k) => k === kind.trim().toLowerCase());
  if (!known) throw invalid("scimAuth", `must be one of ${SCIM_AUTH_CHOICES.join(", ")}, got "${kind}"`);
  return known;
}

const NEEDED: Record<ScimAuthChoice, string[]> = {
  bearer: ["scimToken"],
  oauth2: ["scimTokenUrl", "scimClientId", "scimClientSecret"],
  basic: ["scimUsername", "scimPassword"],
};

function authFrom(get: ConfigGetter): ScimAuthSettings {
  const kind = authChoiceOf(get);
  const absent = NEEDED[kind].filter((key) => !get(key));
  if (absent.length) throw missing(absent, `scimAuth ${kind} needs ${NEEDED[kind].join(", ")}`);
  const value = (key: string) => get(key) as string;
  switch (kind) {
    case "bearer":
      return { kind: "token", token: value("scimToken") };
    case "oauth2":
      return { kind: "oauth2", tokenUrl: httpsUrl("scimTokenUrl", value("scimTokenUrl")).toString(), clientId: value("scimClientId"), clientSecret: value("scimClientSecret"), scope: get("scimScope") };
    case "basic":
      return { kind: "basic", username: value("scimUsername"), password: value("scimPassword") };
  }
}

function pageSizeOf(get: ConfigGetter): number {
  const text = get("scimPageSize");
  if (text === undefined) return DEFAULT_PAGE_SIZE;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw invalid("scimPageSize", `must be an integer from 1 to ${MAX_PAGE_SIZE}, got "${text}"`);
  return n;
}

export function scimSettingsFrom(get: ConfigGetter): ScimSettings {
  const urlText = get("scimUrl");
  if (!urlText) throw missing(["scimUrl"], "the application's SCIM base URL, e.g. https://app.example.com/scim/v2");
  const url = httpsUrl("scimUrl", urlText);
  return { baseUrl: url.toString().replace(/\/+$/, ""), auth: authFrom(get), pageSize: pageSizeOf(get) };
}
