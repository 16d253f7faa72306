import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { isEngineError } from "../../../bench/engine/errors";
import { newCrypter, SecretsManager } from "../../../bench/engine/passphrase";
import { loadProject } from "../../../bench/engine/project";
import { readStackConfigFile, resolveConfig, setConfigValue } from "../../../bench/engine/stack-config";

function project(extra = ""): string {
  const dir = mkdtempSync(path.join(tmpdir(), "engine-config-"));
  writeFileSync(path.join(dir, "Pulumi.yaml"), `name: proj\nruntime: nodejs\nmain: bin/index.js\nstackConfigDir: stacks\n${extra}`);
  return dir;
}

test("stack values are namespaced to the project and turned into Pulumi's config text", () => {
  const dir = project("config:\n  region: { default: eu }\n  proj:level: { value: 3 }\n");
  try {
    const p = loadProject(dir);
    assert.equal(p.main, "bin/index.js");
    assert.equal(p.typescript, true, "the Node language host compiles TypeScript unless told not to");
    const crypter = newCrypter("pw");
    const file = path.join(dir, "stacks", "Pulumi.dev.yaml");
    mkdirSync(path.dirname(file));
    writeFileSync(
      file,
      [
        `encryptionsalt: ${crypter.saltState}`,
        "config:",
        "  name: alice",
        "  proj:count: 3",
        "  flag: true",
        "  other:key: x",
        "  list: [a, b]",
        `  token: { secure: "${crypter.encrypt("t0ken")}" }`,
        "",
      ].join("\n"),
    );
    const cfg = readStackConfigFile(p, file);
    const resolved = resolveConfig(p, cfg, new SecretsManager({ PULUMI_CONFIG_PASSPHRASE: "pw" }, cfg.encryptionSalt));
    assert.deepEqual(resolved.values, {
      "proj:region": "eu",
      "proj:level": "3",
      "proj:name": "alice",
      "proj:count": "3",
      "proj:flag": "true",
      "other:key": "x",
      "proj:list": '["a","b"]',
      "proj:token": "t0ken",
    });
    assert.deepEqual(resolved.secretKeys, ["proj:token"]);
    try {
      resolveConfig(p, cfg, new SecretsManager({}, cfg.encryptionSalt));
      assert.fail("a secure value needs the passphrase");
    } catch (e) {
      assert.ok(isEngineError(e) && e.code === "PASSPHRASE_REQUIRED");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("config set writes secure values with a new encryptionsalt and keeps the rest of the file", () => {
  const dir = project();
  try {
    const p = loadProject(dir);
    const file = path.join(dir, "Pulumi.other.yaml");
    writeFileSync(file, "# reviewed by the platform team\nconfig:\n  proj:keep: yes-please\n");
    const env = { PULUMI_CONFIG_PASSPHRASE: "pw" };
    setConfigValue(p, file, "secretKey", "v4lue", true, new SecretsManager(env, undefined));
    setConfigValue(p, file, "plain", "text", false, new SecretsManager(env, undefined));
    const text = readFileSync(file, "utf8");
    assert.match(text, /^encryptionsalt: v1:/m);
    assert.match(text, /# reviewed by the platform team\nconfig:/, "comments survive");
    assert.doesNotMatch(text, /v4lue/);
    const cfg = readStackConfigFile(p, file);
    const resolved = resolveConfig(p, cfg, new SecretsManager(env, cfg.encryptionSalt));
    assert.deepEqual(resolved.values, { "proj:keep": "yes-please", "proj:secretKey": "v4lue", "proj:plain": "text" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
