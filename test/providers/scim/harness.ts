// Drives the scim dynamic providers the way the SDK's provider process does (configure with the
// stack config, then check/diff/create/read/update/delete) against the generic SCIM emulator.
import { startScimEmulator, type ScimEmulator, type ScimEmulatorOptions } from "../../../bench/emulators/scim";
import { resetScimContextForTests } from "../../../providers/scim/context";
import { scimGroupProvider } from "../../../providers/scim/group";
import { scimUserProvider, type ScimUserInputs } from "../../../providers/scim/user";
import type { ScimAuthChoice } from "../../../providers/scim/settings";
import { configureRequest, type ConfigValues } from "../privx/provider-harness";

export { configureRequest, type ConfigValues };

export function configFor(emulator: ScimEmulator, auth: ScimAuthChoice, overrides: ConfigValues = {}): ConfigValues {
  const credentials: Record<ScimAuthChoice, ConfigValues> = {
    bearer: { scimToken: emulator.token },
    oauth2: { scimTokenUrl: emulator.tokenUrl, scimClientId: emulator.clientId, scimClientSecret: emulator.clientSecret },
    basic: { scimUsername: emulator.username, scimPassword: emulator.password },
  };
  return { scimUrl: emulator.baseUrl, scimAuth: auth, caBundle: emulator.caFile, ...credentials[auth], ...overrides };
}

export interface ProviderRun {
  emulator: ScimEmulator;
  config: ConfigValues;
  /** Starts over as a new provider process would: context and indexes forgotten, configure again. */
  newProcess(): Promise<void>;
  close(): Promise<void>;
}

export async function startProviderRun(options: { auth?: ScimAuthChoice; emulator?: ScimEmulatorOptions; config?: ConfigValues } = {}): Promise<ProviderRun> {
  const emulator = await startScimEmulator(options.emulator);
  const config = configFor(emulator, options.auth ?? "bearer", options.config);
  const newProcess = async () => {
    resetScimContextForTests();
    await scimUserProvider.configure(configureRequest(config));
    await scimGroupProvider.configure(configureRequest(config));
  };
  await newProcess();
  return {
    emulator,
    config,
    newProcess,
    close: async () => {
      resetScimContextForTests();
      await emulator.close();
    },
  };
}

export function user(overrides: Partial<ScimUserInputs> = {}): ScimUserInputs {
  return {
    externalId: "entra-alice",
    userName: "alice@contoso.com",
    displayName: "Alice",
    givenName: "Alice",
    familyName: "Smith",
    email: "alice@contoso.com",
    active: true,
    roles: ["Developer"],
    roleLocked: false,
    roleAttribute: "roles",
    onRemove: "deactivate",
    protected: false,
    ...overrides,
  };
}

export const writes = (emulator: ScimEmulator, from = 0) => emulator.requests.slice(from).filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method) && !r.path.endsWith("/token"));
