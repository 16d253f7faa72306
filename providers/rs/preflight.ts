// Before the program declares anything: can this Remote Support configuration work at all? The
// site must be RS (not PRA, which shares the API), the OAuth client must read, and the security
// provider, jump groups and jump item roles the mappings name must exist.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { ProviderError } from "../../lib/provider/errors";
import { SITE_PRODUCTS } from "../pra/client";
import { byName } from "../pra/group-policy";
import { rsContextFrom } from "./context";
import type { DesiredRs } from "./desired";

export async function rsPreflight(get: ConfigGetter, desired: DesiredRs): Promise<void> {
  const context = rsContextFrom(get);
  const product = await context.api().siteProduct();
  // RS's own product string is unverified: only what is known not to be RS is refused.
  if (product === SITE_PRODUCTS.pra || product === undefined) {
    throw new ProviderError({
      code: "PRECONDITION",
      target: "Remote Support",
      object: "site",
      detail:
        product === SITE_PRODUCTS.pra
          ? `${context.settings.url} is a Privileged Remote Access site, not Remote Support (it reports product "${product}")`
          : `${context.settings.url} does not say it is a BeyondTrust site (no product in /get_mech_list)`,
      remedy:
        product === SITE_PRODUCTS.pra
          ? "Set rsUrl to the Remote Support site; manage this PRA site with the pra: section of the mappings and praUrl"
          : "Set rsUrl to the Remote Support site, e.g. https://support.example.com",
      keys: ["rsUrl"],
    });
  }
  // The OAuth client and its permission, through the lookups every policy needs.
  const lookups = await context.lookups();
  const missing: string[] = [];
  const check = (lookup: () => unknown) => {
    try {
      lookup();
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      missing.push(e.detail);
    }
  };
  try {
    if (desired.groupPolicies.length) await context.securityProvider(desired.securityProvider);
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    missing.push(e.detail);
  }
  for (const link of desired.groupPolicies.flatMap((p) => p.jumpGroups)) {
    check(() => byName(lookups.jumpGroups, link.jumpGroup, (g) => g.name, "jump group"));
    if (link.jumpItemRole) check(() => byName(lookups.jumpItemRoles, link.jumpItemRole!, (r) => r.name, "jump item role"));
  }
  if (missing.length) {
    throw new ProviderError({
      code: "NOT_FOUND",
      target: "Remote Support",
      object: "security provider, jump groups and jump item roles the mappings name",
      detail: [...new Set(missing)].join("; "),
      remedy: "Create them in Remote Support (they are looked up, never created) or correct the names in the mappings",
    });
  }
}
