import { test } from "node:test";
import * as assert from "node:assert/strict";
import { crypterFromSaltState, newCrypter, readPassphrase } from "../../../bench/engine/passphrase";
import { isEngineError } from "../../../bench/engine/errors";

// From Pulumi's own tests (pkg/secrets/passphrase/manager_test.go): this salt state was written
// by the real CLI with the passphrase "password".
const PULUMI_SALT_STATE = "v1:fozI5u6B030=:v1:F+6ZduKKd8G0/V7L:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isEngineError(e) ? e.code : "not an EngineError";
  }
  return undefined;
}

test("a salt state written by the Pulumi CLI opens with its passphrase and refuses another", () => {
  const crypter = crypterFromSaltState("password", PULUMI_SALT_STATE);
  assert.equal(crypter.decrypt(crypter.encrypt("hello")), "hello");
  assert.equal(
    code(() => crypterFromSaltState("password123", PULUMI_SALT_STATE)),
    "BAD_PASSPHRASE",
  );
  assert.equal(
    code(() => crypterFromSaltState("password", "fozI5u6B030=:v1:F+6ZduL:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==")),
    "STATE",
  );
});

test("a new salt state reopens with the same passphrase; ciphertexts use the v1:nonce:ciphertext form", () => {
  const created = newCrypter("correct horse");
  assert.match(created.saltState, /^v1:[A-Za-z0-9+/=]{12}:v1:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]+$/);
  const ciphertext = created.encrypt("s3cr3t");
  assert.match(ciphertext, /^v1:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]+$/);
  assert.notEqual(created.encrypt("s3cr3t"), ciphertext, "every encryption uses a fresh nonce");
  const reopened = crypterFromSaltState("correct horse", created.saltState);
  assert.equal(reopened.decrypt(ciphertext), "s3cr3t");
  const tampered = ciphertext.slice(0, -4) + (ciphertext.endsWith("AAA=") ? "BBB=" : "AAA=");
  assert.equal(
    code(() => reopened.decrypt(tampered)),
    "BAD_PASSPHRASE",
  );
});

test("the passphrase comes from PULUMI_CONFIG_PASSPHRASE (empty counts), else from the passphrase file", () => {
  assert.equal(readPassphrase({ PULUMI_CONFIG_PASSPHRASE: "" }), "");
  assert.equal(readPassphrase({}), undefined);
  assert.equal(
    code(() => readPassphrase({ PULUMI_CONFIG_PASSPHRASE_FILE: "/nonexistent/passphrase" })),
    "PASSPHRASE_REQUIRED",
  );
});
