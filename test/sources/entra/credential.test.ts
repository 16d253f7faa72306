// Each credential kind obtains a token from the emulator through @azure/identity, and a client
// secret never shows up in an error or a log line.
import "reflect-metadata"; // @peculiar/x509 needs the Reflect metadata polyfill
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import { AzureLogger, setLogLevel, getLogLevel, type AzureLogLevel } from "@azure/logger";
import * as x509 from "@peculiar/x509";
import { Router, startEmulatorServer } from "../../../bench/emulators/common/server";
import type { GraphEmulator } from "../../../bench/emulators/graph";
import { createCredential, EntraError, entraSettingsFromConfig, isKnownAuthorityHost, readDirectory } from "../../../sources/entra";
import { CLIENT_ID, CLIENT_SECRET, demoConfig, demoSettings, PRA_APP_ID, startDemoGraph } from "./demo";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-credential-test-"));
const now = () => Math.floor(Date.now() / 1000);

function unsignedJwt(payload: Record<string, unknown>): string {
  const part = (o: Record<string, unknown>) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT", kid: "test" })}.${part(payload)}.${Buffer.from("signature").toString("base64url")}`;
}

const githubToken = () =>
  unsignedJwt({
    iss: "https://token.actions.githubusercontent.com",
    sub: "repo:contoso/pam-access:environment:production",
    aud: "api://AzureADTokenExchange",
    exp: now() + 300,
    iat: now(),
  });

async function tokenFor(em: GraphEmulator, config: Record<string, string | undefined>, env: NodeJS.ProcessEnv = {}) {
  const credential = createCredential(entraSettingsFromConfig(demoConfig(em, config), env));
  return credential.getToken(`${em.url}/.default`);
}

