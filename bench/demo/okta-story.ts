// The demo's second stack (seed 003): Okta → BeyondTrust Password Safe with no proxy. Users
// with roles by group, groups pushed with their descriptions, reviewed in a preview, applied,
// changed in Okta, edited by hand in Password Safe, found by drift and put back.
import * as fs from "node:fs";
import * as path from "node:path";
import { driftWorkflow, previewWorkflow, upWorkflow } from "../../workflows/commands";
import type { OktaDemoEnvironment } from "./okta-environment";
import { oktaDemoOrgV2 } from "./okta-org";
import type { DemoStep } from "./story";

export const OKTA_EXPECTED_EXIT_CODES = [0, 0, 0, 0, 0, 7, 0, 0];

export async function runOktaDemoStory(env: OktaDemoEnvironment, print: (text: string) => void): Promise<{ steps: DemoStep[]; pullRequestReport: string }> {
  const steps: DemoStep[] = [];
  const options = env.options;
  const step = async (title: string, explanation: string, action: () => Promise<number>) => {
    print(`\n${"═".repeat(100)}\n${title}\n${explanation}\n${"═".repeat(100)}\n`);
    const exitCode = await action();
    print(`\n→ exit code ${exitCode}\n`);
    steps.push({ title, explanation, exitCode });
  };
  const prReport = path.join(env.workDir, "pull-request-report.md");

  await step(
    "Okta step 1 — Pull request: preview of the first run (stack okta-demo)",
    "The directory is Okta (directory: okta), read with an API Services app's private_key_jwt and read-only scopes. Password Safe gets\n" +
      "every person the Password Safe app reaches (its assigned groups, and eve assigned directly), with a role by group, and each group\n" +
      "with a description: Okta's own, or the mapping's where Okta has none (PS Requesters). No Lambda proxy, no client secret in a token.",
    () => previewWorkflow(env.runner, { ...options, diff: false }),
  );
  await step("Okta step 2 — Pipeline: pulumi up", "Applies it. breakglass@northwind.example (made by hand, protected) is left alone.", () =>
    upWorkflow(env.runner, options),
  );
  await step(
    "Okta step 3 — Nothing changed: preview --expect-no-changes",
    "A second preview finds nothing to do.",
    async () => (await env.runner.run("preview", { ...options, expectNoChanges: true })).exitCode,
  );

  env.okta.state.org = oktaDemoOrgV2();
  await step(
    "Okta step 4 — Okta changes: preview",
    "farid joins PS Vault Admins (an Administrator in Password Safe); dan is SUSPENDED in Okta, a leaver: deactivated, not deleted.",
    () => previewWorkflow(env.runner, { ...options, markdownFile: prReport }),
  );
  await step("Okta step 5 — Pipeline: pulumi up", "Applies the change.", () => upWorkflow(env.runner, options));

  const ben = env.passwordsafe.state.userNamed("ben.okafor@northwind.example");
  if (!ben) throw new Error("demo: Password Safe has no ben.okafor@northwind.example to edit");
  ben.roles = [{ value: "Administrator", primary: true }];
  print(`\n${"═".repeat(100)}\nSomeone changes things by hand in Password Safe\n  • made ben.okafor@northwind.example an Administrator\n${"═".repeat(100)}\n`);
  await step(
    "Okta step 6 — Scheduled drift detection",
    "Exit code 7 and a report of the hand edit.",
    async () => (await driftWorkflow(env.runner, options)).exitCode,
  );
  await step("Okta step 7 — Pipeline: pulumi up --refresh", "ben is an Auditor again, as PS Auditors says.", () =>
    upWorkflow(env.runner, { ...options, refresh: true }),
  );
  await step("Okta step 8 — Drift detection again", "Everything matches: exit code 0.", async () => (await driftWorkflow(env.runner, options)).exitCode);

  return { steps, pullRequestReport: fs.existsSync(prReport) ? fs.readFileSync(prReport, "utf8") : "" };
}
