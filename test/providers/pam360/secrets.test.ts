// PAM360's settings and secrets: the API user's token in the AUTHTOKEN header (the default) or
// as a bearer token, each against a server that accepts only that way, and never in state,
// results, errors or the serialized provider; settings errors name the keys.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { isProviderError } from "../../../lib/provider/errors";
import { pam360Product } from "../../../providers/pam360/product";
import { secretsContract } from "../scim/secrets-kit";
import { pam360, pam360User, type Pam360Auth } from "./harness";

describe("pam360 settings from the stack config", () => {
  const read = (values: Record<string, string>) => pam360Product.settings.read((k) => values[k]);
  test("a token alone means the AUTHTOKEN header; bearer on request; a missing URL or token names its key", () => {
    assert.deepEqual(read({ pam360Url: "https://pam.example.com:8282/scim/v2/", pam360Token: "t0ken-value" }).auth, {
      kind: "headerToken",
      header: "AUTHTOKEN",
      token: "t0ken-value",
    });
    assert.deepEqual(read({ pam360Url: "https://pam.example.com:8282/scim/v2", pam360Auth: "bearer", pam360Token: "t0ken-value" }).auth, {
      kind: "token",
      token: "t0ken-value",
    });
    for (const [values, keys] of [
      [{}, ["pam360Url"]],
      [{ pam360Url: "https://pam.example.com/scim/v2", pam360Auth: "authtoken" }, ["pam360Token"]],
    ] as const) {
      try {
        read(values);
        assert.fail("accepted");
      } catch (err) {
        assert.ok(isProviderError(err, "MISSING_SETTING"));
        assert.deepEqual(err.keys, keys);
      }
    }
    assert.throws(
      () => read({ pam360Url: "https://pam.example.com/scim/v2", pam360Auth: "oauth2", pam360Token: "t0ken-value" }),
      (err) => isProviderError(err, "INVALID_SETTING") && err.message.includes("authtoken, bearer") && !err.message.includes("t0ken-value"),
    );
  });
});

for (const kind of ["authtoken", "bearer"] as Pam360Auth[]) {
  secretsContract({
    title: "pam360",
    kind,
    harness: pam360,
    emulator: {},
    secretOf: (emulator) => emulator.token,
    wrong: (secret) => ({ pam360Token: secret }),
    user: pam360User,
    requests: (emulator) => emulator.requests,
    injectServerError: (emulator) => emulator.faults.inject({ status: 500, times: 10, path: "/scim/v2/Users" }),
    clearFaults: (emulator) => emulator.faults.clear(),
  });
}