describe("createCredential against the emulator", () => {
  let em: GraphEmulator;
  before(async () => {
    em = await startDemoGraph();
  });
  after(() => em.close());

  test("client secret: MSAL discovers the authority on the emulator itself and gets a token Graph accepts", async () => {
    const start = em.requests.length;
    const token = await tokenFor(em, {});
    assert.ok(token?.token);
    const traffic = em.requests.slice(start).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(traffic, [`GET /${em.tenantId}/v2.0/.well-known/openid-configuration`, `POST /${em.tenantId}/oauth2/v2.0/token`]);
    const form = new URLSearchParams(em.requests.at(-1)!.body);
    assert.equal(form.get("grant_type"), "client_credentials");
    assert.equal(form.get("scope"), `${em.url}/.default`);
  });

  test("client assertion from a file: a federated token works, and the file is read again for the next token", async () => {
    const file = path.join(tmp, "federated-token");
    fs.writeFileSync(file, githubToken() + "\n");
    const credential = createCredential(
      entraSettingsFromConfig(demoConfig(em, { entraCredential: "workloadIdentity", entraClientSecret: undefined, entraClientAssertionFile: file }), {}),
    );
    assert.ok((await credential.getToken(`${em.url}/.default`))?.token);
    const sent = new URLSearchParams(em.requests.at(-1)!.body);
    assert.equal(sent.get("client_assertion_type"), "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    assert.equal(sent.get("client_assertion"), fs.readFileSync(file, "utf8").trim());
    assert.equal(sent.get("client_secret"), null);

    // Another scope misses MSAL's cache: the rotated (here: broken) file must be read again.
    fs.writeFileSync(file, "rotated-but-not-a-jwt");
    await assert.rejects(credential.getToken("https://graph.microsoft.com/.default"), /AADSTS50027/);
  });

  test("workload identity in GitHub Actions: the assertion comes from the OIDC endpoint with audience api://AzureADTokenExchange", async () => {
    const seen: { audience: string | null; authorization: string | undefined }[] = [];
    const router = new Router().on("GET", "/_apis/pipelines/oidctoken", (req) => {
      seen.push({ audience: req.query.get("audience"), authorization: req.headers.authorization });
      return { status: 200, body: { value: githubToken() } };
    });
    const github = await startEmulatorServer({ router, notFound: () => ({ status: 404, body: {} }) });
    try {
      const token = await tokenFor(
        em,
        { entraCredential: "workloadIdentity", entraClientSecret: undefined },
        {
          ACTIONS_ID_TOKEN_REQUEST_URL: `${github.url}/_apis/pipelines/oidctoken?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: "gh-request-token",
        },
      );
      assert.ok(token?.token);
      // MSAL may ask for the assertion more than once per token; every request must be right.
      assert.ok(seen.length >= 1);
      for (const call of seen) assert.deepEqual(call, { audience: "api://AzureADTokenExchange", authorization: "Bearer gh-request-token" });
    } finally {
      await github.close();
    }
  });

  test("Azure Pipelines: AzurePipelinesCredential posts the system access token to the job's OIDC endpoint for the assertion", async () => {
    const seen: { serviceConnectionId: string | null; authorization: string | undefined }[] = [];
    const router = new Router().on("POST", "/contoso/_apis/distributedtask/hubs/build/plans/p1/jobs/j1/oidctoken", (req) => {
      seen.push({ serviceConnectionId: req.query.get("serviceConnectionId"), authorization: req.headers.authorization });
      return { status: 200, body: { oidcToken: githubToken() } };
    });
    const devops = await startEmulatorServer({ router, notFound: () => ({ status: 404, body: {} }) });
    const env = {
      AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: "sc-production",
      SYSTEM_ACCESSTOKEN: "ado-system-access-token",
      SYSTEM_OIDCREQUESTURI: `${devops.url}/contoso/_apis/distributedtask/hubs/build/plans/p1/jobs/j1/oidctoken`,
    };
    const previous = process.env.SYSTEM_OIDCREQUESTURI;
    process.env.SYSTEM_OIDCREQUESTURI = env.SYSTEM_OIDCREQUESTURI; // the credential reads it from process.env
    try {
      const token = await tokenFor(em, { entraCredential: "azurePipelines", entraClientSecret: undefined }, env);
      assert.ok(token?.token);
      assert.ok(seen.length >= 1);
      for (const call of seen) assert.deepEqual(call, { serviceConnectionId: "sc-production", authorization: "Bearer ado-system-access-token" });
    } finally {
      if (previous === undefined) delete process.env.SYSTEM_OIDCREQUESTURI;
      else process.env.SYSTEM_OIDCREQUESTURI = previous;
      await devops.close();
    }
  });

  test("certificate: ClientCertificateCredential's self-signed assertion is accepted", async () => {
    const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: "0a",
      name: "CN=pam-reconciler",
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 3600_000),
      keys,
      signingAlgorithm: algorithm,
    });
    const key = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey))
      .toString("base64")
      .replace(/(.{64})/g, "$1\n");
    const file = path.join(tmp, "client-cert.pem");
    fs.writeFileSync(file, `-----BEGIN PRIVATE KEY-----\n${key.trimEnd()}\n-----END PRIVATE KEY-----\n${cert.toString("pem")}\n`);

    const token = await tokenFor(em, { entraCredential: "certificate", entraClientSecret: undefined, entraCertificatePath: file });
    assert.ok(token?.token);
    const assertion = new URLSearchParams(em.requests.at(-1)!.body).get("client_assertion")!;
    const claims = JSON.parse(Buffer.from(assertion.split(".")[1], "base64url").toString("utf8"));
    assert.equal(claims.iss, CLIENT_ID);
    assert.equal(claims.sub, CLIENT_ID);
    assert.equal(claims.aud, `${em.url}/${em.tenantId}/oauth2/v2.0/token`);
  });

  test("an unreadable federated token file fails the read with UNAUTHORIZED naming the setting", async () => {
    const settings = demoSettings(em, {
      entraCredential: "workloadIdentity",
      entraClientSecret: undefined,
      entraClientAssertionFile: path.join(tmp, "missing"),
    });
    const error = await readDirectory({ groups: [{ displayName: "PRA Vendors" }], applications: [], userAttributes: [] }, settings).then(
      () => assert.fail("must not read without an assertion"),
      (err: unknown) => err,
    );
    assert.ok(error instanceof EntraError);
    assert.equal(error.code, "UNAUTHORIZED");
    assert.equal(error.details?.key, "entraClientAssertionFile");
  });

  test("only a non-public authority skips MSAL's instance discovery (which would call login.microsoftonline.com)", () => {
    assert.equal(isKnownAuthorityHost("https://login.microsoftonline.com"), true);
    assert.equal(isKnownAuthorityHost("https://login.microsoftonline.us"), true);
    assert.equal(isKnownAuthorityHost(em.url), false);
  });
});

describe("secrets stay secret", () => {
  let em: GraphEmulator;
  let logged: string[];
  let previousLog: typeof AzureLogger.log;
  let previousLevel: AzureLogLevel | undefined;

  before(async () => {
    em = await startDemoGraph();
    logged = [];
    previousLog = AzureLogger.log;
    previousLevel = getLogLevel();
    AzureLogger.log = (...args: unknown[]) => logged.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 10 }))).join(" "));
    setLogLevel("verbose");
  });
  after(async () => {
    AzureLogger.log = previousLog;
    setLogLevel(previousLevel);
    await em.close();
  });

  const request = { groups: [{ displayName: "PRA Linux Admins" }], applications: [{ appId: PRA_APP_ID }], userAttributes: [] };
  const everyRendering = (err: unknown) => [String(err), (err as Error).stack ?? "", JSON.stringify(err), inspect(err, { depth: 10, showHidden: true })];

  test("a wrong client secret is UNAUTHORIZED with the AAD facts, and the secret is in no error text and no log line", async () => {
    const wrongSecret = "Wr0ng~client.secret_value-9876";
    const settings = demoSettings(em, { entraClientSecret: wrongSecret });
    const error = await readDirectory(request, settings).then(
      () => assert.fail("must not read with a wrong secret"),
      (err: unknown) => err,
    );
    assert.ok(error instanceof EntraError);
    assert.equal(error.code, "UNAUTHORIZED");
    assert.equal(error.graphCode, "invalid_client");
    assert.deepEqual(error.details?.aadErrorCodes, [7000215]);
    assert.ok(logged.length > 0, "the Azure SDK logged at verbose level");
    for (const text of [...everyRendering(error), ...logged, JSON.stringify(settings), inspect(settings, { depth: 10 })]) {
      assert.ok(!text.includes(wrongSecret), `secret leaked in: ${text.slice(0, 200)}`);
      assert.ok(!text.includes(CLIENT_SECRET));
    }
  });

  test("the right secret neither: a successful read logs no secret", async () => {
    logged.length = 0;
    const snapshot = await readDirectory(request, demoSettings(em));
    assert.ok(snapshot.groups.length === 1);
    assert.ok(logged.length > 0);
    for (const text of [...logged, JSON.stringify(snapshot)]) assert.ok(!text.includes(CLIENT_SECRET));
  });

  test("an unknown client id is UNAUTHORIZED carrying AADSTS700016", async () => {
    const error = await readDirectory(request, demoSettings(em, { entraClientId: "0b0b0b0b-1111-4222-8333-444444444444" })).then(
      () => assert.fail("must not read with an unknown client"),
      (err: unknown) => err,
    );
    assert.ok(error instanceof EntraError);
    assert.equal(error.code, "UNAUTHORIZED");
    assert.deepEqual(error.details?.aadErrorCodes, [700016]);
  });
});
