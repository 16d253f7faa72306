// Remote Support's stack settings: the site and the Configuration API account.
import { missingSetting } from "../../lib/provider/errors";
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { checkedSiteUrl, type ConfigApiProduct } from "../pra/client";

/** The product of the shared Configuration API client (providers/pra/client.ts) that RS is. */
export const RS_SITE: ConfigApiProduct = { name: "rs", title: "Remote Support", urlSetting: "rsUrl", example: "https://support.example.com" };

export interface RsSettings {
  /** https://<host> without a trailing slash (RS, like PRA, answers 405 to one). */
  url: string;
  clientId: string;
  clientSecret: string;
}

const TARGET = "Remote Support";
/** The stack config keys that hold Remote Support credentials (secret config, or PAM_RECONCILER_<KEY>). */
export const RS_SECRET_KEYS: ReadonlySet<string> = new Set(["rsClientSecret"]);
const SECRET_KEYS = RS_SECRET_KEYS;

export function rsSettingsFrom(get: ConfigGetter): RsSettings {
  const url = get("rsUrl");
  if (!url) throw missingSetting(TARGET, ["rsUrl"], "the Remote Support site URL, e.g. https://support.example.com");
  const clientId = get("rsClientId");
  const clientSecret = get("rsClientSecret");
  const missing = [...(clientId ? [] : ["rsClientId"]), ...(clientSecret ? [] : ["rsClientSecret"])];
  if (missing.length) throw missingSetting(TARGET, missing, "the Remote Support API account's OAuth client credentials", SECRET_KEYS);
  return { url: checkedSiteUrl(url, "pam-reconciler:rsUrl", RS_SITE), clientId: clientId!, clientSecret: clientSecret! };
}
