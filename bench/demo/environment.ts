// The demo's world: local emulators of Microsoft Graph, PRA, PrivX, a SCIM 2.0 application, PAM360
// and Password Safe on 127.0.0.1, a stack
// config file pointing at them, their credentials as passphrase-encrypted secret config, and
// local state. Used by `npm run demo` and by the lifecycle tests.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startGraphEmulator, demoTenantPath, type GraphEmulator, type TenantFixture } from "../emulators/graph";
import { startPraEmulator, type PraEmulator, type PraSeed } from "../emulators/pra";
import { startPrivxEmulator, type PrivxEmulator } from "../emulators/privx";
import { startScimEmulator, type ScimEmulator } from "../emulators/scim";
import { startRsEmulator, type RsEmulator, type RsEmulatorOptions } from "../emulators/rs";
import {
  pam360Config,
  pam360Secrets,
  passwordSafeConfig,
  passwordSafeSecrets,
  startDemoPam360,
  startDemoPasswordSafe,
  type Pam360Emulator,
  type PasswordSafeEmulator,
} from "./products";
import { configSet } from "../engine/stack-admin";
import { trustCaBundle } from "../../lib/ca-bundle";
import { offlineEngineRunner, type PulumiRunner } from "../../workflows/runner";
import type { WorkflowOptions } from "../../workflows/commands";

export const DEMO_STACK = "demo";
/**
 * The demo's one clock (PAM_RECONCILER_NOW): fixed, so the story is the same on every machine.
 * The vendors' temporary grant (until 2026-07-15) has 5 days left when the story starts.
 */
export const DEMO_CLOCK_START = "2026-07-10T09:00:00Z";
/** After the vendors' grant has ended. */
export const DEMO_CLOCK_AFTER_VENDOR_GRANT = "2026-07-16T09:00:00Z";
export const DEMO_ENTRA_CLIENT_ID = "00000000-0000-4000-8000-0000000de300";

/** What the PRA site holds before the first run: jump groups, and objects made by hand earlier. */
export const DEMO_PRA_SEED: PraSeed = {
  jumpGroups: [{ name: "Linux Servers" }, { name: "Windows Servers" }, { name: "Vendor Jump Zone" }],
  // A user the old scheduled script created, with no externalId: adopted, not duplicated.
  scimUsers: [{ userName: "alice@contoso.com", displayName: "Alice (old script)", email: "alice@contoso.com", active: true }],
  // A policy someone made in the console: adopted by name.
  groupPolicies: [{ name: "Vendor Access", perm_access_allowed: false }],
};

/**
 * What the SCIM application holds before the first run: grace, made in its console with the
 * Owner role and no link to the directory. Her role is locked in the mappings: she is adopted,
 * and keeps it.
 */
export const DEMO_SCIM_SEED = {
  users: [
    { id: "app-user-grace", userName: "grace@contoso.com", displayName: "Grace (set up by hand)", active: true, roles: [{ value: "Owner", primary: true }] },
  ],
};

/** The roles the demo's SCIM application offers, announced in its /Schemas (the preflight checks the mappings' roles against them). */
export const DEMO_SCIM_ROLES = ["Owner", "Administrator", "Developer", "Viewer"];

/** What PAM360 holds before the first run: grace, made by hand as a Privileged Administrator. */
export const DEMO_PAM360_SEED = {
  users: [
    {
      id: "pam360-user-grace",
      userName: "grace@contoso.com",
      displayName: "Grace (set up by hand)",
      name: { givenName: "Grace", familyName: "Hopper" },
      emails: [{ value: "grace@contoso.com", primary: true }],
      active: true,
      roles: [{ value: "Privileged Administrator", primary: true }],
    },
  ],
};

/** What Password Safe holds before the first run: grace, made by hand as an Owner. */
export const DEMO_PASSWORDSAFE_SEED = {
  users: [
    {
      id: "ps-user-grace",
      userName: "grace@contoso.com",
      name: { givenName: "Grace", familyName: "Hopper" },
      emails: [{ value: "grace@contoso.com", primary: true }],
      active: true,
      roles: [{ value: "Owner", primary: true }],
    },
  ],
};

