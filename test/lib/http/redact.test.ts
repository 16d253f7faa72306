// Secrets are masked in every encoding they can travel in: an endpoint that echoes a request
// shows a client secret URL-encoded (a form body), base64-encoded inside Basic credentials, or
// JSON-escaped. One test per credential kind the products use, through the real clients.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import { Router, startEmulatorServer, type EmulatorServer } from "../../../bench/emulators/common/server";
import { trustCaBundle } from "../../../lib/ca-bundle";
import {
  basicAuth,
  bearerAuth,
  createHttpClient,
  isApiError,
  OAuthClientCredentials,
  PoolRegistry,
  scrubText,
  secretEncodings,
  type AuthProvider,
} from "../../../lib/http";
import { redactSecrets, Secret } from "../../../sources/entra/secret";
import { fakeClock } from "./support";

/** Every character class that encodings treat differently: +, /, =, space, &, %, ~, a quote, non-ASCII. */
const SECRET = 'Ab+/c=d e&f%g~h"ij-ü-0123';

/** The forms a leak checker looks for: raw, percent, form, base64 and Basic at each alignment. */
function leakedForms(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
  for (const prefix of ["", "x", "xy", "client-id:", encodeURIComponent("client id") + ":"]) {
    for (const value of [secret, encodeURIComponent(secret)]) {
      const b64 = Buffer.from(prefix + value).toString("base64");
      // The characters that come from the secret alone: skip the prefix's and the last partial group.
      const start = Math.ceil(Buffer.byteLength(prefix) / 3) * 4;
      forms.push(b64.slice(start, start + 12));
    }
  }
  return forms.filter((f) => f.length >= 4);
}

function assertNoLeak(text: string, secret: string): void {
  for (const form of leakedForms(secret)) assert.ok(!text.includes(form), `"${form}" (a form of the secret) leaked in:\n${text}`);
}

describe("scrubText", () => {
  test("masks the raw, percent-encoded, form-encoded, JSON-escaped and base64 forms of a secret", () => {
    const samples = [
      `raw ${SECRET} end`,
      `client_secret=${encodeURIComponent(SECRET)}&grant_type=client_credentials`,
      `client_secret=${new URLSearchParams({ v: SECRET }).toString().slice(2)}`,
      `lower ${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}`,
      JSON.stringify({ echoed: SECRET }),
      `b64 ${Buffer.from(SECRET).toString("base64")}`,
      `b64url ${Buffer.from(SECRET).toString("base64url")}`,
      ...["", "a", "ab", "client-id:"].map((p) => `Authorization: Basic ${Buffer.from(`${p}${SECRET}`).toString("base64")}`),
      `oauth Basic ${Buffer.from(`client-id:${encodeURIComponent(SECRET)}`).toString("base64")}`,
    ];
    for (const sample of samples) {
      const scrubbed = scrubText(sample, [SECRET]);
      assert.notEqual(scrubbed, sample, `nothing masked in ${sample}`);
      assertNoLeak(scrubbed, SECRET);
    }
  });

  test("a Basic credential holding the secret is masked whole: none of its characters can be decoded back to the secret's first or last bytes", () => {
    for (const prefix of ["", "a", "ab", "client-id:"]) {
      for (const value of [SECRET, encodeURIComponent(SECRET)]) {
        const header = `Authorization: Basic ${Buffer.from(`${prefix}${value}`).toString("base64")}, next`;
        assert.equal(scrubText(header, [SECRET]), "Authorization: Basic [redacted], next", `${prefix}${value}`);
      }
    }
  });

  test("leaves text without the secret alone, and ignores values too short to be secrets", () => {
    assert.equal(scrubText("nothing to see, Basic Zm9vOmJhcg==", [SECRET]), "nothing to see, Basic Zm9vOmJhcg==");
    assert.deepEqual(secretEncodings("abc"), []);
    assert.equal(scrubText("a b c abc", ["abc"]), "a b c abc");
  });

  test("the Entra source's redactSecrets masks the same encodings", () => {
    const text = `AADSTS7000215: invalid secret ${encodeURIComponent(SECRET)} / ${Buffer.from(SECRET).toString("base64")}`;
    const out = redactSecrets(text, [new Secret(SECRET)]);
    assertNoLeak(out, SECRET);
    assert.match(out, /\[secret\]/);
  });
});

describe("credentials echoed back by a server never reach an error or a log", () => {
  let server: EmulatorServer;
  const pools = new PoolRegistry();
  before(async () => {
    // Answers 500 with the whole request echoed: headers and body as text, and once more as JSON.
    const echo = (req: { headers: Record<string, unknown>; body: string; query: URLSearchParams }) => ({
      status: 500,
      headers: { "Content-Type": "text/plain" },
      body: `you sent ${JSON.stringify(req.headers)} query ${req.query.toString()} body ${req.body}`,
    });
    const router = new Router().on("GET", "/echo", echo).on("POST", "/echo", echo).on("POST", "/token", echo);
    server = await startEmulatorServer({ router, notFound: () => ({ status: 404, body: {} }) });
    trustCaBundle(server.caFile);
  });
  after(async () => {
    await pools.closeAll();
    await server.close();
  });

  async function failureText(auth: AuthProvider, secret: string): Promise<string> {
    const logs: string[] = [];
    const http = createHttpClient({
      product: "echo",
      baseUrl: server.url,
      auth,
      pools,
      clock: fakeClock(),
      logger: (l) => logs.push(l),
      progress: (l) => logs.push(l),
      retry: { budgetMs: 0 },
    });
    const err = await http.post("/echo", { form: { client_secret: secret, note: `again ${secret}` }, query: { token: secret } }).then(
      () => assert.fail("the echo endpoint fails"),
      (e: unknown) => e,
    );
    assert.ok(isApiError(err));
    const text = [err.message, JSON.stringify(err), inspect(err, { depth: Infinity }), String(err.stack), ...logs].join("\n");
    assert.match(text, /you sent/, "the echoed body is shown (redacted), not dropped");
    return text;
  }

  test("a bearer token (PRA SCIM token, PrivX access token)", async () => {
    assertNoLeak(await failureText(bearerAuth(SECRET), SECRET), SECRET);
  });

  test("HTTP Basic credentials (PrivX basic authentication)", async () => {
    assertNoLeak(await failureText(basicAuth("privx-client", SECRET), SECRET), SECRET);
  });

  test("an OAuth client secret at the token endpoint (PRA Configuration API, PrivX OAuth2)", async () => {
    const oauth = new OAuthClientCredentials({
      product: "echo",
      tokenUrl: `${server.url}/token`,
      clientId: "client id",
      clientSecret: SECRET,
      http: { pools, clock: fakeClock(), progress: () => {}, retry: { budgetMs: 0 } },
    });
    const err = await oauth.headers().then(
      () => assert.fail("the token endpoint fails"),
      (e: unknown) => e,
    );
    assert.ok(isApiError(err));
    assertNoLeak([err.message, JSON.stringify(err), inspect(err, { depth: Infinity })].join("\n"), SECRET);
  });
});
