// Drives the scim dynamic providers the way the SDK's provider process does (configure with the
// stack config, then check/diff/create/read/update/delete) against the generic SCIM emulator.
import { startScimEmulator, type ScimEmulator, type ScimEmulatorOptions } from "../../../bench/emulators/scim";
import { scimProduct } from "../../../providers/scim/generic";
import type { ScimUserInputs } from "../../../providers/scim/user";
import type { ScimAuthChoice } from "../../../providers/scim/settings";
import type { ConfigValues } from "../privx/provider-harness";
import { scimProductHarness, type ProductRun } from "./product-harness";

export type { ConfigValues };

export function configFor(emulator: ScimEmulator, auth: ScimAuthChoice, overrides: ConfigValues = {}): ConfigValues {
  const credentials: Record<ScimAuthChoice, ConfigValues> = {
    bearer: { scimToken: emulator.token },
    oauth2: { scimTokenUrl: emulator.tokenUrl, scimClientId: emulator.clientId, scimClientSecret: emulator.clientSecret },
    basic: { scimUsername: emulator.username, scimPassword: emulator.password },
  };
  return { scimUrl: emulator.baseUrl, scimAuth: auth, caBundle: emulator.caFile, ...credentials[auth], ...overrides };
}

const harness = scimProductHarness<ScimEmulator, ScimEmulatorOptions, ScimAuthChoice>({
  product: scimProduct,
  start: (options) => startScimEmulator(options),
  configFor,
  defaultAuth: "bearer",
});

export type ProviderRun = ProductRun<ScimEmulator>;
/** The current simulated process's providers, for tests to hold across processes. */
export const scimProviders = harness.providers;
/** A new simulated provider process: its providers build their own context on first configure. */
export const simulateNewProcess = harness.simulateNewProcess;
export const startProviderRun = harness.startProviderRun;

/** A SCIM user's inputs; each product's harness starts from these. */
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

export const writes = (emulator: ScimEmulator, from = 0) =>
  emulator.requests.slice(from).filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method) && !r.path.endsWith("/token"));
