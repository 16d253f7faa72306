// Raw HTTP against the PRA emulator: tests speak the vendor's wire format directly, so they
// check the emulator against the spec and not against the project's own PRA client.
import { request } from "undici";
import { trustCaBundle } from "../../../../lib/ca-bundle";
import { type PraEmulator, type PraEmulatorOptions, startPraEmulator } from "../../../../bench/emulators/pra";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON; undefined when empty. */
  json: any;
}

/**
 * An emulator trusted through the CA bundle. Unless a test is about rate limits, the
 * per-second limit is lifted so a quick burst of test requests is not throttled.
 */
export async function startEmulator(options: PraEmulatorOptions = {}): Promise<PraEmulator> {
  const emulator = await startPraEmulator({ rateLimitPerSecond: 10_000, ...options });
  trustCaBundle(emulator.caFile);
  return emulator;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Raw body text, sent as is. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call(url: string, method: string, options: CallOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: "application/json", ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await request(url, { method: method as "GET", headers, body });
  const text = await res.body.text();
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  return { status: res.statusCode, headers: flat, text, json: text ? JSON.parse(text) : undefined };
}

export async function mintToken(emulator: PraEmulator, clientId = emulator.clientId, clientSecret = emulator.clientSecret): Promise<RawResponse> {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
  return call(emulator.tokenUrl, "POST", {
    rawBody: "grant_type=client_credentials",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
  });
}

export async function accessToken(emulator: PraEmulator, clientId?: string, clientSecret?: string): Promise<string> {
  const res = await mintToken(emulator, clientId, clientSecret);
  if (res.status !== 200) throw new Error(`token request failed with ${res.status}`);
  return res.json.access_token as string;
}

/** A Configuration API client bound to one token, for terse tests. */
export function configApi(emulator: PraEmulator, token: string) {
  const at = (path: string) => `${emulator.configUrl}${path}`;
  return {
    get: (path: string) => call(at(path), "GET", { token }),
    post: (path: string, body?: unknown) => call(at(path), "POST", { token, body }),
    patch: (path: string, body: unknown) => call(at(path), "PATCH", { token, body }),
    delete: (path: string) => call(at(path), "DELETE", { token }),
  };
}

export function scimApi(emulator: PraEmulator, token = emulator.scimToken) {
  const at = (path: string) => `${emulator.scimUrl}${path}`;
  const headers = { "content-type": "application/scim+json", accept: "application/scim+json" };
  return {
    get: (path: string) => call(at(path), "GET", { token, headers }),
    post: (path: string, body: unknown) => call(at(path), "POST", { token, body, headers }),
    put: (path: string, body: unknown) => call(at(path), "PUT", { token, body, headers }),
    patch: (path: string, body: unknown) => call(at(path), "PATCH", { token, body, headers }),
    delete: (path: string) => call(at(path), "DELETE", { token, headers }),
  };
}

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

export function scimUserBody(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName,
    externalId: `ext-${userName}`,
    displayName: userName.split("@")[0],
    name: { formatted: userName, givenName: "Given", familyName: "Family" },
    emails: [{ value: userName, type: "work", primary: true }],
    active: true,
    ...extra,
  };
}

/** The Link header as rel → URL. */
export function parseLink(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(", ")) {
    const match = /^<([^>]+)>; rel="([^"]+)"$/.exec(part);
    if (!match) throw new Error(`malformed Link part: ${part}`);
    out[match[2]] = match[1];
  }
  return out;
}
