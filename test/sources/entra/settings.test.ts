// Settings from stack config with environment fallbacks, and the errors that name what to set.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import { EntraError, entraSettingsFromConfig, PUBLIC_AUTHORITY_HOST, PUBLIC_GRAPH_BASE_URL } from "../../../sources/entra";

const TENANT = "7c1b0d3e-5a4f-4e1a-9a61-0c5e2f8d9b10";
const CLIENT = "1b40edc3-4f55-43b7-800d-8ee204f01e50";
const SECRET = "Sup3r~Secret.Value_xyz";

const getter = (config: Record<string, string>) => (key: string) => config[key];

function settingsError(fn: () => unknown): EntraError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof EntraError);
    return err;
  }
  assert.fail("expected a settings error");
}

describe("entraSettingsFromConfig", () => {
  test("reads the stack config keys and defaults to the public cloud", () => {
    const settings = entraSettingsFromConfig(
      getter({ entraTenantId: TENANT, entraClientId: CLIENT, entraCredential: "clientSecret", entraClientSecret: SECRET }),
      {},
    );
    assert.equal(settings.tenantId, TENANT);
    assert.equal(settings.clientId, CLIENT);
    assert.equal(settings.credential, "clientSecret");
    assert.equal(settings.clientSecret?.reveal(), SECRET);
    assert.equal(settings.authorityHost, PUBLIC_AUTHORITY_HOST);
    assert.equal(settings.graphBaseUrl, PUBLIC_GRAPH_BASE_URL);
    assert.equal(settings.caBundle, undefined);
  });

  test("falls back to the Azure SDK environment variables; config wins over them", () => {
    const env = {
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: CLIENT,
      AZURE_CLIENT_SECRET: SECRET,
      AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us/",
    };
    const fromEnv = entraSettingsFromConfig(getter({}), env);
    assert.equal(fromEnv.tenantId, TENANT);
    assert.equal(fromEnv.credential, "clientSecret");
    assert.equal(fromEnv.authorityHost, "https://login.microsoftonline.us");
    const configWins = entraSettingsFromConfig(getter({ entraTenantId: "contoso.com", entraAuthorityHost: "https://login.chinacloudapi.cn" }), env);
    assert.equal(configWins.tenantId, "contoso.com");
    assert.equal(configWins.authorityHost, "https://login.chinacloudapi.cn");
  });

  test("a missing tenant names the config key and the environment variable", () => {
    const error = settingsError(() => entraSettingsFromConfig(getter({ entraClientId: CLIENT }), {}));
    assert.equal(error.code, "VALIDATION");
    assert.equal(error.details?.key, "entraTenantId");
    assert.match(error.message, /entraTenantId/);
    assert.match(error.message, /AZURE_TENANT_ID/);
  });

  test("each credential kind names the setting it is missing", () => {
    const base = { entraTenantId: TENANT, entraClientId: CLIENT };
    const missing = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
      settingsError(() => entraSettingsFromConfig(getter(config), env)).details?.key;
    assert.equal(missing({ ...base, entraCredential: "clientSecret" }), "entraClientSecret");
    assert.equal(missing({ ...base, entraCredential: "certificate" }), "entraCertificatePath");
    assert.equal(missing({ ...base, entraCredential: "workloadIdentity" }), "entraClientAssertionFile");
    assert.equal(missing({ ...base, entraCredential: "azurePipelines" }), "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID");
    assert.equal(missing({ ...base, entraCredential: "azurePipelines" }, { AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: "sc-1" }), "SYSTEM_ACCESSTOKEN");
    assert.equal(
      missing({ ...base, entraCredential: "azurePipelines" }, { AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: "sc-1", SYSTEM_ACCESSTOKEN: "t" }),
      "SYSTEM_OIDCREQUESTURI",
    );
    assert.equal(missing({ entraTenantId: TENANT, entraCredential: "clientSecret", entraClientSecret: SECRET }), "entraClientId");
    assert.equal(missing({ ...base, entraCredential: "password" }), "entraCredential");
  });

  test("the credential kind follows from the material when not configured", () => {
    const kind = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
      entraSettingsFromConfig(getter({ entraTenantId: TENANT, entraClientId: CLIENT, ...config }), env).credential;
    assert.equal(kind({ entraClientSecret: SECRET }), "clientSecret");
    assert.equal(kind({ entraCertificatePath: "/etc/pam/cert.pem" }), "certificate");
    assert.equal(kind({}, { AZURE_FEDERATED_TOKEN_FILE: "/var/run/token" }), "workloadIdentity");
    assert.equal(kind({}), "default");

    const github = entraSettingsFromConfig(getter({ entraTenantId: TENANT, entraClientId: CLIENT }), {
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://pipelines.actions.example/token?api-version=2.0",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "gh-request-token",
    });
    assert.equal(github.credential, "workloadIdentity");
    assert.equal(github.githubActionsOidc?.requestUrl, "https://pipelines.actions.example/token?api-version=2.0");
    assert.equal(github.githubActionsOidc?.requestToken.reveal(), "gh-request-token");
  });

  test("default credentials need no client id; other kinds and malformed ids are refused", () => {
    assert.equal(entraSettingsFromConfig(getter({ entraTenantId: TENANT }), {}).clientId, undefined);
    assert.equal(settingsError(() => entraSettingsFromConfig(getter({ entraTenantId: "not a tenant" }), {})).details?.key, "entraTenantId");
    assert.equal(settingsError(() => entraSettingsFromConfig(getter({ entraTenantId: TENANT, entraClientId: "pam" }), {})).details?.key, "entraClientId");
  });

  test("URLs must be https; a trailing slash or a Graph version suffix is dropped", () => {
    const settings = entraSettingsFromConfig(
      getter({ entraTenantId: TENANT, graphBaseUrl: "https://graph.microsoft.us/v1.0/", entraAuthorityHost: "https://login.microsoftonline.us/" }),
      {},
    );
    assert.equal(settings.graphBaseUrl, "https://graph.microsoft.us");
    assert.equal(settings.authorityHost, "https://login.microsoftonline.us");
    assert.equal(
      settingsError(() => entraSettingsFromConfig(getter({ entraTenantId: TENANT, entraAuthorityHost: "http://127.0.0.1:8080" }), {})).details?.key,
      "entraAuthorityHost",
    );
    assert.equal(settingsError(() => entraSettingsFromConfig(getter({ entraTenantId: TENANT, graphBaseUrl: "graph" }), {})).details?.key, "graphBaseUrl");
  });

  test("secrets in settings never print: JSON, inspect and string interpolation show [secret]", () => {
    const settings = entraSettingsFromConfig(getter({ entraTenantId: TENANT, entraClientId: CLIENT, entraClientSecret: SECRET }), {
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://x.example/t",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "gh-request-token",
    });
    for (const text of [JSON.stringify(settings), inspect(settings, { depth: 10 }), `${settings.clientSecret}`]) {
      assert.ok(!text.includes(SECRET), text);
      assert.ok(text.includes("[secret]"), text);
    }
  });
});
