// Every apply publishes the access register as an artifact: after pulumi up, from a checkout
// with its full Git history (the register dates rules with git log -L).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const root = path.resolve(__dirname, "..", "..", "..");
type Yaml = any;
const load = (file: string): Yaml => parse(fs.readFileSync(path.join(root, file), "utf8"));

test("GitHub: the apply job writes the register after pulumi up and uploads it, from a full-history checkout", () => {
  const steps: Yaml[] = load(".github/workflows/access-apply.yml").jobs.apply.steps;
  assert.equal(steps[0].with["fetch-depth"], 0);
  const up = steps.findIndex((s) => /pulumi up --yes/.test(s.run ?? ""));
  const register = steps.findIndex((s) => /node dist\/scripts\/register\.js --stack "\$PULUMI_STACK" --out register/.test(s.run ?? ""));
  const upload = steps.findIndex((s) => /^actions\/upload-artifact@[0-9a-f]{40}$/.test(s.uses ?? ""));
  assert.ok(up >= 0 && register > up && upload > register, `pulumi up (${up}), register (${register}), upload (${upload})`);
  assert.equal(steps[upload].with.path, "register/");
});

test("Azure Pipelines: the apply deployment writes the register after pulumi up and publishes it, from a full-history checkout", () => {
  const stage = load("ci-templates/azure-pipelines.yml").stages.find((s: Yaml) => s.stage === "Apply");
  const steps: Yaml[] = stage.jobs[0].strategy.runOnce.deploy.steps;
  assert.equal(steps[0].fetchDepth, 0);
  const script: string = steps.find((s) => s.template === "azure-pulumi-steps.yml").parameters.script;
  assert.ok(script.indexOf("node dist/scripts/register.js") > script.indexOf("pulumi up --yes"));
  assert.match(steps.find((s) => s.publish)?.publish ?? "", /\/register$/);
});
