// The second demo stack (seed 003): an Okta org and BeyondTrust Password Safe on 127.0.0.1,
// a stack config that reads Okta with private_key_jwt (the key pair made here, its public half
// registered with the emulator, the private half a secret in the config), and local state.
// Used by `npm run demo` after the first story and by the Okta lifecycle test.
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startOktaEmulator, type OktaEmulator, type OktaOrg } from "../emulators/okta";
import { configSet } from "../engine/stack-admin";
import { trustCaBundle } from "../../lib/ca-bundle";
import { offlineEngineRunner, type PulumiRunner } from "../../workflows/runner";
import type { WorkflowOptions } from "../../workflows/commands";
import { DEMO_CLOCK_START } from "./environment";
import { oktaDemoOrg } from "./okta-org";
import { passwordSafeConfig, passwordSafeSecrets, startDemoPasswordSafe, type PasswordSafeEmulator } from "./products";

export const OKTA_DEMO_STACK = "okta-demo";
export const OKTA_DEMO_CLIENT_ID = "0oademoreconciler001";
export const OKTA_DEMO_KEY_ID = "demo-key-1";

/** What Password Safe holds before the first run: the break-glass admin, made by hand and protected in the mappings. */
export const OKTA_DEMO_PASSWORDSAFE_SEED = {
  users: [
    {
      id: "ps-breakglass",
      userName: "breakglass@northwind.example",
      name: { givenName: "Break", familyName: "Glass" },
      active: true,
      roles: [{ value: "Administrator", primary: true }],
    },
  ],
};

export interface OktaDemoEnvironment {
  projectDir: string;
  workDir: string;
  okta: OktaEmulator;
  passwordsafe: PasswordSafeEmulator;
  /** The private key the stack signs its client assertions with (a secret in the stack config). */
  privateKeyPem: string;
  runner: PulumiRunner;
  options: WorkflowOptions;
  mappingFile: string;
  close(): Promise<void>;
}

export interface OktaDemoEnvironmentOptions {
  projectDir: string;
  /** Where config, mappings and state go; wiped first. */
  workDir: string;
  print?: (text: string) => void;
  org?: OktaOrg;
  /** Smaller pages, so tests page through everything. */
  smallPages?: boolean;
}

export async function startOktaDemoEnvironment(o: OktaDemoEnvironmentOptions): Promise<OktaDemoEnvironment> {
  fs.rmSync(o.workDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(o.workDir, "mappings"), { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const [okta, passwordsafe] = await Promise.all([
    startOktaEmulator({
      org: o.org ?? oktaDemoOrg(),
      clients: { [OKTA_DEMO_CLIENT_ID]: [{ kid: OKTA_DEMO_KEY_ID, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() }] },
    }),
    startDemoPasswordSafe({ maxCount: o.smallPages ? 2 : 10, seed: OKTA_DEMO_PASSWORDSAFE_SEED }),
  ]);
  trustCaBundle(okta.caFile);

  const mappingFile = path.join(o.workDir, "mappings", "access.yaml");
  fs.copyFileSync(path.join(o.projectDir, "stacks", OKTA_DEMO_STACK, "mappings", "access.yaml"), mappingFile);
  const relative = (p: string) => path.relative(o.projectDir, p);
  const configFile = path.join(o.workDir, `Pulumi.${OKTA_DEMO_STACK}.yaml`);
  const stateDir = path.join(o.workDir, "state");
  const plain: Record<string, string> = {
    directory: "okta",
    oktaOrgUrl: okta.url,
    oktaClientId: OKTA_DEMO_CLIENT_ID,
    oktaKeyId: OKTA_DEMO_KEY_ID,
    caBundle: okta.caFile,
    mappings: relative(mappingFile),
    ...passwordSafeConfig(passwordsafe),
  };
  const secrets: Record<string, string> = { oktaPrivateKey: privateKeyPem, ...passwordSafeSecrets(passwordsafe) };
  fs.writeFileSync(configFile, "# Written by the demo: the local Okta and Password Safe emulators' addresses and credentials.\nconfig: {}\n");
  const env: Record<string, string> = {
    PULUMI_CONFIG_PASSPHRASE: "demo-passphrase-not-a-secret",
    PULUMI_OFFLINE_STATE_DIR: stateDir,
    PAM_RECONCILER_NOW: DEMO_CLOCK_START,
  };
  const location = { projectDir: o.projectDir, stack: OKTA_DEMO_STACK, configFile: relative(configFile), stateDir, env };
  for (const [key, value] of Object.entries(plain)) configSet({ ...location, key, value });
  for (const [key, value] of Object.entries(secrets)) configSet({ ...location, key, value, secret: true });

  return {
    projectDir: o.projectDir,
    workDir: o.workDir,
    okta,
    passwordsafe,
    privateKeyPem,
    runner: offlineEngineRunner(o.projectDir),
    options: { stack: OKTA_DEMO_STACK, projectDir: o.projectDir, configFile: relative(configFile), env, print: o.print },
    mappingFile,
    close: async () => {
      await Promise.all([okta.close(), passwordsafe.close()]);
    },
  };
}
