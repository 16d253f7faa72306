import { missingSetting } from "../../lib/provider/errors";
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { checkedSiteUrl } from "./client";

export interface PraSettings {
  /** https://<host> without a trailing slash (PRA answers 405 to one). */
  url: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  scimToken: string | undefined;
}

const TARGET = "PRA";
/** The stack config keys that hold PRA credentials (secret config, or PAM_RECONCILER_<KEY>). */
export const PRA_SECRET_KEYS: ReadonlySet<string> = new Set(["praClientSecret", "praScimToken"]);
const SECRET_KEYS = PRA_SECRET_KEYS;

export function praSettingsFrom(get: ConfigGetter): PraSettings {
  const url = get("praUrl");
  if (!url) throw missingSetting(TARGET, ["praUrl"], "the PRA site URL, e.g. https://pra.example.com");
  return {
    url: checkedSiteUrl(url, "pam-reconciler:praUrl"),
    clientId: get("praClientId"),
    clientSecret: get("praClientSecret"),
    scimToken: get("praScimToken"),
  };
}

export function requireSetting<K extends keyof PraSettings>(settings: PraSettings, key: K, configKey: string): NonNullable<PraSettings[K]> {
  const value = settings[key];
  if (!value) throw missingSetting(TARGET, [configKey], "the PRA API account's credentials", SECRET_KEYS);
  return value;
}
