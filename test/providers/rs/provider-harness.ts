// Drives the Remote Support provider as the SDK's provider process does (configure with the
// stack config, then check/diff/create/read/update/delete) against an in-process RS emulator.
import { startRsEmulator, type RsEmulator, type RsEmulatorOptions } from "../../../bench/emulators/rs";
import { newRsProcess } from "../../../providers/rs/context";
import { rsGroupPolicyProviderFor } from "../../../providers/rs/group-policy";
import { following } from "../following";
import { configureRequest, type ConfigValues } from "../pra/provider-harness";

/** The SAML security provider the tests' RS knows, and its groups (Entra object ids, as the claim sends them). */
export const SAML_PROVIDER = "Entra ID";
export const SUPPORT_GROUP = "11111111-1111-4111-8111-111111111111";
export const ESCALATION_GROUP = "22222222-2222-4222-8222-222222222222";

export function rsConfigFor(rs: RsEmulator): ConfigValues {
  return { rsUrl: rs.url, rsClientId: rs.clientId, rsClientSecret: rs.clientSecret, caBundle: rs.caFile };
}

export interface RsProviderRun {
  rs: RsEmulator;
  config: ConfigValues;
  groupPolicy: ReturnType<typeof rsGroupPolicyProviderFor>;
  newProcess(values?: ConfigValues): Promise<void>;
  close(): Promise<void>;
}

export const RS_SEED: RsEmulatorOptions["seed"] = {
  samlProvider: { name: SAML_PROVIDER, available_groups: [SUPPORT_GROUP, ESCALATION_GROUP] },
  jumpGroups: [{ name: "Branch PCs" }, { name: "Kiosks" }],
};

export async function startRsProviderRun(options: { emulator?: RsEmulatorOptions } = {}): Promise<RsProviderRun> {
  const rs = await startRsEmulator({ seed: RS_SEED, ...options.emulator });
  const config = rsConfigFor(rs);
  let current = rsGroupPolicyProviderFor(newRsProcess());
  const run: RsProviderRun = {
    rs,
    config,
    groupPolicy: following(() => current),
    async newProcess(values = config) {
      current = rsGroupPolicyProviderFor(newRsProcess());
      await current.configure(configureRequest(values));
    },
    close: () => rs.close(),
  };
  await run.newProcess();
  return run;
}
