// Before the program declares anything: can this SCIM product's configuration work at all? The
// server's /ServiceProviderConfig where the product lets it decide something, and the first
// page of users, which needs the URL, the credential and the permission to read users.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimUser } from "../../lib/scim";
import { refusedAccountRelinks, relinksRefusedError } from "../../lib/provider/adoption-rules";
import { scimContextFrom } from "./context";
import type { DesiredScim } from "./desired";
import type { ScimProduct } from "./product";

export function scimPreflightFor(product: ScimProduct) {
  return async (get: ConfigGetter, desired?: DesiredScim): Promise<void> => {
    const context = scimContextFrom(get, product);
    const scim = await context.client();
    for await (const _user of scim.resource<ScimUser>("User").list({ pageSize: 1 })) break;
    // Under relinkPolicy refuse, users held under another externalId stop the run before any write (one listing, only then).
    if (context.relinkPolicy === "refuse" && desired?.users.length) {
      const refused = refusedAccountRelinks(await context.users.all(), desired.users);
      if (refused.length) throw relinksRefusedError(product.title, "users", refused);
    }
  };
}
