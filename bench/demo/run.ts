#!/usr/bin/env node
// npm run demo: the whole story against local emulators, with local state. See README.md.
import * as path from "node:path";
import { startDemoEnvironment } from "./environment";
import { runDemoStory } from "./story";
import { startOktaDemoEnvironment } from "./okta-environment";
import { OKTA_EXPECTED_EXIT_CODES, runOktaDemoStory } from "./okta-story";

const EXPECTED_EXIT_CODES = [0, 0, 0, 0, 0, 7, 0, 0, 7, 0, 255, 0, 0];

async function main(): Promise<number> {
  const projectDir = path.resolve(__dirname, "..", "..", "..");
  const print = (text: string) => process.stdout.write(text);
  print("pam-reconciler demo: Microsoft Graph, BeyondTrust PRA, SSH PrivX, generic SCIM 2.0, ManageEngine PAM360 and BeyondTrust Password Safe\n");
  print("emulators on 127.0.0.1,\n");
  print("driven by the offline engine (production runs use the real Pulumi CLI).\n");
  const env = await startDemoEnvironment({ projectDir, workDir: path.join(projectDir, ".demo"), print });
  try {
    print(
      `Graph/Entra ID: ${env.graph.url}   PRA: ${env.pra.url}   PrivX: ${env.privx.url}   SCIM: ${env.scim.url}   PAM360: ${env.pam360.url}   Password Safe: ${env.passwordsafe.url}\n`,
    );
    const outcome = await runDemoStory(env, print);
    print(`\n${"═".repeat(100)}\nThe access-change report of the last pull request (posted as a PR comment)\n${"═".repeat(100)}\n`);
    print(outcome.pullRequestReport);
    print(`\n${"═".repeat(100)}\nThe drift report of the scheduled run (opened as an issue)\n${"═".repeat(100)}\n`);
    print(outcome.driftReport);
    print(`\n${"═".repeat(100)}\nThe drift report after the vendors' temporary grant ended\n${"═".repeat(100)}\n`);
    print(outcome.expiryReport);
    const codes = outcome.steps.map((s) => s.exitCode);
    const asExpected = codes.every((c, i) => c === EXPECTED_EXIT_CODES[i]);
    print(
      `\nExit codes of the steps: ${codes.join(" ")} (expected ${EXPECTED_EXIT_CODES.join(" ")}): ${asExpected ? "the story went as it should." : "SOMETHING WENT WRONG."}\n`,
    );
    print(`State, config and reports are in ${path.relative(process.cwd(), env.workDir) || "."}/\n`);
    const oktaAsExpected = await oktaStack(projectDir, print);
    return asExpected && oktaAsExpected ? 0 : 1;
  } finally {
    await env.close();
  }
}

/** The second stack (seed 003): Okta → Password Safe, no proxy. */
async function oktaStack(projectDir: string, print: (text: string) => void): Promise<boolean> {
  print(`\n${"█".repeat(100)}\nSecond stack "okta-demo": Okta → BeyondTrust Password Safe (seed 003), no proxy\n${"█".repeat(100)}\n`);
  const env = await startOktaDemoEnvironment({ projectDir, workDir: path.join(projectDir, ".demo", "okta"), print });
  try {
    print(`Okta: ${env.okta.url}   Password Safe: ${env.passwordsafe.url}\n`);
    const outcome = await runOktaDemoStory(env, print);
    print(`\n${"═".repeat(100)}\nThe access-change report of the Okta change (posted as a PR comment)\n${"═".repeat(100)}\n`);
    print(outcome.pullRequestReport);
    const codes = outcome.steps.map((s) => s.exitCode);
    const asExpected = codes.length === OKTA_EXPECTED_EXIT_CODES.length && codes.every((c, i) => c === OKTA_EXPECTED_EXIT_CODES[i]);
    print(
      `\nExit codes of the Okta steps: ${codes.join(" ")} (expected ${OKTA_EXPECTED_EXIT_CODES.join(" ")}): ${asExpected ? "the story went as it should." : "SOMETHING WENT WRONG."}\n`,
    );
    return asExpected;
  } finally {
    await env.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
