// Before the program declares anything: can this PrivX configuration work at all? The SCIM
// directory's first page of users, which needs the URL, the credential (an OAuth2 token, Basic
// or an access token) and the directory's permission.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import type { ScimUser } from "../../lib/scim";
import { refusedAccountRelinks, refusedHostRelinks, relinksRefusedError } from "../../lib/provider/adoption-rules";
import { privxContextFrom } from "./context";
import type { DesiredPrivx } from "./desired";

export async function privxPreflight(get: ConfigGetter, desired?: DesiredPrivx): Promise<void> {
  const context = privxContextFrom(get);
  for await (const _user of context.scim.resource<ScimUser>("User").list()) break;
  // Under relinkPolicy refuse, users and hosts held under another externalId stop the run before any write (one listing each, only then).
  if (context.relinkPolicy !== "refuse" || !desired) return;
  if (desired.users.length) {
    const refused = refusedAccountRelinks(await context.users.all(), desired.users);
    if (refused.length) throw relinksRefusedError("PrivX", "users", refused);
  }
  if (desired.hosts.length) {
    const held = (await context.hosts.all()).map((h) => ({
      id: typeof h.id === "string" ? h.id : undefined,
      externalId: text(h.externalId),
      commonName: text(h.commonName),
      contactAddress: text(h.contactAddress),
    }));
    const refused = refusedHostRelinks(held, desired.hosts);
    if (refused.length) throw relinksRefusedError("PrivX", "hosts", refused);
  }
}

const text = (value: unknown) => (typeof value === "string" ? value : "");
