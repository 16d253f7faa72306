// Before the program declares anything: can this PRA configuration work at all? One cheap read
// per API, so a wrong URL, secret or token fails the pull request's preview with PRA named,
// instead of failing `up` after writes to the other products.
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { ProviderError } from "../../lib/provider/errors";
import { refusedAccountRelinks, relinksRefusedError } from "../../lib/provider/adoption-rules";
import type { ScimUser } from "../../lib/scim";
import { jumpGroupEndpoint, jumpItemRoleEndpoint, jumpPolicyEndpoint, TOP_LEVEL } from "./api";
import { praContextFrom, type PraContext } from "./context";
import type { DesiredPra } from "./desired";
import { byName } from "./group-policy";

import { SITE_PRODUCTS } from "./client";

/** PRA's own product name in /get_mech_list; Remote Support shares the API and reports another. */
const PRA_SITE_PRODUCT = SITE_PRODUCTS.pra;

export async function praPreflight(get: ConfigGetter, desired: DesiredPra): Promise<void> {
  const context = praContextFrom(get);
  const product = await context.api().siteProduct();
  if (product !== PRA_SITE_PRODUCT) {
    throw new ProviderError({
      code: "PRECONDITION",
      target: "PRA",
      object: "site",
      detail:
        product === SITE_PRODUCTS.rs
          ? `${context.settings.url} is not a Privileged Remote Access site: it is a Remote Support site (it reports product ${JSON.stringify(product)})`
          : `${context.settings.url} is not a Privileged Remote Access site (it reports product ${JSON.stringify(product ?? null)})`,
      remedy:
        product === SITE_PRODUCTS.rs
          ? "Set praUrl to the PRA site; manage this Remote Support site with the rs: section of the mappings and rsUrl"
          : "Set praUrl to the PRA site (Remote Support sites share the API but not the model)",
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
  await checkJumpNames(context, desired);
  await checkRelinks(context, desired);
}

/** Under relinkPolicy refuse, users PRA holds under another externalId stop the run here, before any write (one listing of PRA's users, only then). */
async function checkRelinks(context: PraContext, desired: DesiredPra): Promise<void> {
  if (context.relinkPolicy !== "refuse" || desired.users.length === 0) return;
  const refused = refusedAccountRelinks(await context.scimUsers.all(), desired.users);
  if (refused.length) throw relinksRefusedError("PRA", "users", refused);
}

/** Jump groups, jump item roles and jump policies are looked up by name: a missing one would fail `up` half-way. */
async function checkJumpNames(context: PraContext, desired: DesiredPra): Promise<void> {
  const links = desired.groupPolicies.flatMap((p) => p.jumpGroups);
  if (links.length === 0) return;
  const api = context.api();
  const [jumpGroups, jumpItemRoles, jumpPolicies] = await Promise.all([
    collect(api.list(jumpGroupEndpoint, TOP_LEVEL)),
    collect(api.list(jumpItemRoleEndpoint, TOP_LEVEL)),
    collect(api.list(jumpPolicyEndpoint, TOP_LEVEL)),
  ]);
  const missing: string[] = [];
  const check = (lookup: () => unknown) => {
    try {
      lookup();
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      missing.push(e.detail);
    }
  };
  for (const link of links) {
    check(() => byName(jumpGroups, link.jumpGroup, (g) => g.name, "jump group"));
    if (link.jumpItemRole) check(() => byName(jumpItemRoles, link.jumpItemRole!, (r) => r.name, "jump item role"));
    if (link.jumpPolicy) check(() => byName(jumpPolicies, link.jumpPolicy!, (p) => p.display_name, "jump policy"));
  }
  if (missing.length) {
    throw new ProviderError({
      code: "NOT_FOUND",
      target: "PRA",
      object: "jump groups, roles and policies the mappings name",
      detail: [...new Set(missing)].join("; "),
      remedy: "Create them in PRA (they are looked up, never created) or correct the names in the mappings",
    });
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
