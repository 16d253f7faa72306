// The SCIM target's resource types in the provider contract (test/providers/contract.ts), each
// against its own generic SCIM emulator with pages of 2: scim:User against a server without
// PATCH or filters (the fallback path), scim:Group against one with PATCH (the other path).
import type { ScimEmulator } from "../../../bench/emulators/scim";
import { scimGroupContract as groupContract, scimUserContract as userContract } from "./contract-kit";
import { scimProviders, startProviderRun, user } from "./harness";

const harness = { providers: scimProviders, startProviderRun };
const store = (emulator: ScimEmulator) => emulator.state;

export const scimUserContract = userContract("scim:User", harness, {
  store,
  emulator: { maxCount: 2, patch: false, filter: false },
  desired: user({ onRemove: "delete", roles: ["Developer"] }),
  changedRole: "Administrator",
});
export const scimGroupContract = groupContract("scim:Group", harness, { store, emulator: { maxCount: 2, patch: true } });
