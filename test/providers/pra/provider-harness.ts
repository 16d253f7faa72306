// Drives the PRA dynamic providers the way the SDK's provider process does (configure with the
// stack config, then check/diff/create/read/update/delete) against an in-process PRA emulator.
// Each simulated provider process has its own context, as a new `pulumi up` or refresh would.
import type * as pulumi from "@pulumi/pulumi";
import { startPraEmulator, type PraEmulator, type PraEmulatorOptions } from "../../../bench/emulators/pra";
import { newPraProcess } from "../../../providers/pra/context";
import { praGroupPolicyProviderFor } from "../../../providers/pra/group-policy";
import { praScimGroupProviderFor } from "../../../providers/pra/scim-group";
import { praScimUserProviderFor, type PraScimUserInputs } from "../../../providers/pra/scim-user";
import { following } from "../following";

export type ConfigValues = Record<string, string | undefined>;

/** What the SDK's provider process passes to `configure`; `values` uses bare keys. */
export function configureRequest(values: ConfigValues): pulumi.dynamic.ConfigureRequest {
  const get = (key: string) => values[key.replace(/^pam-reconciler:/, "")];
  return { config: { get, require: (key: string) => get(key) ?? "" } };
}

/** The three PRA providers of one provider process, sharing its context. */
export function praProcessProviders() {
  const context = newPraProcess();
  return { context, scimUser: praScimUserProviderFor(context), scimGroup: praScimGroupProviderFor(context), groupPolicy: praGroupPolicyProviderFor(context) };
}
type PraProviders = ReturnType<typeof praProcessProviders>;

export interface PraProviderRun {
  pra: PraEmulator;
  config: ConfigValues;
  /** The current process's providers (they follow `newProcess`). */
  scimUser: PraProviders["scimUser"];
  scimGroup: PraProviders["scimGroup"];
  groupPolicy: PraProviders["groupPolicy"];
  /**
   * Starts over as a new provider process would: a new context whose indexes are read again,
   * configured with `values` (default: the emulator's config).
   */
  newProcess(values?: ConfigValues): Promise<void>;
  close(): Promise<void>;
}

export function praConfigFor(pra: PraEmulator): ConfigValues {
  return { praUrl: pra.url, praClientId: pra.clientId, praClientSecret: pra.clientSecret, praScimToken: pra.scimToken, caBundle: pra.caFile };
}

export async function startPraProviderRun(options: { emulator?: PraEmulatorOptions } = {}): Promise<PraProviderRun> {
  const pra = await startPraEmulator(options.emulator);
  const config = praConfigFor(pra);
  let current = praProcessProviders();
  const run: PraProviderRun = {
    pra,
    config,
    scimUser: following(() => current.scimUser),
    scimGroup: following(() => current.scimGroup),
    groupPolicy: following(() => current.groupPolicy),
    async newProcess(values = config) {
      current = praProcessProviders();
      // The SDK configures every provider it loads; the first call builds the shared context.
      await current.scimUser.configure(configureRequest(values));
      await current.scimGroup.configure(configureRequest(values));
      await current.groupPolicy.configure(configureRequest(values));
    },
    close: () => pra.close(),
  };
  await run.newProcess();
  return run;
}

/** Inputs of a PRA user named `name` with Entra object id `id`. */
export function praUser(name: string, id: string, extra: Partial<PraScimUserInputs> = {}): PraScimUserInputs {
  return {
    externalId: id,
    userName: `${name}@contoso.com`,
    displayName: name,
    givenName: name,
    familyName: "Contoso",
    email: `${name}@contoso.com`,
    active: true,
    onRemove: "deactivate",
    protected: false,
    ...extra,
  };
}

/** The write calls PRA received (token requests aside). */
export const writes = (pra: PraEmulator) => pra.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth2/token");
