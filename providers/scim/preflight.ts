// Before the program declares anything: can this SCIM product's configuration work at all? The
// server's /ServiceProviderConfig where the product lets it decide something, the first page of
// users, which needs the URL, the credential and the permission to read users, and the roles the
// mappings write, against the values the server's /Schemas offers for the role attribute (when it
// lists them): a misspelt role fails the preview, before any product is written.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { refusedAccountRelinks, relinksRefusedError } from "../../lib/provider/adoption-rules";
import { ProviderError } from "../../lib/provider/errors";
import { offeredValues, type ScimUser } from "../../lib/scim";
import { nearestHint } from "../../model/target-kit";
import { scimContextFrom } from "./context";
import type { DesiredScim } from "./desired";
import type { ScimProduct } from "./product";
import { rolePath } from "./user-wire";

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
    if (desired) await checkRoles(product, desired, (attribute) => offeredValues(scim.http, rolePath(attribute)));
  };
}

/** Every role the desired users would be written with is one the server offers (where it says). */
async function checkRoles(product: ScimProduct, desired: DesiredScim, offered: (roleAttribute: string) => Promise<string[] | null>): Promise<void> {
  const byAttribute = new Map<string, Set<string>>();
  for (const user of desired.users) {
    if (user.protected) continue;
    let roles = byAttribute.get(user.roleAttribute);
    if (!roles) byAttribute.set(user.roleAttribute, (roles = new Set()));
    for (const role of user.roles) roles.add(role);
  }
  const unknown: string[] = [];
  for (const [attribute, roles] of byAttribute) {
    if (roles.size === 0) continue;
    const values = await offered(attribute);
    if (!values) continue;
    const known = new Set(values.map((v) => v.toLowerCase()));
    for (const role of [...roles].sort()) {
      if (!known.has(role.toLowerCase())) unknown.push(`"${role}"${nearestHint(role, values)}`);
    }
    if (unknown.length) unknown.push(`(${product.title} offers ${values.join(", ")})`);
  }
  if (unknown.length) {
    throw new ProviderError({
      code: "PRECONDITION",
      target: product.title,
      object: "roles the mappings name",
      detail: `${product.title} offers no role ${unknown.join(" ")}`,
      remedy: `Correct the role in the ${product.name} section of the mapping files (nothing was written to any product)`,
    });
  }
}
