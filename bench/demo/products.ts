// The demo's PAM360 and Password Safe: their emulators, and the stack config and secrets that
// reach them (what README's configuration reference lists for each).
import { startScimEmulator, type ScimEmulator, type ScimEmulatorOptions } from "../emulators/scim";

export type Pam360Emulator = ScimEmulator;
export type PasswordSafeEmulator = ScimEmulator;

export const startDemoPam360 = (options: ScimEmulatorOptions) => startScimEmulator({ auth: "bearer", ...options });
export const startDemoPasswordSafe = (options: ScimEmulatorOptions) => startScimEmulator({ auth: "oauth2", tokenPath: "/scim/oauth/token", ...options });

export const pam360Config = (pam360: Pam360Emulator): Record<string, string> => ({ pam360Url: pam360.baseUrl, pam360Auth: "bearer", pam360CaBundle: pam360.caFile });
export const pam360Secrets = (pam360: Pam360Emulator): Record<string, string> => ({ pam360Token: pam360.token });
export const passwordSafeConfig = (ps: PasswordSafeEmulator): Record<string, string> => ({ passwordsafeUrl: ps.baseUrl, passwordsafeClientId: ps.clientId, passwordsafeCaBundle: ps.caFile });
export const passwordSafeSecrets = (ps: PasswordSafeEmulator): Record<string, string> => ({ passwordsafeClientSecret: ps.clientSecret });
