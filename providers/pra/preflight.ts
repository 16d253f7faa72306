// Before the program declares anything: can this PRA configuration work at all? One cheap read
// per API, so a wrong URL, secret or token fails the pull request's preview with PRA named,
// instead of failing `up` after writes to the other products.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { ProviderError } from "../../lib/provider/errors";
import type { ScimUser } from "../../lib/scim";
import { praContextFrom } from "./context";

/** PRA's own product name in /get_mech_list; Remote Support shares the API and reports another. */
const PRA_SITE_PRODUCT = "bpam";

export async function praPreflight(get: ConfigGetter): Promise<void> {
  const context = praContextFrom(get);
  const product = await context.api().siteProduct();
  if (product !== PRA_SITE_PRODUCT) {
    throw new ProviderError({
      code: "PRECONDITION",
      target: "PRA",
      object: "site",
      detail: `${context.settings.url} is not a Privileged Remote Access site (it reports product ${JSON.stringify(product ?? null)})`,
      remedy: "Set praUrl to the PRA site (Remote Support sites share the API but not the model)",
      keys: ["praUrl"],
    });
  }
  // The Configuration API's OAuth client and its permission, through the lookup every group policy needs.
  if (!(await context.api().findScimSecurityProvider())) {
    throw new ProviderError({
      code: "PRECONDITION",
      target: "PRA",
      object: "SCIM security provider",
      detail: "PRA has no SCIM security provider",
      remedy: "Create one (Users & Security → Security Providers → SCIM) before the reconciler manages users",
    });
  }
  // The SCIM bearer token: the first page of users.
  for await (const _user of context.scim.resource<ScimUser>("User").list()) break;
}
