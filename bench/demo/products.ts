// The demo's PAM360 and Password Safe: their emulators, and the stack config and secrets that
// reach them (what README's configuration reference lists for each).
import { startPam360Emulator, type Pam360Emulator, type Pam360EmulatorOptions } from "../emulators/pam360";
import { startPasswordSafeEmulator, type PasswordSafeEmulator, type PasswordSafeEmulatorOptions } from "../emulators/passwordsafe";

export type { Pam360Emulator, PasswordSafeEmulator };

/** The demo's PAM360 accepts a renamed userName (bob → robert renames in place); the RENAME_REFUSED policy is the providers' tests'. */
export const startDemoPam360 = (options: Pam360EmulatorOptions) => startPam360Emulator({ renameUserName: "in-place", ...options });
export const startDemoPasswordSafe = (options: PasswordSafeEmulatorOptions) => startPasswordSafeEmulator(options);

export const pam360Config = (pam360: Pam360Emulator): Record<string, string> => ({
  pam360Url: pam360.baseUrl,
  pam360Auth: "authtoken",
  pam360CaBundle: pam360.caFile,
});
export const pam360Secrets = (pam360: Pam360Emulator): Record<string, string> => ({ pam360Token: pam360.token });
export const passwordSafeConfig = (ps: PasswordSafeEmulator): Record<string, string> => ({
  passwordsafeUrl: ps.baseUrl,
  passwordsafeClientId: ps.clientId,
  passwordsafeCaBundle: ps.caFile,
});
export const passwordSafeSecrets = (ps: PasswordSafeEmulator): Record<string, string> => ({ passwordsafeClientSecret: ps.clientSecret });
