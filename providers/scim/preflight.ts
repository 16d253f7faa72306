// Before the program declares anything: can this SCIM product's configuration work at all? The
// server's /ServiceProviderConfig where the product lets it decide something, and the first
// page of users, which needs the URL, the credential and the permission to read users.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimUser } from "../../lib/scim";
import { scimContextFrom } from "./context";
import type { ScimProduct } from "./product";

export function scimPreflightFor(product: ScimProduct) {
  return async (get: ConfigGetter): Promise<void> => {
    const scim = await scimContextFrom(get, product).client();
    for await (const _user of scim.resource<ScimUser>("User").list({ pageSize: 1 })) break;
  };
}
