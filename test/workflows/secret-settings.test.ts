// The pipelines' one mechanism for credentials: every PAM_RECONCILER_<KEY> secret a target or the
// directory declares becomes secret stack config, on standard input, with no template naming it.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { applySecretSettings, declaredSecretKeys, planSecretSettings } from "../../workflows/secret-settings";
import { configKeyOfEnvironmentName, environmentNameOf } from "../../lib/provider/provider-config";
import { targetList } from "../../providers/targets";

/** A stand-in for the pulumi CLI that records its arguments and standard input. */
function fakePulumi(exitCode = 0): { command: string; calls: () => { args: string[]; stdin: string }[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
  const log = path.join(dir, "calls.jsonl");
  const script = path.join(dir, "pulumi");
  fs.writeFileSync(
    script,
    `#!${process.execPath}\nconst fs = require("fs");\nconst stdin = fs.readFileSync(0, "utf8");\nfs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args: process.argv.slice(2), stdin }) + "\\n");\nif (${exitCode}) { process.stderr.write("error: could not set " + stdin); process.exit(${exitCode}); }\n`,
    { mode: 0o755 },
  );
  return {
    command: script,
    calls: () =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l))
        : [],
  };
}

describe("credentials in pipelines (npm run set-secrets)", () => {
  test("every credential a target declares can be named by a PAM_RECONCILER_* secret", () => {
    const declared = declaredSecretKeys();
    for (const { name, target } of targetList) {
      assert.ok(target.secrets.length > 0, `${name} declares its credentials`);
      for (const key of target.secrets) {
        assert.ok(declared.includes(key), `${name}: ${key}`);
        assert.equal(configKeyOfEnvironmentName(environmentNameOf(key)), key, `${key} → ${environmentNameOf(key)} → back`);
      }
    }
    for (const key of ["entraClientSecret", "oktaPrivateKey", "oktaApiToken"]) assert.ok(declared.includes(key), `the directory's credential ${key} too`);
  });

  test("keeps the declared PAM_RECONCILER_* secrets, reports unknown ones, ignores the rest", () => {
    const secrets = {
      github_token: "ghs_abc",
      PULUMI_CONFIG_PASSPHRASE: "pass",
      PAM_RECONCILER_PRA_CLIENT_SECRET: "pra-s3cret",
      PAM_RECONCILER_PAM360_TOKEN: "pam360-t0ken",
      PAM_RECONCILER_PRA_SCIM_TOKEN: "",
      PAM_RECONCILER_PRA_CLEINT_SECRET: "typo-value",
    };
    const plan = planSecretSettings(JSON.stringify(secrets));
    assert.deepEqual(plan.settings, [
      { key: "pam360Token", value: "pam360-t0ken" },
      { key: "praClientSecret", value: "pra-s3cret" },
    ]);
    assert.deepEqual(plan.unknown, ["PAM_RECONCILER_PRA_CLEINT_SECRET"]);
  });

  test("a new target's credential needs no template change: whatever the table declares is set", () => {
    const plan = planSecretSettings(JSON.stringify({ PAM_RECONCILER_ACME_API_KEY: "k" }), [...declaredSecretKeys(), "acmeApiKey"]);
    assert.deepEqual(plan.settings, [{ key: "acmeApiKey", value: "k" }]);
  });

  test("refuses what is not a JSON object, without echoing it", () => {
    assert.throws(
      () => planSecretSettings("PAM_RECONCILER_PRA_CLIENT_SECRET=abc"),
      (err: Error) => !err.message.includes("abc"),
    );
    assert.throws(() => planSecretSettings("[1]"), /JSON object/);
  });

  test("writes each value on standard input, never on the command line, and never prints it", () => {
    const pulumi = fakePulumi();
    const plan = planSecretSettings(JSON.stringify({ PAM_RECONCILER_PRA_CLIENT_SECRET: "pra-s3cret", PAM_RECONCILER_UNKNOWN_THING: "x-value" }));
    const lines = applySecretSettings(plan, "prod", pulumi.command);
    assert.deepEqual(pulumi.calls(), [{ args: ["config", "set", "--secret", "--stack", "prod", "pam-reconciler:praClientSecret"], stdin: "pra-s3cret" }]);
    assert.ok(lines.some((l) => l.includes("pam-reconciler:praClientSecret")));
    assert.ok(lines.some((l) => l.includes("PAM_RECONCILER_UNKNOWN_THING")));
    for (const line of lines) assert.ok(!line.includes("pra-s3cret") && !line.includes("x-value"), line);
  });

  test("a failing pulumi names the key and masks the value in its message", () => {
    const pulumi = fakePulumi(1);
    const plan = planSecretSettings(JSON.stringify({ PAM_RECONCILER_PRA_CLIENT_SECRET: "pra-s3cret" }));
    assert.throws(
      () => applySecretSettings(plan, "prod", pulumi.command),
      (err: Error) => err.message.includes("pam-reconciler:praClientSecret") && !err.message.includes("pra-s3cret"),
    );
  });
});
