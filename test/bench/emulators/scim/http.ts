// Raw HTTPS calls to a SCIM emulator (tests of the emulators against the vendors' facts, not
// against our client).
import { Agent, request } from "undici";

export interface RawScimResponse {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export async function rawCall(caPem: string, url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawScimResponse> {
  const res = await request(url, {
    method: method as "GET",
    dispatcher: new Agent({ connect: { ca: caPem } }),
    headers: {
      ...(body === undefined ? {} : { "content-type": typeof body === "string" ? "application/x-www-form-urlencoded" : "application/scim+json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
