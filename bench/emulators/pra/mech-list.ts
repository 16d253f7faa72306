// GET /get_mech_list (site root, no authentication): how clients tell PRA from Remote Support,
// which share the Configuration API. version=3 answers JSON with `product` ("bpam" on PRA), as
// BeyondTrust's own Terraform provider reads it; older versions answer "key=value;" text.
import type { Router } from "../common/server";
import type { PraRuntime } from "./runtime";

export function registerMechList(router: Router, runtime: PraRuntime): void {
  router.on("GET", "/get_mech_list", (req) => {
    const { product, company } = runtime.options;
    const mechs = [...runtime.state.securityProviders.values()].filter((p) => p.user_authentication).map((p) => p.type);
    if (req.query.get("version") === "3") {
      return { status: 200, body: { mechs, default_mech: mechs[0] ?? "local", cache: false, company, product } };
    }
    return { status: 200, headers: { "Content-Type": "text/plain" }, body: `company=${company};product=${product}` };
  });
}
