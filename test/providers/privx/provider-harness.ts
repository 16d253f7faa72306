// Drives the PrivX dynamic providers the way the SDK's provider process does (configure with the
// stack config, then check/diff/create/read/update/delete) against an in-process emulator.
import type * as pulumi from "@pulumi/pulumi";
import { startPrivxEmulator, type PrivxEmulator, type PrivxEmulatorOptions } from "../../../bench/emulators/privx";
import type { PrivxAuthKind } from "../../../providers/privx/settings";
import { newPrivxProcess } from "../../../providers/privx/context";
import { privxHostProviderFor } from "../../../providers/privx/host";
import { privxScimUserProviderFor } from "../../../providers/privx/scim-user";
import { following } from "../following";

/** The PrivX providers of one provider process, sharing its context. */
function privxProcessProviders() {
  const context = newPrivxProcess();
  return { context, users: privxScimUserProviderFor(context), hosts: privxHostProviderFor(context) };
}

/** The providers of the provider process the tests simulate now (the latest started). */
let current = privxProcessProviders();

/**
 * Starts a new simulated provider process: its providers have a context of their own, built on
 * their first configure, as in a new `pulumi up` or refresh.
 */
export function simulateNewProcess(): void {
  current = privxProcessProviders();
}

/** The current simulated process's providers, for tests to hold across processes. */
export const privxProviders = {
  users: following(() => current.users),
  hosts: following(() => current.hosts),
};

export type ConfigValues = Record<string, string | undefined>;

/**
 * What the SDK's provider process passes to `configure`: a Config whose get/require take keys
 * namespaced "project:key" (a bare key means the project's own). `values` uses bare keys.
 */
export function configureRequest(values: ConfigValues): pulumi.dynamic.ConfigureRequest {
  const lookup = (key: string): string | undefined => {
    const [namespace, name] = key.includes(":") ? key.split(":", 2) : ["pam-reconciler", key];
    return namespace === "pam-reconciler" ? values[name] : undefined;
  };
  return {
    config: {
      get: lookup,
      require: (key) => {
        const value = lookup(key);
        if (value === undefined) throw new Error(`missing required configuration variable '${key}'`);
        return value;
      },
    },
  };
}

/** Stack config for an emulator with one kind of credentials. */
export function configFor(emulator: PrivxEmulator, auth: PrivxAuthKind, overrides: ConfigValues = {}): ConfigValues {
  const credentials: Record<PrivxAuthKind, ConfigValues> = {
    basic: { privxClientId: emulator.clientId, privxClientSecret: emulator.clientSecret },
    oauth2: { privxTokenUrl: emulator.tokenUrl, privxClientId: emulator.clientId, privxClientSecret: emulator.clientSecret },
    token: { privxAccessToken: emulator.accessToken },
  };
  return { privxScimUrl: emulator.scimBaseUrl, privxAuth: auth, caBundle: emulator.caFile, ...credentials[auth], ...overrides };
}

export interface ProviderRun {
  emulator: PrivxEmulator;
  config: ConfigValues;
  /**
   * Starts over as a new provider process would (a later `pulumi up` or `refresh`): a new
   * context whose indexes are read again, and configure runs again. Both providers are
   * configured, as the SDK does for every provider it loads; the first call builds the context.
   */
  newProcess(): Promise<void>;
  close(): Promise<void>;
}

export async function startProviderRun(options: { auth?: PrivxAuthKind; emulator?: PrivxEmulatorOptions; config?: ConfigValues } = {}): Promise<ProviderRun> {
  const emulator = await startPrivxEmulator(options.emulator);
  const config = configFor(emulator, options.auth ?? "oauth2", options.config);
  const newProcess = async () => {
    simulateNewProcess();
    await privxProviders.users.configure(configureRequest(config));
    await privxProviders.hosts.configure(configureRequest(config));
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

/** Requests the emulator recorded for a method and path, e.g. the GETs of the Hosts collection. */
export function requestsTo(emulator: PrivxEmulator, method: string, url: string): number {
  const path = new URL(url).pathname;
  return emulator.requests.filter((r) => r.method === method && r.path === path).length;
}
