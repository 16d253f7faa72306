// The demo's story, step by step: first preview, apply, a no-change preview, a pull request
// plus a directory change, changes made by hand in the consoles found by a drift run and
// undone by the pipeline, and a clean drift run at the end.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { demoTenantV2Path } from "../emulators/graph";
import { driftWorkflow, previewWorkflow, upWorkflow } from "../../workflows/commands";
import { PAM360_DOMAIN_EXTENSION } from "../../providers/pam360/facts";
import { DEMO_CLOCK_AFTER_VENDOR_GRANT, type DemoEnvironment } from "./environment";

export interface DemoStep {
  title: string;
  /** What a reader should notice. */
  explanation: string;
  exitCode: number;
}

export interface DemoOutcome {
  steps: DemoStep[];
  /** The access-change report of the last change, as posted on the pull request. */
  pullRequestReport: string;
  /** The drift report the scheduled run files as an issue. */
  driftReport: string;
  /** The drift report after the vendors' temporary grant ended. */
  expiryReport: string;
}

/**
 * What "someone in the console" does: remove a member and flip a permission in PRA, edit a PrivX
 * host, promote a user in the SCIM application and in Password Safe, in PAM360 promote one
 * and turn another into a local user, and in Remote Support remove a policy's SAML group.
 */
export function makeHandChanges(env: DemoEnvironment): string[] {
  const policy = env.pra.state.groupPoliciesNamed("Linux Administrators")[0];
  if (!policy) throw new Error("demo: PRA has no Linux Administrators policy to edit");
  const removed = policy.members.splice(0, 1)[0];
  const removedName = removed?.kind === "scim-group" ? env.pra.state.scimGroups.get(removed.scimGroupId)?.displayName : removed?.kind;
  policy.wire.perm_shell_jump = !policy.wire.perm_shell_jump;
  env.pra.state.touch();
  const host = [...env.privx.state.hosts.values()].find((h) => h.externalId === "contoso-web-01");
  if (!host) throw new Error("demo: PrivX has no contoso-web-01 host to edit");
  host.contactAddress = "203.0.113.80";
  host.services = "SSH:22,WEB:443,RDP:3389";
  const dave = env.scim.state.userNamed("dave@contoso.com");
  if (!dave) throw new Error("demo: the SCIM application has no dave@contoso.com to edit");
  dave.roles = [{ value: "Administrator", primary: true }];
  const pamDave = env.pam360.state.userNamed("dave@contoso.com");
  const pamAlice = env.pam360.state.userNamed("alice@contoso.com");
  if (!pamDave || !pamAlice) throw new Error("demo: PAM360 has no dave@contoso.com or alice@contoso.com to edit");
  pamDave.roles = [{ value: "Privileged Administrator", primary: true }];
  pamAlice[PAM360_DOMAIN_EXTENSION] = { userType: 0, domain: "" };
  const psDave = env.passwordsafe.state.userNamed("dave@contoso.com");
  if (!psDave) throw new Error("demo: Password Safe has no dave@contoso.com to edit");
  psDave.roles = [{ value: "Administrator", primary: true }];
  const rsPolicy = [...env.rs.state.groupPolicies.values()].find((p) => p.wire.name === "Help Desk Tier 1");
  if (!rsPolicy) throw new Error("demo: Remote Support has no Help Desk Tier 1 policy to edit");
  rsPolicy.members.length = 0;
  (rsPolicy.wire as unknown as Record<string, unknown>).perm_routing_idle_timeout = 0;
  env.rs.state.touch();
  return [
    `PRA: removed member "${removedName ?? "?"}" from group policy "Linux Administrators" and flipped perm_shell_jump`,
    `PrivX: changed host contoso-web-01's contact address to 203.0.113.80 and added RDP:3389`,
    `SCIM application: made dave@contoso.com an Administrator`,
    `PAM360: made dave@contoso.com a Privileged Administrator, and alice@contoso.com a local user (userType 0)`,
    `Password Safe: made dave@contoso.com an Administrator`,
    `Remote Support: removed every SAML group from group policy "Help Desk Tier 1" and set its routing idle timeout to 0`,
  ];
}

