// Secrets: secret config reaches the provider (unwrapped) but never the state file or the
// output; secret inputs and outputs are stored encrypted and displayed as [secret].
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { configGet, configSet } from "../../../bench/engine/stack-admin";
import { expectExit, PASSPHRASE, TestProject, urn } from "./helpers";

const TOKEN = "tok-5e6f7a8b-never-in-plain-text";
const PASSWORD = "pw-1a2b3c4d-never-in-plain-text";

describe("offline engine secrets", { concurrency: 2 }, () => {
  test("secret config and secret values stay out of the state file and the output", async () => {
    const p = new TestProject();
    try {
      const env = { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
      p.configure(
        [
          { name: "a", props: { password: PASSWORD }, secretProps: ["password"] },
          { name: "b", additionalSecretOutputs: ["remoteId"] },
        ],
        { exportToken: true },
      );
      configSet({ projectDir: p.dir, stack: p.stack, key: "apiToken", value: TOKEN, secret: true, env });
      assert.doesNotMatch(readFileSync(p.configFile, "utf8"), new RegExp(TOKEN));
      assert.equal(configGet({ projectDir: p.dir, stack: p.stack, key: "apiToken", env }), TOKEN);
      // The remote system only accepts callers holding the token: up succeeds only if the
      // provider received the secret config value, unwrapped.
      p.editRemote((r) => {
        r.token = TOKEN;
      });

      const up = await p.run("up", { diff: true });
      expectExit(up, 0);
      const previewJson = await p.run("preview", { json: true, diff: true });
      expectExit(previewJson, 0);

      const stateText = p.stateText();
      for (const text of [stateText, up.output, JSON.stringify(up.digest), previewJson.output]) {
        assert.doesNotMatch(text, new RegExp(TOKEN));
        assert.doesNotMatch(text, new RegExp(PASSWORD));
      }
      assert.match(stateText, /"ciphertext":\s*"v1:/);
      const a = previewJson.digest.steps.find((s) => s.urn === urn("a"))!;
      assert.equal(a.newState?.inputs.password, "[secret]");
      const b = previewJson.digest.steps.find((s) => s.urn === urn("b"))!;
      assert.equal(b.newState?.outputs.remoteId, "[secret]");
      assert.match(up.output, /token: \[secret\]/);

      const masked = await p.run("stack-output", { outputName: "token" });
      assert.equal(masked.output.trim(), "[secret]");
      const shown = await p.run("stack-output", { outputName: "token", showSecrets: true });
      expectExit(shown, 0);
      assert.equal(shown.output.trim(), TOKEN);
    } finally {
      p.dispose();
    }
  });

  test("a secret config value echoed back by a provider error is masked in every encoding", async () => {
    const secret = "tok+with/odd=chars&more~9f8e7d6c";
    const p = new TestProject();
    try {
      const env = { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
      const encodings = ["raw", "url", "base64", "basic"];
      p.configure(encodings.map((e) => ({ name: `echo-${e}`, props: { echoToken: e } })));
      configSet({ projectDir: p.dir, stack: p.stack, key: "apiToken", value: secret, secret: true, env });
      const up = await p.run("up");
      expectExit(up, 255);
      const shown = [up.output, JSON.stringify(up.digest), JSON.stringify(up.errors)].join("\n");
      assert.equal((shown.match(/refused; the request was/g) ?? []).length >= encodings.length, true, shown);
      const forms = [
        secret,
        encodeURIComponent(secret),
        Buffer.from(secret).toString("base64"),
        Buffer.from(`client-id:${secret}`).toString("base64").slice(12, -4),
      ];
      for (const form of forms) assert.ok(!shown.includes(form), `${form} leaked:\n${shown}`);
    } finally {
      p.dispose();
    }
  });

  test("every operation needs the stack passphrase, and refuses a wrong one", async () => {
    const p = new TestProject();
    try {
      const missing = await p.run("preview", { env: { PULUMI_CONFIG_PASSPHRASE: undefined, PULUMI_CONFIG_PASSPHRASE_FILE: undefined } });
      expectExit(missing, 255);
      assert.deepEqual(
        missing.errors.map((e) => e.code),
        ["PASSPHRASE_REQUIRED"],
      );
      const wrong = await p.run("preview", { env: { PULUMI_CONFIG_PASSPHRASE: "not the passphrase" } });
      expectExit(wrong, 255);
      assert.deepEqual(
        wrong.errors.map((e) => e.code),
        ["BAD_PASSPHRASE"],
      );
    } finally {
      p.dispose();
    }
  });
});
