// Okta authentication: the emulator's token endpoint checks a private_key_jwt assertion as Okta
// does (signature, audience, issuer, expiry, jti reuse, scopes), and the Okta private key, the
// SSWS API token, the client assertion and the access token never appear in errors, their JSON,
// util.inspect or the reader's progress lines. (State and engine output: the Okta lifecycle test.)
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import { oktaDemoOrg } from "../../../bench/demo/okta-org";
import type { OktaEmulator } from "../../../bench/emulators/okta";
import { createHttpClient } from "../../../lib/http";
import { configuredDirectory, directoryKindOf } from "../../../sources/directory";
import { OktaError, oktaSettingsFromConfig, oktaTokenUrl, readOktaDirectory, rs256ClientAssertion } from "../../../sources/okta";
import { Secret } from "../../../sources/entra/secret";
import type { SourceRequest } from "../../../sources/snapshot";
import { API_TOKEN, CLIENT_ID, privateKeySettings, registeredKey, rsaKeyPair, startTestOkta, sswsSettings } from "./okta-setup";

const request: SourceRequest = { groups: [{ displayName: "PS Auditors" }], applications: [], userAttributes: [] };
const keyLines = (pem: string) => pem.split("\n").filter((l) => l && !l.startsWith("-----"));

/** Everything an error can show: its message, JSON and inspection. */
const shown = (err: unknown) => `${String(err)}\n${JSON.stringify(err)}\n${inspect(err, { depth: 8 })}`;

function assertHidden(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 6)}…) is shown:\n${text}`);
}

async function failure(promise: Promise<unknown>): Promise<OktaError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OktaError, `expected an OktaError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected a failure");
}

describe("the emulator's private_key_jwt token endpoint", () => {
  let em: OktaEmulator;
  before(async () => {
    em = await startTestOkta(oktaDemoOrg());
  });
  after(() => em.close());

  const ask = async (assertion: string, scope = "okta.groups.read okta.users.read") => {
    const http = createHttpClient({ product: "test", baseUrl: em.url, progress: () => undefined });
    const res = await http.post<{ error?: string; error_description?: string; access_token?: string }>("/oauth2/v1/token", {
      form: {
        grant_type: "client_credentials",
        scope,
        client_id: (JSON.parse(Buffer.from(assertion.split(".")[1], "base64url").toString()) as { iss: string }).iss,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      },
      expect: [200, 400, 401],
    });
    return { status: res.status, ...res.body };
  };
  const assertionBy = (o: { key?: string; aud?: string; now?: () => number; clientId?: string }) =>
    rs256ClientAssertion({
      clientId: o.clientId ?? CLIENT_ID,
      tokenUrl: o.aud ?? oktaTokenUrl(em.url),
      privateKeyPem: o.key ?? registeredKey.privateKeyPem,
      keyId: "k1",
      now: o.now,
    }).create();

  test("a well-formed assertion signed with the registered key gets an access token with an expiry", async () => {
    const answer = await ask(assertionBy({}));
    assert.equal(answer.status, 200);
    assert.ok(answer.access_token);
  });

  test("refused: another key's signature, another audience, an expired assertion, a reused jti, an unknown client, an ungranted scope", async () => {
    const refused = async (assertion: string, why: RegExp, scope?: string) => {
      const answer = await ask(assertion, scope);
      assert.equal(answer.status, scope ? 400 : 401);
      assert.match(answer.error_description ?? "", why);
    };
    await refused(assertionBy({ key: rsaKeyPair().privateKeyPem }), /signature is invalid/);
    await refused(assertionBy({ aud: `${em.url}/oauth2/default/v1/token` }), /audience .* is invalid/);
    await refused(assertionBy({ now: () => Date.now() - 3_600_000 }), /expired/);
    const once = assertionBy({});
    assert.equal((await ask(once)).status, 200);
    await refused(once, /already been used/);
    await refused(assertionBy({ clientId: "0oasomeoneelse000000" }), /not a known client/);
    const answer = await ask(assertionBy({}), "okta.users.manage");
    assert.equal(answer.status, 400);
    assert.equal(answer.error, "invalid_scope");
  });

  test("an expired access token is refused by the API (the reader renews it once and goes on)", async () => {
    const settings = privateKeySettings(em);
    const before = em.tokensIssued;
    await readOktaDirectory(request, settings, { progress: () => undefined });
    em.expireTokens();
    await readOktaDirectory(request, settings, { progress: () => undefined });
    assert.equal(em.tokensIssued, before + 2, "a new read mints a new token");
    const answer = await createHttpClient({ product: "test", baseUrl: em.url }).get("/api/v1/groups", {
      headers: { authorization: "Bearer expired-or-unknown" },
      expect: [401],
    });
    assert.equal((answer.body as { errorCode: string }).errorCode, "E0000011");
  });
});