/** Called after each step, before the next one changes anything (tests assert here). */
export type AfterStep = (index: number, step: DemoStep) => void | Promise<void>;

export async function runDemoStory(env: DemoEnvironment, print: (text: string) => void, afterStep?: AfterStep): Promise<DemoOutcome> {
  const steps: DemoStep[] = [];
  const options = env.options;
  const banner = (title: string, explanation: string) => {
    print(`\n${"═".repeat(100)}\n${title}\n${explanation}\n${"═".repeat(100)}\n`);
  };
  const step = async (title: string, explanation: string, action: () => Promise<number>) => {
    banner(title, explanation);
    const exitCode = await action();
    print(`\n→ exit code ${exitCode}\n`);
    const done = { title, explanation, exitCode };
    steps.push(done);
    await afterStep?.(steps.length, done);
    return exitCode;
  };
  const prReport = path.join(env.workDir, "pull-request-report.md");
  const driftReport = path.join(env.workDir, "drift-report.md");
  const expiryReport = path.join(env.workDir, "expired-grant-drift-report.md");

  await step(
    "Step 1 — Pull request: preview of the first run",
    "The reviewer sees every PRA user, SCIM group and group policy, every PrivX user and host, and every SCIM application, PAM360 and\n" +
      "Password Safe user with its role, that the first run creates. alice@contoso.com (made by an old script) and the Vendor Access policy\n" +
      "(made by hand) already exist in PRA, and grace@contoso.com (role-locked) in the SCIM application, PAM360 and Password Safe: they are\n" +
      "adopted and grace keeps her roles; bob is in no mapped group and gets each product's default role.",
    () => previewWorkflow(env.runner, { ...options, diff: false }),
  );
  await step("Step 2 — Pipeline: pulumi up", "Applies it. Every group policy that changed is provisioned.", () => upWorkflow(env.runner, options));
  await step(
    "Step 3 — Nothing changed: preview --expect-no-changes",
    "A second preview finds nothing to do (exit code 0; 7 would mean changes).",
    async () => (await env.runner.run("preview", { ...options, expectNoChanges: true })).exitCode,
  );

  env.graph.loadTenant(demoTenantV2Path);
  env.replaceMappingFile("hosts.yaml", path.join(env.projectDir, "stacks/demo/pull-request/hosts.yaml"));
  await step(
    "Step 4 — The directory changes and a pull request edits the host inventory: preview",
    "In Entra ID: heidi joins Platform SRE (so Linux Admins), dave leaves Windows Operators, frank is disabled, bob is renamed robert,\n" +
      "alice joins PrivX DBAs (her PrivX roles grow, and she gets the top role in the SCIM application, PAM360 and Password Safe).\n" +
      "In Git: contoso-build-01 is retired, contoso-db-01 changes, contoso-db-02 is added.",
    () => previewWorkflow(env.runner, { ...options, markdownFile: prReport }),
  );
  await step(
    "Step 5 — Pipeline: pulumi up",
    "Applies the change: dave is deactivated in PRA (not deleted), bob is renamed in place everywhere, frank is kept but inactive.",
    () => upWorkflow(env.runner, options),
  );

  banner(
    "Someone changes things by hand in the consoles",
    makeHandChanges(env)
      .map((c) => `  • ${c}`)
      .join("\n"),
  );
  await step(
    "Step 6 — Scheduled drift detection",
    "Refreshes without applying: exit code 7 and a report of what was changed by hand.",
    async () => (await driftWorkflow(env.runner, { ...options, markdownFile: driftReport })).exitCode,
  );
  await step("Step 7 — Pipeline: pulumi up --refresh", "Undoes the changes made by hand.", () => upWorkflow(env.runner, { ...options, refresh: true }));
  await step("Step 8 — Drift detection again", "Everything matches: exit code 0.", async () => (await driftWorkflow(env.runner, options)).exitCode);

  // The clock moves past the vendors' temporary grant (until 2026-07-15); nobody edits Git.
  options.env = { ...options.env, PAM_RECONCILER_NOW: DEMO_CLOCK_AFTER_VENDOR_GRANT };
  await step(
    "Step 9 — A day after the vendors' grant ended: the hourly drift run",
    `The clock is now ${DEMO_CLOCK_AFTER_VENDOR_GRANT}. Vendor Access granted PRA Vendors only until 2026-07-15: the drift run\n` +
      "reports the expired grant PRA still holds (exit code 7), with the removal it plans.",
    async () => (await driftWorkflow(env.runner, { ...options, markdownFile: expiryReport })).exitCode,
  );
  await step("Step 10 — Pipeline: pulumi up", "Removes the expired grant: Vendor Access loses PRA Vendors, and erin (in no other policy) is deactivated.", () =>
    upWorkflow(env.runner, options),
  );

  env.replaceMappingFile("access.yaml", path.join(env.projectDir, "stacks/demo/pull-request/access-vendors-as-admins.yaml"));
  await step(
    "Step 11 — A pull request breaks a guardrail: preview",
    'It adds the vendors group to Linux Administrators. The guardrail "Guests never administer servers" refuses it:\n' +
      "one message per person and path, nothing is declared, the preview fails (exit code 255).",
    () => previewWorkflow(env.runner, options),
  );
  env.replaceMappingFile("access.yaml", path.join(env.projectDir, "stacks/demo/mappings/access.yaml"));

  await step(
    "Step 12 — Why does heidi have access? npm run explain",
    "Traces every access heidi gets to its Entra group (heidi is in PRA Linux Admins through Platform SRE), the mapping\n" +
      "rule (file:line) and the effective PRA permissions. Reads the directory like the program; no engine, no write.",
    () => runExplain(env, "heidi@contoso.com", print),
  );
  await step(
    "Step 13 — The access register: npm run register",
    "Every person × target × grant with why (nesting path, rule at file:line), since when and who approved it (the\n" +
      "rule's Git history), whether the last run applied it, and its expiry: JSON, CSV and one HTML page to open.",
    () => runRegister(env, print),
  );

  return {
    steps,
    pullRequestReport: fs.existsSync(prReport) ? fs.readFileSync(prReport, "utf8") : "",
    driftReport: fs.existsSync(driftReport) ? fs.readFileSync(driftReport, "utf8") : "",
    expiryReport: fs.existsSync(expiryReport) ? fs.readFileSync(expiryReport, "utf8") : "",
  };
}

