// Raw HTTP helpers for the PrivX emulator's contract tests (undici, no SCIM client on purpose).
import { request } from "undici";
import { startPrivxEmulator, type PrivxEmulator, type PrivxEmulatorOptions } from "../../../../bench/emulators/privx";
import { trustCaBundle } from "../../../../lib/ca-bundle";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const HOST_SCHEMA = "urn:ietf:params:scim:schemas:ssh:2.0:Host";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

export async function startTrustedEmulator(options: PrivxEmulatorOptions = {}): Promise<PrivxEmulator> {
  const emulator = await startPrivxEmulator(options);
  trustCaBundle(emulator.caFile);
  return emulator;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export function clientBasic(emulator: PrivxEmulator): string {
  return basic(emulator.clientId, emulator.clientSecret);
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export async function call(url: string, options: { method?: string; authorization?: string; body?: unknown; contentType?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.authorization) headers.authorization = options.authorization;
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] = options.contentType ?? "application/scim+json";
  }
  const res = await request(url, { method: (options.method ?? "GET") as "GET", headers, body: payload });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export function hostBody(externalId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [HOST_SCHEMA], externalId, commonName: `host ${externalId}`, contactAddress: `${externalId}.contoso.internal`, ...extra };
}

export function userBody(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [USER_SCHEMA], userName, ...extra };
}
