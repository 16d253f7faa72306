// SCIM error responses (RFC 7644 §3.12): {schemas:[...:Error], status (a string), scimType?, detail}.
import type { EmulatorResponse } from "../common/server";

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** RFC 7644 §3.12 scimType values this emulator uses. */
export type ScimErrorType = "invalidFilter" | "invalidSyntax" | "invalidValue" | "uniqueness" | "mutability" | "tooMany";

export function scimError(status: number, detail: string, scimType?: ScimErrorType, headers: Record<string, string | number> = {}): EmulatorResponse {
  return {
    status,
    headers: { "Content-Type": SCIM_CONTENT_TYPE, ...headers },
    body: {
      schemas: [SCIM_ERROR_SCHEMA],
      status: String(status),
      ...(scimType ? { scimType } : {}),
      detail,
    },
  };
}

export function scimOk(status: number, body: unknown, headers: Record<string, string | number> = {}): EmulatorResponse {
  return { status, headers: { "Content-Type": SCIM_CONTENT_TYPE, ...headers }, body };
}

/** A rejected request body, carried from validation to the route as data. */
export class ScimRequestError extends Error {
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

export function invalidValue(detail: string): ScimRequestError {
  return new ScimRequestError(400, "invalidValue", detail);
}
