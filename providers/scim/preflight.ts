// Before the program declares anything: can this SCIM configuration work at all? The server's
// /ServiceProviderConfig (what it supports) and the first page of users, which needs the URL,
// the credential (a bearer token, an OAuth2 client or Basic) and the permission to read users.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimUser } from "../../lib/scim";
import { scimContextFrom } from "./context";

export async function scimPreflight(get: ConfigGetter): Promise<void> {
  const scim = await scimContextFrom(get).client();
  for await (const _user of scim.resource<ScimUser>("User").list({ pageSize: 1 })) break;
}