/**
 * What the Remote Support site holds before the first run: the SAML security provider the help
 * desk signs in with, the groups it knows (Entra object ids, as the group claim sends them: PRA
 * Windows Operators and PRA Linux Admins), and jump groups.
 */
export const DEMO_RS_SEED: RsEmulatorOptions["seed"] = {
  samlProvider: { name: "Entra ID", available_groups: ["3c6fe58b-417d-45c9-aca6-ce44decaa1ee", "ac37f319-bfb3-4247-ade8-a06b9ab8ea2d"] },
  jumpGroups: [{ name: "Branch PCs" }, { name: "Data Center" }],
};

/** The demo stack's mapping files (stacks/demo/mappings). */
export const DEMO_MAPPING_FILES = ["access.yaml", "hosts.yaml"];

export interface DemoEnvironment {
  projectDir: string;
  workDir: string;
  graph: GraphEmulator;
  pra: PraEmulator;
  privx: PrivxEmulator;
  /** A generic SCIM 2.0 application without PATCH that answers `active` as a string. */
  scim: ScimEmulator;
  pam360: Pam360Emulator;
  passwordsafe: PasswordSafeEmulator;
  /** BeyondTrust Remote Support: group policies with SAML group members. */
  rs: RsEmulator;
  runner: PulumiRunner;
  /** Options every workflow call of the demo uses. */
  options: WorkflowOptions;
  /** Replaces the demo's copy of a mapping file (a change merged through a pull request). */
  replaceMappingFile(name: string, sourceFile: string): void;
  close(): Promise<void>;
}

export interface DemoEnvironmentOptions {
  projectDir: string;
  /** Where config, mappings and state go; wiped first. */
  workDir: string;
  print?: (text: string) => void;
  /** Smaller emulator pages, so tests page through everything. */
  smallPages?: boolean;
  /** The directory (default: the Contoso demo tenant). */
  tenant?: TenantFixture | string;
  /** Mapping files as name → text (default: the demo stack's, DEMO_MAPPING_FILES). */
  mappings?: Record<string, string>;
  /** What PRA holds before the first run (default: DEMO_PRA_SEED). */
  praSeed?: PraSeed;
  /** More users the SCIM products hold before the first run (made in their consoles), besides the demo's seeds. */
  scimUserSeeds?: { scim?: Record<string, unknown>[]; pam360?: Record<string, unknown>[]; passwordsafe?: Record<string, unknown>[] };
}

