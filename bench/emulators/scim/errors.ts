// SCIM error responses (RFC 7644 §3.12): {schemas:[...:Error], status as a string, scimType?, detail}.
import type { EmulatorResponse } from "../common/server";

export const SCIM_CONTENT_TYPE = "application/scim+json";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

export type ScimErrorType = "invalidFilter" | "invalidSyntax" | "invalidValue" | "invalidPath" | "noTarget" | "uniqueness" | "mutability" | "tooMany";

export function scimError(status: number, detail: string, scimType?: ScimErrorType, headers: Record<string, string | number> = {}): EmulatorResponse {
  return {
    status,
    headers: { "Content-Type": SCIM_CONTENT_TYPE, ...headers },
    body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail },
  };
}

export function scimOk(status: number, body: unknown, headers: Record<string, string | number> = {}): EmulatorResponse {
  return { status, headers: { "Content-Type": SCIM_CONTENT_TYPE, ...headers }, body };
}

/** A refused request, carried from a helper to the route. */
export class ScimFault extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimErrorType | undefined,
    detail: string,
  ) {
    super(detail);
  }
  toResponse(): EmulatorResponse {
    return scimError(this.status, this.message, this.scimType);
  }
}
