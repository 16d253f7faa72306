// The pipeline templates are copied into users' repositories as they are: they must parse,
// trigger when they should, ask only for the permissions they need, wait for approval before
// applying, keep secrets out of command lines, and call the report CLI with flags it accepts.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { parseDocument } from "yaml";
import { CLI_FLAGS } from "../../report/cli";
import { projectRoot } from "../report/golden";

type Yaml = Record<string, any>;

function readText(relative: string): string {
  return fs.readFileSync(path.join(projectRoot(), relative), "utf8");
}

function load(relative: string): Yaml {
  const doc = parseDocument(readText(relative));
  assert.deepEqual(
    doc.errors.map((e) => e.message),
    [],
    `${relative} parses`,
  );
  const value = doc.toJS();
  assert.equal(typeof value, "object", `${relative} is a mapping`);
  return value as Yaml;
}

const WORKFLOWS = [".github/workflows/access-preview.yml", ".github/workflows/access-apply.yml", ".github/workflows/drift-detection.yml"];
const SETUP_ACTION = ".github/actions/pulumi-setup/action.yml";
const AZURE_PIPELINE = "ci-templates/azure-pipelines.yml";
const AZURE_STEPS = "ci-templates/azure-pulumi-steps.yml";
const ALL_FILES = [...WORKFLOWS, SETUP_ACTION, AZURE_PIPELINE, AZURE_STEPS];

/** Every step of every job of a workflow. */
const stepsOf = (workflow: Yaml): Yaml[] => Object.values(workflow.jobs as Record<string, Yaml>).flatMap((job) => job.steps ?? []);
const scriptsOf = (steps: Yaml[]): string => steps.map((s) => [s.run, s.with?.script].filter(Boolean).join("\n")).join("\n");
const usesOf = (steps: Yaml[]): string[] => steps.map((s) => s.uses).filter((u): u is string => typeof u === "string");

describe("pipeline files", () => {
  it("all parse as YAML", () => {
    for (const file of ALL_FILES) load(file);
  });

  it("pin every action to a commit SHA or an exact release", () => {
    for (const file of [...WORKFLOWS, SETUP_ACTION]) {
      const doc = load(file);
      const steps = file === SETUP_ACTION ? doc.runs.steps : stepsOf(doc);
      for (const uses of usesOf(steps)) {
        if (uses.startsWith("./")) continue;
        assert.match(uses, /^[\w.-]+\/[\w.-]+@(?:[0-9a-f]{40}|v\d+\.\d+\.\d+)$/, `${file}: ${uses}`);
      }
    }
  });

  it("never pass a secret on a command line: credentials go through npm run set-secrets, which writes them on standard input", () => {
    let seen = 0;
    for (const file of ALL_FILES) {
      const text = readText(file);
      assert.doesNotMatch(text, /config set --secret/, `${file} sets no secret by hand`);
      for (const line of text.split("\n")) {
        if (!line.includes("npm run --silent set-secrets")) continue;
        seen++;
        assert.match(line, /npm run --silent set-secrets -- --stack "\$(?:STACK|\(pulumiStack\))"/, `${file}: ${line.trim()}`);
      }
    }
    assert.equal(seen, 2, "the GitHub action and the Azure template both set the credentials");
  });

  it("call the report CLI only with commands and flags it accepts", () => {
    const commands = new Set<string>();
    for (const file of ALL_FILES) {
      const text = readText(file).replace(/\\\n\s*/g, " ");
      for (const match of text.matchAll(/node dist\/report\/cli\.js (\w+)([^\n]*)/g)) {
        const [, command, rest] = match;
        assert.ok(Object.hasOwn(CLI_FLAGS, command), `${file}: unknown command ${command}`);
        commands.add(command);
        for (const flag of rest.matchAll(/--([a-z-]+)/g)) {
          assert.ok(CLI_FLAGS[command].includes(flag[1]), `${file}: ${command} has no --${flag[1]}`);
        }
      }
    }
    assert.deepEqual([...commands].sort(), ["access", "drift"]);
    assert.ok(fs.existsSync(path.join(projectRoot(), "report", "cli.ts")), "dist/report/cli.js is built from report/cli.ts");
  });
});