export async function startDemoEnvironment(o: DemoEnvironmentOptions): Promise<DemoEnvironment> {
  fs.rmSync(o.workDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(o.workDir, "mappings"), { recursive: true });
  const entraSecret = randomBytes(24).toString("base64url");
  const [graph, pra, privx, scim, pam360, passwordsafe, rs] = await Promise.all([
    startGraphEmulator({
      tenant: o.tenant ?? demoTenantPath,
      clientSecrets: { [DEMO_ENTRA_CLIENT_ID]: entraSecret },
      pageSizeCap: o.smallPages ? 3 : undefined,
    }),
    startPraEmulator({ seed: o.praSeed ?? DEMO_PRA_SEED, defaultPerPage: o.smallPages ? 5 : undefined, scimMaxCount: o.smallPages ? 4 : undefined }),
    startPrivxEmulator({ auth: "oauth2", maxCount: o.smallPages ? 3 : undefined }),
    startScimEmulator({
      auth: "bearer",
      patch: false,
      activeAsString: true,
      maxCount: o.smallPages ? 2 : 10,
      seed: { users: [...DEMO_SCIM_SEED.users, ...(o.scimUserSeeds?.scim ?? [])] },
      roleValues: DEMO_SCIM_ROLES,
    }),
    startDemoPam360({ maxCount: o.smallPages ? 2 : 10, seed: { users: [...DEMO_PAM360_SEED.users, ...(o.scimUserSeeds?.pam360 ?? [])] } }),
    startDemoPasswordSafe({ maxCount: o.smallPages ? 2 : 10, seed: { users: [...DEMO_PASSWORDSAFE_SEED.users, ...(o.scimUserSeeds?.passwordsafe ?? [])] } }),
    startRsEmulator({ seed: DEMO_RS_SEED, defaultPerPage: o.smallPages ? 5 : undefined }),
  ]);
  // The demo process itself reads the emulators too (reports, assertions).
  trustCaBundle(graph.caFile);

  const mappings =
    o.mappings ?? Object.fromEntries(DEMO_MAPPING_FILES.map((n) => [n, fs.readFileSync(path.join(o.projectDir, "stacks/demo/mappings", n), "utf8")]));
  for (const [name, text] of Object.entries(mappings)) fs.writeFileSync(path.join(o.workDir, "mappings", name), text);
  const relative = (p: string) => path.relative(o.projectDir, p);
  const configFile = path.join(o.workDir, `Pulumi.${DEMO_STACK}.yaml`);
  const stateDir = path.join(o.workDir, "state");
  const plain: Record<string, string> = {
    entraTenantId: graph.tenantId,
    entraClientId: DEMO_ENTRA_CLIENT_ID,
    entraCredential: "clientSecret",
    entraAuthorityHost: graph.url,
    graphBaseUrl: graph.url,
    caBundle: graph.caFile,
    mappings: Object.keys(mappings)
      .map((n) => relative(path.join(o.workDir, "mappings", n)))
      .join(","),
    praUrl: pra.url,
    praClientId: pra.clientId,
    privxScimUrl: privx.scimBaseUrl,
    privxAuth: "oauth2",
    privxClientId: privx.clientId,
    privxTokenUrl: privx.tokenUrl,
    scimUrl: scim.baseUrl,
    scimAuth: "bearer",
    ...pam360Config(pam360),
    ...passwordSafeConfig(passwordsafe),
    rsUrl: rs.url,
    rsClientId: rs.clientId,
  };
  const secrets: Record<string, string> = {
    entraClientSecret: entraSecret,
    praClientSecret: pra.clientSecret,
    praScimToken: pra.scimToken,
    privxClientSecret: privx.clientSecret,
    scimToken: scim.token,
    ...pam360Secrets(pam360),
    ...passwordSafeSecrets(passwordsafe),
    rsClientSecret: rs.clientSecret,
  };
  fs.writeFileSync(configFile, "# Written by the demo: the local emulators' addresses and credentials.\nconfig: {}\n");
  const env: Record<string, string> = {
    PULUMI_CONFIG_PASSPHRASE: "demo-passphrase-not-a-secret",
    PULUMI_OFFLINE_STATE_DIR: stateDir,
    PAM_RECONCILER_NOW: DEMO_CLOCK_START,
    PAM_RECONCILER_ADOPTION_FILE: path.join(o.workDir, "adoptions.json"),
  };
  const location = { projectDir: o.projectDir, stack: DEMO_STACK, configFile: relative(configFile), stateDir, env };
  for (const [key, value] of Object.entries(plain)) configSet({ ...location, key, value });
  for (const [key, value] of Object.entries(secrets)) configSet({ ...location, key, value, secret: true });

  return {
    projectDir: o.projectDir,
    workDir: o.workDir,
    graph,
    pra,
    privx,
    scim,
    pam360,
    passwordsafe,
    rs,
    // The demo is the embedded default: always the offline engine and local state.
    runner: offlineEngineRunner(o.projectDir),
    options: { stack: DEMO_STACK, projectDir: o.projectDir, configFile: relative(configFile), env, print: o.print },
    replaceMappingFile(name, sourceFile) {
      fs.copyFileSync(sourceFile, path.join(o.workDir, "mappings", name));
    },
    async close() {
      await Promise.all([graph.close(), pra.close(), privx.close(), scim.close(), pam360.close(), passwordsafe.close(), rs.close()]);
    },
  };
}
