// The BeyondTrust Remote Support emulator: the Configuration API RS shares with PRA, served by
// the PRA emulator's code over RS's own spec (contract.generated.ts, extracted from
// rs-configuration.openapi.yaml), so RS's routes and group policy fields are accepted and PRA's
// own (`/vendor`, `access_perm_status`, `jump_policy_id`, SCIM …) are refused. No SCIM API:
// RS users arrive by their first SAML login. See README.md beside this file.
import { startConfigApiEmulator, type PraEmulator, type PraEmulatorOptions } from "../pra";
import { rsContract } from "./contract.generated";

/** What RS's /get_mech_list reports as `product` (PRA reports "bpam"). */
export const RS_SITE_PRODUCT = "ingredi";

export type RsEmulator = Omit<PraEmulator, "scimUrl" | "scimToken">;
export type RsEmulatorOptions = Omit<PraEmulatorOptions, "scimToken" | "scimMaxCount" | "scimPatch" | "scimFilter" | "scimUnsupportedFilter">;

/**
 * An RS site on https://127.0.0.1:<port>. Its seed holds no SCIM provider; `samlProvider` (a
 * SAML security provider and the group names it knows) is what group policy members name.
 */
export async function startRsEmulator(options: RsEmulatorOptions = {}): Promise<RsEmulator> {
  const seed = { ...options.seed, scimProvider: null, scimUsers: undefined, scimGroups: undefined };
  const {
    scimUrl: _scimUrl,
    scimToken: _scimToken,
    ...emulator
  } = await startConfigApiEmulator(rsContract, { product: RS_SITE_PRODUCT, ...options, seed }, { scim: false });
  return emulator;
}
