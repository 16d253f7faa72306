import type { ConfigGetter } from "../../lib/provider/provider-config";
import { checkedSiteUrl } from "./client";

export interface PraSettings {
  /** https://<host> without a trailing slash (PRA answers 405 to one). */
  url: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  scimToken: string | undefined;
}

export function praSettingsFrom(get: ConfigGetter): PraSettings {
  const url = get("praUrl");
  if (!url) throw new Error("PRA is not configured: set pam-reconciler:praUrl (e.g. https://pra.example.com) or PAM_RECONCILER_PRA_URL");
  return { url: checkedSiteUrl(url, "pam-reconciler:praUrl"), clientId: get("praClientId"), clientSecret: get("praClientSecret"), scimToken: get("praScimToken") };
}

export function requireSetting<K extends keyof PraSettings>(settings: PraSettings, key: K, configKey: string): NonNullable<PraSettings[K]> {
  const value = settings[key];
  if (!value) throw new Error(`PRA setting pam-reconciler:${configKey} is missing (secret: pulumi config set --secret ${configKey} …)`);
  return value as NonNullable<PraSettings[K]>;
}
