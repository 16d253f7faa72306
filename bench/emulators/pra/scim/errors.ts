// SCIM error answers (RFC 7644 section 3.12): `status` is a string, `scimType` only for 400/409.
import type { EmulatorResponse } from "../../common/server";

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

export type ScimType =
  "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue" | "invalidVers" | "sensitive";

export function scimError(status: number, detail: string, scimType?: ScimType, headers: Record<string, string | number> = {}): EmulatorResponse {
  return {
    status,
    headers: { "Content-Type": SCIM_CONTENT_TYPE, ...headers },
    body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail },
  };
}

/** A validation failure found while reading a request body, carried to the route as data. */
export class ScimRequestError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(detail);
  }

  toResponse(): EmulatorResponse {
    return scimError(this.status, this.message, this.scimType);
  }
}

export const invalidValue = (detail: string) => new ScimRequestError(400, "invalidValue", detail);
export const invalidSyntax = (detail: string) => new ScimRequestError(400, "invalidSyntax", detail);
export const invalidPath = (detail: string) => new ScimRequestError(400, "invalidPath", detail);