/** `npm run explain -- --stack demo --config-file .demo/Pulumi.demo.yaml <person>`, as a reader would run it. */
async function runExplain(env: DemoEnvironment, person: string, print: (text: string) => void): Promise<number> {
  const script = path.join(env.projectDir, "dist", "scripts", "explain.js");
  const args = [script, "--stack", env.options.stack, "--config-file", env.options.configFile ?? "", person];
  print(`$ npm run explain -- --stack ${env.options.stack} --config-file ${env.options.configFile} ${person}\n\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: env.projectDir,
      env: { ...process.env, ...env.options.env, PAM_RECONCILER_ENGINE: "offline" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => print(chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => print(chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 255));
  });
}

/** `npm run register -- --stack demo --config-file .demo/Pulumi.demo.yaml --out .demo/register`: writes the files and prints where. */
async function runRegister(env: DemoEnvironment, print: (text: string) => void): Promise<number> {
  const out = path.join(env.workDir, "register");
  const args = [
    path.join(env.projectDir, "dist", "scripts", "register.js"),
    "--stack",
    env.options.stack,
    "--config-file",
    env.options.configFile ?? "",
    "--out",
    out,
  ];
  print(`$ npm run register -- --stack ${env.options.stack} --config-file ${env.options.configFile} --out ${path.relative(env.projectDir, out)}\n\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: env.projectDir,
      env: { ...process.env, ...env.options.env, PAM_RECONCILER_ENGINE: "offline" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => print(chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => print(chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 255));
  });
}
