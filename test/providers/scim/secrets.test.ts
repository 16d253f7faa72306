// The SCIM target's settings and secrets: every credential kind works against a server that
// accepts only that kind, and its secret is in no output (what the engine stores in state), no
// check or diff result and no error.
import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import { isApiError } from "../../../lib/http";
import { isProviderError, type ProviderError } from "../../../lib/provider/errors";
import { scimSettingsFrom, SCIM_AUTH_CHOICES, type ScimAuthChoice } from "../../../providers/scim/settings";
import { configFor, configureRequest, scimProviders, simulateNewProcess, startProviderRun, user, type ConfigValues, type ProviderRun } from "./harness";

const provider = scimProviders.users;

const render = (value: unknown) => [String(value), (value as Error)?.stack ?? "", JSON.stringify(value), inspect(value, { depth: 10 })].join("\n");

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
    const err = settingsError({ ...base, scimAuth: "oauth2", scimTokenUrl: "http://x/token", scimClientId: "c", scimClientSecret: "s3cr3t-value" }, "INVALID_SETTING");
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

const secretOf = (run: ProviderRun, kind: ScimAuthChoice) => (kind === "bearer" ? run.emulator.token : kind === "oauth2" ? run.emulator.clientSecret : run.emulator.password);

for (const kind of SCIM_AUTH_CHOICES) {
  describe(`scim providers with ${kind} credentials`, () => {
    let run: ProviderRun;
    after(() => run?.close());

    test(`${kind}: a server that accepts only ${kind} serves create and read; the secret is in no output, result or error`, async () => {
      run = await startProviderRun({ auth: kind, emulator: { auth: kind } });
      const secret = secretOf(run, kind);
      const checked = await provider.check(user(), user());
      const created = await provider.create(user());
      const read = await provider.read(created.id, created.outs);
      const diff = await provider.diff(created.id, created.outs, user());
      assert.equal(run.emulator.state.users.size, 1);
      assert.equal(render([checked, created, read, diff]).includes(secret), false, "outputs (state), check and diff carry no secret");
      assert.equal(run.emulator.requests.filter((r) => r.path.endsWith("/token")).length, kind === "oauth2" ? 1 : 0, "one OAuth2 token for the process");

      run.emulator.faults.inject({ status: 500, times: 10, path: "/Users" });
      const failed = await provider.create(user({ externalId: "entra-x", userName: "x@contoso.com" })).catch((err: unknown) => err);
      run.emulator.faults.clear();
      assert.ok(isApiError(failed, "SERVER"), `a server error, got ${String(failed)}`);
      assert.equal(render(failed).includes(secret), false, "no secret in the error");
    });

    test(`${kind}: rejected credentials are UNAUTHORIZED, naming neither the configured nor the real secret`, async () => {
      const wrong = `wrong-${kind}-secret-value`;
      const overrides: ConfigValues = kind === "bearer" ? { scimToken: wrong } : kind === "oauth2" ? { scimClientSecret: wrong } : { scimPassword: wrong };
      simulateNewProcess();
      await provider.configure(configureRequest(configFor(run.emulator, kind, overrides)));
      const err = await provider.create(user({ externalId: "entra-y", userName: "y@contoso.com" })).catch((e: unknown) => e);
      assert.ok(isApiError(err, "UNAUTHORIZED"), `UNAUTHORIZED, got ${String(err)}`);
      assert.equal(render(err).includes(wrong), false);
      assert.equal(render(err).includes(secretOf(run, kind)), false);
    });
  });
}