describe("Okta credentials never shown", () => {
  let em: OktaEmulator;
  before(async () => {
    em = await startTestOkta(oktaDemoOrg());
  });
  after(() => em.close());

  test("a key Okta does not know: a clear UNAUTHORIZED error that quotes neither key nor assertion", async () => {
    const other = rsaKeyPair();
    const lines: string[] = [];
    const err = await failure(
      readOktaDirectory(request, privateKeySettings(em, { privateKey: new Secret(other.privateKeyPem) }), { progress: (l) => lines.push(l) }),
    );
    assert.equal(err.code, "UNAUTHORIZED");
    assert.match(err.message, /signature is invalid/);
    const assertions = em.requests.filter((r) => r.path === "/oauth2/v1/token").map((r) => new URLSearchParams(r.body).get("client_assertion")!);
    assert.ok(assertions.length > 0);
    assertHidden(shown(err) + lines.join("\n"), [...keyLines(other.privateKeyPem), ...assertions]);
  });

  test("retries and server errors after a good token: the access token, assertion and key appear nowhere", async () => {
    em.faults.inject({ status: 429, retryAfterSeconds: 0, times: 1, path: "/api/v1/groups" });
    em.faults.inject({ status: 500, times: 20, path: "/users" });
    const lines: string[] = [];
    const err = await failure(
      readOktaDirectory(request, privateKeySettings(em), { progress: (l) => lines.push(l), retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } }),
    );
    em.faults.clear();
    assert.equal(err.code, "UNAVAILABLE");
    const tokens = em.requests.map((r) => /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ""))?.[1]).filter((t): t is string => !!t);
    const assertions = em.requests.filter((r) => r.path === "/oauth2/v1/token").map((r) => new URLSearchParams(r.body).get("client_assertion")!);
    assert.ok(tokens.length > 0 && lines.length > 0);
    assertHidden(shown(err) + lines.join("\n"), [...keyLines(registeredKey.privateKeyPem), ...assertions, ...tokens]);
  });

  test("a wrong SSWS token and a failing SSWS read quote no token", async () => {
    const wrong = "00SSWS-wrong-token-which-is-also-secret-987654";
    const refused = await failure(readOktaDirectory(request, sswsSettings(em, wrong), { progress: () => undefined }));
    assert.equal(refused.code, "UNAUTHORIZED");
    assert.match(refused.message, /API token/);
    assertHidden(shown(refused), [wrong]);
    em.faults.inject({ status: 500, times: 20, path: "/users" });
    const failed = await failure(
      readOktaDirectory(request, sswsSettings(em), { progress: () => undefined, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } }),
    );
    em.faults.clear();
    assertHidden(shown(failed), [API_TOKEN]);
  });

  test("settings hold the key and the token as secrets: JSON and inspect show neither", () => {
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "okta-key-")), "key.pem");
    fs.writeFileSync(keyFile, registeredKey.privateKeyPem);
    const fromFile = oktaSettingsFromConfig((k) => ({ oktaOrgUrl: "https://northwind.okta.com", oktaClientId: CLIENT_ID, oktaPrivateKeyFile: keyFile })[k]);
    assert.equal(fromFile.privateKey?.reveal(), registeredKey.privateKeyPem);
    const ssws = oktaSettingsFromConfig((k) => ({ oktaOrgUrl: "https://northwind.okta.com", oktaAuth: "ssws", oktaApiToken: API_TOKEN })[k]);
    assertHidden(JSON.stringify([fromFile, ssws]) + inspect([fromFile, ssws], { depth: 5 }), [...keyLines(registeredKey.privateKeyPem), API_TOKEN]);
  });
});

describe("Okta settings and the directory setting", () => {
  const base = { oktaOrgUrl: "https://northwind.okta.com", oktaClientId: CLIENT_ID, oktaPrivateKey: registeredKey.privateKeyPem };
  const read = (values: Record<string, string>) => oktaSettingsFromConfig((k) => values[k]);
  const refused = (values: Record<string, string>, why: RegExp) =>
    assert.throws(
      () => read(values),
      (e: unknown) => e instanceof OktaError && e.code === "VALIDATION" && why.test(e.message) && !e.message.includes(keyLines(registeredKey.privateKeyPem)[1]),
    );

  test("defaults: private_key_jwt, login as the username", () => {
    const s = read(base);
    assert.equal(s.auth, "privateKey");
    assert.equal(s.usernameAttribute, "login");
    assert.equal(s.orgUrl, "https://northwind.okta.com");
  });

  test("each missing or malformed setting is named", () => {
    refused({}, /Missing setting oktaOrgUrl/);
    refused({ ...base, oktaOrgUrl: "http://northwind.okta.com" }, /oktaOrgUrl: must be an https/);
    refused({ ...base, oktaOrgUrl: "https://northwind.okta.com/oauth2/default" }, /no path/);
    refused({ oktaOrgUrl: base.oktaOrgUrl, oktaPrivateKey: base.oktaPrivateKey }, /Missing setting oktaClientId/);
    refused({ oktaOrgUrl: base.oktaOrgUrl, oktaClientId: CLIENT_ID }, /Missing setting oktaPrivateKey/);
    refused({ ...base, oktaPrivateKey: "not a key" }, /oktaPrivateKey: expected a PEM RSA private key/);
    refused(
      { oktaOrgUrl: base.oktaOrgUrl, oktaClientId: CLIENT_ID, oktaPrivateKeyFile: "/nonexistent/key.pem" },
      /oktaPrivateKeyFile: \/nonexistent\/key.pem cannot be read/,
    );
    refused({ ...base, oktaAuth: "password" }, /oktaAuth: 'password' is not one of privateKey, ssws/);
    refused({ oktaOrgUrl: base.oktaOrgUrl, oktaAuth: "ssws" }, /Missing setting oktaApiToken/);
    refused({ ...base, oktaUsernameAttribute: "profile.login" }, /oktaUsernameAttribute/);
  });

  test("directory defaults to entra; okta is chosen by name; anything else is refused", () => {
    assert.equal(
      directoryKindOf(() => undefined),
      "entra",
    );
    assert.equal(
      directoryKindOf((k) => (k === "directory" ? "okta" : undefined)),
      "okta",
    );
    assert.throws(() => directoryKindOf((k) => (k === "directory" ? "ldap" : undefined)), /Invalid setting directory: 'ldap' is not one of entra, okta/);
    const okta = configuredDirectory((k) => ({ directory: "okta", ...base })[k]);
    assert.equal(okta.kind, "okta");
    assert.match(okta.flatGroupsNote ?? "", /Okta groups do not nest/);
  });
});