describe("GitHub Actions", () => {
  it("the setup action builds on Node 24 and signs in to Azure with OIDC, never a client secret", () => {
    const action = load(SETUP_ACTION);
    assert.equal(action.runs.using, "composite");
    const steps: Yaml[] = action.runs.steps;
    const node = steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    assert.equal(String(node?.with?.["node-version"]), "24");
    assert.match(scriptsOf(steps), /npm ci\n\s*npm run build/);
    const login = steps.find((s) => s.uses?.startsWith("azure/login@"));
    assert.ok(login, "azure/login is used");
    assert.deepEqual(Object.keys(login.with).sort(), ["allow-no-subscriptions", "client-id", "tenant-id"]);
    const pulumi = steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
    assert.match(String(pulumi?.with?.["pulumi-version"]), /\$\{\{ inputs\.pulumi-version \}\}/);
    assert.match(String(action.inputs["pulumi-version"].default), /^3\.\d+\.\d+$/);
    assert.match(scriptsOf(steps), /pulumi stack select "\$STACK"/);
    const secretsStep = steps.find((s) => /set-secrets/.test(s.run ?? ""));
    assert.match(String(secretsStep?.env?.PAM_RECONCILER_SECRETS), /\$\{\{ inputs\.secrets-json \}\}/);
  });

  it("every workflow may request an OIDC token and uses the setup action with the stack's secrets", () => {
    for (const file of WORKFLOWS) {
      const wf = load(file);
      assert.equal(wf.permissions["id-token"], "write", file);
      assert.equal(wf.permissions.contents, "read", file);
      assert.ok(!("pull_request_target" in wf.on), `${file} must not run untrusted code with secrets`);
      for (const key of ["PULUMI_STACK", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN"]) {
        assert.ok(key in wf.env, `${file} sets ${key}`);
      }
      for (const [name, job] of Object.entries(wf.jobs as Record<string, Yaml>)) {
        const setup = job.steps.find((s: Yaml) => s.uses === "./.github/actions/pulumi-setup");
        assert.ok(setup, `${file} job ${name} uses the setup action`);
        assert.equal(
          setup.with["secrets-json"],
          "${{ toJSON(secrets) }}",
          `${file} job ${name} passes every secret; set-secrets keeps the PAM_RECONCILER_* ones`,
        );
        assert.equal(job.steps[0].uses?.split("@")[0], "actions/checkout", `${file} job ${name} checks out first`);
      }
    }
  });

  it("access preview runs on pull requests touching stacks or code and keeps one PR comment", () => {
    const wf = load(".github/workflows/access-preview.yml");
    assert.ok(wf.on.pull_request.paths.includes("stacks/**"));
    assert.ok(wf.on.pull_request.paths.includes("providers/**"));
    assert.equal(wf.permissions["pull-requests"], "write");
    const steps = stepsOf(wf);
    const scripts = scriptsOf(steps);
    assert.match(scripts, /pulumi preview --stack "\$PULUMI_STACK" --json > digest\.json/);
    assert.match(scripts, /node dist\/report\/cli\.js access --digest digest\.json --format markdown/);
    assert.match(scripts, /updateComment/);
    assert.match(scripts, /createComment/);
    assert.match(scripts, /"\$REPORT_EXIT" = "3"/, "an exceeded safety limit fails the check");
    assert.match(scripts, /"\$PREVIEW_EXIT" != "0"/, "a failed preview fails the check");
  });

  it("access apply runs on pushes to main, one at a time per stack, after the production environment's approval", () => {
    const wf = load(".github/workflows/access-apply.yml");
    assert.deepEqual(wf.on.push.branches, ["main"]);
    assert.ok("workflow_dispatch" in wf.on);
    assert.match(wf.concurrency.group, /pulumi-stack-\$\{\{ vars\.PULUMI_STACK/);
    assert.equal(wf.concurrency["cancel-in-progress"], false);
    assert.equal(wf.jobs.apply.environment, "production");
    assert.equal(wf.jobs.apply.needs, "plan");
    assert.equal(wf.jobs.plan.environment, undefined, "the plan runs before approval so approvers can read it");
    assert.match(scriptsOf(wf.jobs.apply.steps), /pulumi up --yes --stack "\$PULUMI_STACK"/);
    assert.match(scriptsOf(wf.jobs.plan.steps), /node dist\/report\/cli\.js access/);
  });

  it("drift detection runs on a schedule and by hand, and opens or updates an issue on exit 7", () => {
    const wf = load(".github/workflows/drift-detection.yml");
    assert.match(wf.on.schedule[0].cron, /^(\S+\s+){4}\S+$/);
    assert.ok("workflow_dispatch" in wf.on);
    assert.equal(wf.permissions.issues, "write");
    const steps = stepsOf(wf);
    const scripts = scriptsOf(steps);
    assert.match(scripts, /pulumi refresh --preview-only --json --stack "\$PULUMI_STACK" > refresh\.json &\n\s*refresh=\$!/);
    assert.match(
      scripts,
      /pulumi preview --json --stack "\$PULUMI_STACK" > preview\.json\n\s*wait "\$refresh"/,
      "the refresh preview runs alongside the preview, and its failure fails the step",
    );
    assert.match(scripts, /node dist\/report\/cli\.js drift --refresh refresh\.json --preview preview\.json --format markdown/);
    const open = steps.find((s) => /issues\.create\(/.test(s.with?.script ?? ""));
    assert.equal(open?.if, "steps.drift.outputs.exit-code == '7'");
    assert.match(open?.with.script, /issues\.update\(/);
    const close = steps.find((s) => /state: "closed"/.test(s.with?.script ?? ""));
    assert.equal(close?.if, "steps.drift.outputs.exit-code == '0'");
  });
});

describe("Azure Pipelines", () => {
  it("triggers on main, on pull requests and on a schedule", () => {
    const p = load(AZURE_PIPELINE);
    assert.deepEqual(p.trigger.branches.include, ["main"]);
    assert.ok(p.trigger.paths.include.includes("stacks"));
    assert.deepEqual(p.pr.branches.include, ["main"]);
    assert.match(p.schedules[0].cron, /^(\S+\s+){4}\S+$/);
    assert.equal(p.schedules[0].always, true);
  });

  it("previews on pull requests, plans and applies on main after approval, detects drift on schedule", () => {
    const p = load(AZURE_PIPELINE);
    const stage = (name: string): Yaml => p.stages.find((s: Yaml) => s.stage === name);
    assert.match(stage("Preview").condition, /'PullRequest'/);
    assert.match(stage("Plan").condition, /refs\/heads\/main/);
    assert.equal(stage("Apply").dependsOn, "Plan");
    assert.equal(stage("Apply").lockBehavior, "sequential");
    const deployment = stage("Apply").jobs[0];
    assert.equal(deployment.deployment, "apply");
    assert.equal(deployment.environment, "pam-production");
    assert.match(stage("Drift").condition, /'Schedule'/);
    const scriptOf = (name: string): string =>
      JSON.stringify(stage(name).jobs.map((j: Yaml) => (j.steps ?? j.strategy.runOnce.deploy.steps).map((s: Yaml) => s.parameters?.script ?? "")));
    assert.match(scriptOf("Preview"), /pulumi preview --stack \\"\$\(pulumiStack\)\\" --json > digest\.json/);
    assert.match(scriptOf("Preview"), /node dist\/report\/cli\.js access/);
    assert.match(scriptOf("Apply"), /pulumi up --yes/);
    assert.match(scriptOf("Drift"), /pulumi refresh --preview-only --json/);
    assert.match(scriptOf("Drift"), /node dist\/report\/cli\.js drift/);
    assert.match(scriptOf("Drift"), /\\"\$code\\" = 7/);
    for (const s of p.stages as Yaml[]) {
      for (const job of s.jobs as Yaml[]) {
        const steps: Yaml[] = job.steps ?? job.strategy.runOnce.deploy.steps;
        assert.ok(
          steps.some((st) => st.template === "azure-pulumi-steps.yml"),
          `${s.stage} uses the shared steps`,
        );
      }
    }
  });

  it("runs Pulumi inside AzureCLI@2 with workload identity federation and no client secret", () => {
    const t = load(AZURE_STEPS);
    assert.deepEqual(
      t.parameters.map((p: Yaml) => p.name),
      ["displayName", "script", "pulumiVersion"],
    );
    const node = t.steps.find((s: Yaml) => s.task === "UseNode@1");
    assert.equal(node?.inputs.version, "24.x");
    assert.ok(t.steps.some((s: Yaml) => /npm ci/.test(s.script ?? "")));
    const cli = t.steps.find((s: Yaml) => s.task === "AzureCLI@2");
    assert.ok(cli, "AzureCLI@2 runs the script");
    assert.equal(cli.inputs.addSpnToEnvironment, true);
    assert.equal(cli.inputs.azureSubscription, "$(azureServiceConnection)");
    assert.match(cli.inputs.inlineScript, /AZURE_FEDERATED_TOKEN_FILE="\$assertion"/);
    assert.match(cli.inputs.inlineScript, /entraCredential workloadIdentity/);
    assert.match(cli.inputs.inlineScript, /\$\{\{ parameters\.script \}\}/);
    assert.ok(!/servicePrincipalKey|client-secret|clientSecret "/.test(readText(AZURE_STEPS)), "no client secret for Azure sign-in");
    for (const key of ["PULUMI_CONFIG_PASSPHRASE", "PAM_RECONCILER_SECRETS", "PULUMI_BACKEND_URL"]) {
      assert.ok(key in cli.env, `${key} is mapped into the script's environment`);
    }
  });
});
