// Drives the pam360 providers against the PAM360 emulator.
import { startPam360Emulator, type Pam360Emulator, type Pam360EmulatorOptions } from "../../../bench/emulators/pam360";
import { PAM360_DOMAIN_EXTENSION } from "../../../providers/pam360/facts";
import { pam360Product } from "../../../providers/pam360/product";
import type { ScimUserInputs } from "../../../providers/scim/user";
import type { ConfigValues } from "../privx/provider-harness";
import { user } from "../scim/harness";
import { scimProductHarness } from "../scim/product-harness";

export type Pam360Auth = "authtoken" | "bearer";
export type { Pam360Emulator };

export function pam360ConfigFor(emulator: Pam360Emulator, auth: Pam360Auth, overrides: ConfigValues = {}): ConfigValues {
  return { pam360Url: emulator.baseUrl, pam360Auth: auth, pam360Token: emulator.token, caBundle: emulator.caFile, ...overrides };
}

export const pam360 = scimProductHarness<Pam360Emulator, Pam360EmulatorOptions, Pam360Auth>({
  product: pam360Product,
  start: (options) => startPam360Emulator(options),
  configFor: pam360ConfigFor,
  defaultAuth: "authtoken",
});

export const DOMAIN_TYPE = `${PAM360_DOMAIN_EXTENSION}:userType`;
export const DOMAIN = `${PAM360_DOMAIN_EXTENSION}:domain`;

export function pam360User(overrides: Partial<ScimUserInputs> = {}): ScimUserInputs {
  return user({ displayName: "Alice Smith", roles: ["Password User"], attributes: { [DOMAIN_TYPE]: 2, [DOMAIN]: "contoso.com" }, ...overrides });
}
