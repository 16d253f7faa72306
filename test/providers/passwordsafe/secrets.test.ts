// Password Safe's settings and secrets: OAuth client credentials at /scim/oauth/token beside the
// SCIM base URL, the client secret never in state, results, errors or the serialized provider.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { isProviderError } from "../../../lib/provider/errors";
import { passwordSafeProduct } from "../../../providers/passwordsafe/product";
import { secretsContract } from "../scim/secrets-kit";
import { passwordSafe, passwordSafeUser } from "./harness";

describe("passwordsafe settings from the stack config", () => {
  const read = (values: Record<string, string>) => passwordSafeProduct.settings.read((k) => values[k]);
  test("the token URL is /scim/oauth/token beside /scim/v2 unless set; the client id and secret are required", () => {
    const auth = read({ passwordsafeUrl: "https://vault.example.com/scim/v2/", passwordsafeClientId: "c", passwordsafeClientSecret: "s3cr3t-value" }).auth;
    assert.deepEqual(auth, {
      kind: "oauth2",
      tokenUrl: "https://vault.example.com/scim/oauth/token",
      clientId: "c",
      clientSecret: "s3cr3t-value",
      scope: undefined,
    });
    const prefixed = read({ passwordsafeUrl: "https://host.example.com/BeyondTrust/scim/v2", passwordsafeClientId: "c", passwordsafeClientSecret: "s" }).auth;
    assert.equal(prefixed.kind === "oauth2" && prefixed.tokenUrl, "https://host.example.com/BeyondTrust/scim/oauth/token");
    try {
      read({ passwordsafeUrl: "https://vault.example.com/scim/v2" });
      assert.fail("accepted");
    } catch (err) {
      assert.ok(isProviderError(err, "MISSING_SETTING"));
      assert.deepEqual(err.keys, ["passwordsafeClientId", "passwordsafeClientSecret"]);
      assert.match(err.message, /pulumi config set --secret passwordsafeClientSecret … \(or PAM_RECONCILER_PASSWORDSAFE_CLIENT_SECRET\)/);
    }
  });
});

secretsContract({
  title: "passwordsafe",
  kind: "oauth2",
  harness: passwordSafe,
  emulator: {},
  secretOf: (emulator) => emulator.clientSecret,
  wrong: (secret) => ({ passwordsafeClientSecret: secret }),
  user: passwordSafeUser,
  requests: (emulator) => emulator.requests,
  injectServerError: (emulator) => emulator.faults.inject({ status: 500, times: 10, path: "/scim/v2/Users" }),
  clearFaults: (emulator) => emulator.faults.clear(),
  tokenPath: "/scim/oauth/token",
});
