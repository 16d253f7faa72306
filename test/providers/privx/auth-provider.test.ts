import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import { isApiError } from "../../../lib/http";
import { startPrivxEmulator, type PrivxEmulator } from "../../../bench/emulators/privx";
import type { PrivxScimUserInputs } from "../../../providers/privx/scim-user";
import { ProviderError } from "../../../lib/provider/errors";
import { privxSettingsFrom, type PrivxAuthKind } from "../../../providers/privx/settings";
import { configFor, configureRequest, privxProviders, simulateNewProcess, startProviderRun, type ConfigValues, type ProviderRun } from "./provider-harness";

const provider = privxProviders.users;
const privxHostProvider = privxProviders.hosts;

const getter = (values: ConfigValues) => (key: string) => values[key];

const SECRET = "cs-7Yq2-do-not-leak-9fK1";

function settingsError(values: ConfigValues): ProviderError {
  try {
    privxSettingsFrom(getter(values));
  } catch (err) {
    assert.ok(err instanceof ProviderError, `expected ProviderError, got ${String(err)}`);
    return err;
  }
  assert.fail("the settings were accepted");
}

/** Every way an error can end up in front of someone: message, stack, JSON, inspect. */
function everyRendering(err: unknown): string {
  return [String(err), (err as Error).stack ?? "", JSON.stringify(err), inspect(err, { depth: 10 })].join("\n");
}

function grace(): PrivxScimUserInputs {
  return {
    externalId: "sub-grace",
    userName: "grace@contoso.com",
    displayName: "Grace Hopper",
    mail: "grace@contoso.com",
    groups: ["dba"],
    entraId: "entra-grace",
    active: true,
    onRemove: "delete",
    protected: false,
  };
}

describe("PrivX settings from the stack config", () => {
  const base = { privxScimUrl: "https://privx.example.com/scim/v2/" };

  test("no SCIM URL: MISSING_SETTING naming privxScimUrl", () => {
    const err = settingsError({});
    assert.equal(err.code, "MISSING_SETTING");
    assert.deepEqual(err.keys, ["privxScimUrl"]);
  });

  test("OAuth2 (the default without an access token) names every missing key at once", () => {
    const err = settingsError(base);
    assert.equal(err.code, "MISSING_SETTING");
    assert.deepEqual(err.keys, ["privxTokenUrl", "privxClientId", "privxClientSecret"]);
  });

  test("basic needs the client id and secret; token needs the access token", () => {
    assert.deepEqual(settingsError({ ...base, privxAuth: "basic", privxClientId: "scim-client" }).keys, ["privxClientSecret"]);
    assert.deepEqual(settingsError({ ...base, privxAuth: "token" }).keys, ["privxAccessToken"]);
  });

  test("an unknown privxAuth, a plain-http URL or a URL with credentials is INVALID_SETTING", () => {
    const unknownKind = settingsError({ ...base, privxAuth: "kerberos" });
    assert.equal(unknownKind.code, "INVALID_SETTING");
    assert.deepEqual(unknownKind.keys, ["privxAuth"]);
    assert.deepEqual(settingsError({ privxScimUrl: "http://privx.example.com/scim/v2", privxAccessToken: "t" }).keys, ["privxScimUrl"]);
    assert.deepEqual(settingsError({ privxScimUrl: "not a url", privxAccessToken: "t" }).keys, ["privxScimUrl"]);
    const withCredentials = settingsError({ privxScimUrl: `https://scim:${SECRET}@privx.example.com/scim/v2`, privxAccessToken: "t" });
    assert.deepEqual(withCredentials.keys, ["privxScimUrl"]);
    assert.ok(!everyRendering(withCredentials).includes(SECRET));
  });

  test("a collection path on another origin is refused", () => {
    const err = settingsError({ ...base, privxAccessToken: "t", privxScimHostsPath: "https://elsewhere.example.com/Hosts" });
    assert.deepEqual(err.keys, ["privxScimHostsPath"]);
  });

  test("an access token alone selects token auth; URL and paths are normalised", () => {
    const settings = privxSettingsFrom(getter({ ...base, privxAccessToken: "t", privxScimUsersPath: "Users/", privxScimHostsPath: "/custom/Hosts" }));
    assert.equal(settings.auth.kind, "token");
    assert.equal(settings.scimUrl, "https://privx.example.com/scim/v2");
    assert.equal(settings.usersPath, "/Users");
    assert.equal(settings.hostsPath, "/custom/Hosts");
  });

  test("the client secret is in no settings error", () => {
    const errors = [
      settingsError({ ...base, privxAuth: "oauth2", privxClientSecret: SECRET }),
      settingsError({ ...base, privxAuth: "oauth2", privxClientId: "id", privxClientSecret: SECRET, privxTokenUrl: "http://privx.example.com/token" }),
      settingsError({ ...base, privxAuth: "basic", privxClientSecret: SECRET }),
    ];
    for (const err of errors) assert.ok(!everyRendering(err).includes(SECRET), everyRendering(err));
  });

  test("configure fails with the settings error when the stack config is incomplete", async () => {
    simulateNewProcess();
    try {
      await assert.rejects(provider.configure(configureRequest({ privxScimUrl: "https://privx.example.com/scim/v2", privxAuth: "token" })), (err) => {
        assert.ok(err instanceof ProviderError);
        assert.deepEqual(err.keys, ["privxAccessToken"]);
        return true;
      });
    } finally {
      simulateNewProcess();
    }
  });
});

