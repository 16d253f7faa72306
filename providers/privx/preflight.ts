// Before the program declares anything: can this PrivX configuration work at all? The SCIM
// directory's first page of users, which needs the URL, the credential (an OAuth2 token, Basic
// or an access token) and the directory's permission.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimUser } from "../../lib/scim";
import { privxContextFrom } from "./context";

export async function privxPreflight(get: ConfigGetter): Promise<void> {
  const context = privxContextFrom(get);
  for await (const _user of context.scim.resource<ScimUser>("User").list()) break;
}
