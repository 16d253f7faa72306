// Drives one SCIM product's dynamic providers (scim, pam360, passwordsafe: one implementation)
// the way the SDK's provider process does (configure with the stack config, then
// check/diff/create/read/update/delete) against an emulator of that product. Each product's
// harness says how to start its emulator and which stack config reaches it.
import { newScimProcess } from "../../../providers/scim/context";
import { scimGroupProviderFor } from "../../../providers/scim/group";
import type { ScimProduct } from "../../../providers/scim/product";
import { scimUserProviderFor } from "../../../providers/scim/user";
import { following } from "../following";
import { configureRequest, type ConfigValues } from "../privx/provider-harness";

export interface ProductRun<E> {
  emulator: E;
  config: ConfigValues;
  /** Starts over as a new provider process would: context and indexes forgotten, configure again. */
  newProcess(): Promise<void>;
  close(): Promise<void>;
}

export function scimProductHarness<E extends { close(): Promise<void> }, O, A extends string>(spec: {
  product: ScimProduct;
  start(options: O | undefined): Promise<E>;
  /** The stack config that reaches the emulator with credentials of one kind. */
  configFor: (emulator: E, auth: A, overrides?: ConfigValues) => ConfigValues;
  defaultAuth: A;
}) {
  const processProviders = () => {
    const context = newScimProcess(spec.product);
    return { users: scimUserProviderFor(context, spec.product), groups: scimGroupProviderFor(context, spec.product) };
  };
  let current = processProviders();
  const simulateNewProcess = () => void (current = processProviders());
  const providers = { users: following(() => current.users), groups: following(() => current.groups) };

  async function startProviderRun(options: { auth?: A; emulator?: O; config?: ConfigValues } = {}): Promise<ProductRun<E>> {
    const emulator = await spec.start(options.emulator);
    const config = spec.configFor(emulator, options.auth ?? spec.defaultAuth, options.config);
    const newProcess = async () => {
      simulateNewProcess();
      await providers.users.configure(configureRequest(config));
      await providers.groups.configure(configureRequest(config));
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

  return { providers, simulateNewProcess, startProviderRun, configFor: spec.configFor };
}
