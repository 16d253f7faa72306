// Drives the scim dynamic providers the way the SDK's provider process does (configure with the
// stack config, then check/diff/create/read/update/delete) against the generic SCIM emulator.
import { startScimEmulator, type ScimEmulator, type ScimEmulatorOptions } from "../../../bench/emulators/scim";
import { newScimProcess } from "../../../providers/scim/context";
import { scimGroupProviderFor } from "../../../providers/scim/group";
import { scimUserProviderFor, type ScimUserInputs } from "../../../providers/scim/user";
import type { ScimAuthChoice } from "../../../providers/scim/settings";
import { following } from "../following";
import { configureRequest, type ConfigValues } from "../privx/provider-harness";

export { configureRequest, type ConfigValues };

/** The SCIM providers of one simulated provider process, sharing its context. */
function processProviders() {
  const context = newScimProcess();
  return { users: scimUserProviderFor(context), groups: scimGroupProviderFor(context) };
}

let current = processProviders();

/** A new simulated provider process: its providers build their own context on first configure. */
export function simulateNewProcess(): void {
  current = processProviders();
}

/** The current simulated process's providers, for tests to hold across processes. */
export const scimProviders = {
  users: following(() => current.users),
  groups: following(() => current.groups),
};

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
    simulateNewProcess();
    await scimProviders.users.configure(configureRequest(config));
    await scimProviders.groups.configure(configureRequest(config));
  };
  await newProcess();
  return {
    emulator,
    config,
    newProcess,
    close: async () => {
      simulateNewProcess();
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
