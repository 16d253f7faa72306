// Drives the passwordsafe providers against the Password Safe emulator.
import { startPasswordSafeEmulator, type PasswordSafeEmulator, type PasswordSafeEmulatorOptions } from "../../../bench/emulators/passwordsafe";
import { passwordSafeProduct } from "../../../providers/passwordsafe/product";
import type { ScimUserInputs } from "../../../providers/scim/user";
import type { ConfigValues } from "../privx/provider-harness";
import { user } from "../scim/harness";
import { scimProductHarness } from "../scim/product-harness";

export type { PasswordSafeEmulator };

export function passwordSafeConfigFor(emulator: PasswordSafeEmulator, _auth: "oauth2", overrides: ConfigValues = {}): ConfigValues {
  return {
    passwordsafeUrl: emulator.baseUrl,
    passwordsafeClientId: emulator.clientId,
    passwordsafeClientSecret: emulator.clientSecret,
    caBundle: emulator.caFile,
    ...overrides,
  };
}

export const passwordSafe = scimProductHarness<PasswordSafeEmulator, PasswordSafeEmulatorOptions, "oauth2">({
  product: passwordSafeProduct,
  start: (options) => startPasswordSafeEmulator(options),
  configFor: passwordSafeConfigFor,
  defaultAuth: "oauth2",
});

export function passwordSafeUser(overrides: Partial<ScimUserInputs> = {}): ScimUserInputs {
  return user({ displayName: "Alice Smith", roles: ["Operator"], ...overrides });
}