describe("PrivX providers with each authentication kind", () => {
  const runs: ProviderRun[] = [];
  after(async () => {
    for (const run of runs) await run.close();
  });

  for (const kind of ["basic", "oauth2", "token"] as const satisfies readonly PrivxAuthKind[]) {
    test(`${kind}: a directory that accepts only ${kind} serves create and read`, async () => {
      const run = await startProviderRun({ auth: kind, emulator: { auth: kind } });
      runs.push(run);
      const created = await provider.create(grace());
      await run.newProcess();
      const read = await provider.read(created.id, created.outs);
      assert.equal(read.props?.userName, "grace@contoso.com");
      await privxHostProvider.read("no-such-host", {} as never);
      if (kind === "oauth2") assert.equal(run.emulator.issuedTokenCount, 2, "one token per provider process, shared by users and hosts");
      const outputs = JSON.stringify([created, read]);
      assert.ok(!outputs.includes(run.emulator.clientSecret) && !outputs.includes(run.emulator.accessToken), "no credential in outputs");
    });
  }
});

describe("PrivX providers with rejected credentials", () => {
  let emulator: PrivxEmulator;
  after(async () => {
    simulateNewProcess();
    await emulator?.close();
  });

  async function rejectedCreate(kind: PrivxAuthKind, overrides: ConfigValues): Promise<unknown> {
    simulateNewProcess();
    emulator ??= await startPrivxEmulator();
    await provider.configure(configureRequest(configFor(emulator, kind, overrides)));
    try {
      await provider.create(grace());
    } catch (err) {
      return err;
    }
    assert.fail("the wrong credentials were accepted");
  }

  for (const [kind, overrides, secret] of [
    ["oauth2", { privxClientSecret: SECRET }, SECRET],
    ["basic", { privxClientSecret: SECRET }, SECRET],
    ["token", { privxAccessToken: SECRET }, SECRET],
  ] as const) {
    test(`${kind}: UNAUTHORIZED, and neither the configured nor the real secret appears in the error`, async () => {
      const err = await rejectedCreate(kind, overrides);
      assert.ok(isApiError(err, "UNAUTHORIZED"), everyRendering(err));
      const shown = everyRendering(err);
      assert.ok(!shown.includes(secret), shown);
      assert.ok(!shown.includes(emulator.clientSecret), shown);
      assert.ok(!shown.includes(Buffer.from(`${emulator.clientId}:${secret}`).toString("base64")), "no Basic header value");
      assert.equal(emulator.state.users.size, 0);
    });
  }
});
