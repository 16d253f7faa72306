// The SCIM target's settings and secrets: every credential kind works against a server that
// accepts only that kind, and its secret is in no output (what the engine stores in state), no
// check or diff result and no error.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { ScimEmulator } from "../../../bench/emulators/scim";
import { isProviderError, type ProviderError } from "../../../lib/provider/errors";
import { scimSettingsFrom, SCIM_AUTH_CHOICES, type ScimAuthChoice } from "../../../providers/scim/settings";
import { configFor, scimProviders, simulateNewProcess, startProviderRun, user, type ConfigValues } from "./harness";
import { render, secretsContract } from "./secrets-kit";

function settingsError(values: ConfigValues, code: "MISSING_SETTING" | "INVALID_SETTING" = "MISSING_SETTING"): ProviderError {
  try {
    scimSettingsFrom((k) => values[k]);
  } catch (err) {
    assert.ok(isProviderError(err), `expected a ProviderError, got ${String(err)}`);
    assert.equal(err.code, code);
    return err;
  }
  assert.fail("the settings were accepted");
}

describe("scim settings from the stack config", () => {
  const base = { scimUrl: "https://app.example.com/scim/v2/" };
  test("missing URL, auth or credentials: MISSING_SETTING naming every key at once", () => {
    assert.deepEqual(settingsError({}).keys, ["scimUrl"]);
    assert.deepEqual(settingsError(base).keys, ["scimAuth"]);
    assert.deepEqual(settingsError({ ...base, scimAuth: "oauth2", scimClientId: "c" }).keys, ["scimTokenUrl", "scimClientSecret"]);
    assert.deepEqual(settingsError({ ...base, scimAuth: "basic" }).keys, ["scimUsername", "scimPassword"]);
    assert.match(settingsError({ ...base, scimAuth: "bearer" }).message, /pulumi config set --secret scimToken … \(or PAM_RECONCILER_SCIM_TOKEN\)/);
  });
  test("bad values: INVALID_SETTING naming the key; a secret is never echoed", () => {
    assert.deepEqual(settingsError({ scimUrl: "http://app.example.com/scim", scimToken: "t" }, "INVALID_SETTING").keys, ["scimUrl"]);
    assert.deepEqual(settingsError({ ...base, scimAuth: "kerberos" }, "INVALID_SETTING").keys, ["scimAuth"]);
    const page = settingsError({ ...base, scimToken: "t", scimPageSize: "5000" }, "INVALID_SETTING");
    assert.deepEqual(page.keys, ["scimPageSize"]);
    const err = settingsError(
      { ...base, scimAuth: "oauth2", scimTokenUrl: "http://x/token", scimClientId: "c", scimClientSecret: "s3cr3t-value" },
      "INVALID_SETTING",
    );
    assert.deepEqual(err.keys, ["scimTokenUrl"]);
    assert.equal(render(err).includes("s3cr3t-value"), false);
  });
  test("a token alone selects bearer auth; the URL loses its trailing slash; page size defaults to 100", () => {
    const s = scimSettingsFrom((k) => ({ ...base, scimToken: "t" })[k as "scimUrl"]);
    assert.equal(s.baseUrl, "https://app.example.com/scim/v2");
    assert.equal(s.auth.kind, "token");
    assert.equal(s.pageSize, 100);
  });
});

const secretOf = (emulator: ScimEmulator, kind: ScimAuthChoice) =>
  kind === "bearer" ? emulator.token : kind === "oauth2" ? emulator.clientSecret : emulator.password;
const wrongConfig = (kind: ScimAuthChoice, secret: string): ConfigValues =>
  kind === "bearer" ? { scimToken: secret } : kind === "oauth2" ? { scimClientSecret: secret } : { scimPassword: secret };

for (const kind of SCIM_AUTH_CHOICES) {
  secretsContract({
    title: "scim",
    kind,
    harness: { providers: scimProviders, simulateNewProcess, startProviderRun, configFor },
    emulator: { auth: kind },
    secretOf: (emulator) => secretOf(emulator, kind),
    wrong: (secret) => wrongConfig(kind, secret),
    user,
    requests: (emulator) => emulator.requests,
    injectServerError: (emulator) => emulator.faults.inject({ status: 500, times: 10, path: "/Users" }),
    clearFaults: (emulator) => emulator.faults.clear(),
    tokenPath: kind === "oauth2" ? "/oauth2/token" : undefined,
  });
}
