// The Configuration API's error answers, in the shapes the spec documents: OAuth errors
// `{error, message}`, `{message}` (ErrorMessageResponse) and 422 `{message, errors}`.
import type { EmulatorResponse } from "../../common/server";
import type { FieldErrors } from "../wire/validate";

export function accessDenied(): EmulatorResponse {
  // The spec's example body for expired or invalid tokens.
  return {
    status: 401,
    body: { error: "access_denied", message: "The resource owner or authorization server denied the request." },
  };
}

/** The spec's 401 for unrecognized query parameters (GET) or body fields (POST/PATCH). */
export function unrecognized(kind: "query parameter" | "field", names: readonly string[]): EmulatorResponse {
  return { status: 401, body: { message: `Unrecognized ${kind}${names.length > 1 ? "s" : ""}: ${names.join(", ")}` } };
}

export function forbidden(message: string): EmulatorResponse {
  return { status: 403, body: { message } };
}

export function notFound(message = "Not Found"): EmulatorResponse {
  return { status: 404, body: { message } };
}

export function invalid(errors: FieldErrors): EmulatorResponse {
  return { status: 422, body: { message: "The given data was invalid.", errors } };
}

export function invalidField(field: string, message: string): EmulatorResponse {
  return invalid({ [field]: [message] });
}

export function malformedJson(): EmulatorResponse {
  return { status: 400, body: { message: "The request body is not valid JSON." } };
}

export function methodNotAllowed(allow: readonly string[]): EmulatorResponse {
  return { status: 405, headers: { Allow: allow.join(",") }, body: { message: "Method Not Allowed" } };
}

export function notEmulated(route: string): EmulatorResponse {
  return { status: 501, body: { message: `${route} is documented by the vendor but not emulated` } };
}

export function rateLimited(status: number, retryAfterSeconds: number): EmulatorResponse {
  return { status, headers: { "Retry-After": retryAfterSeconds }, body: { message: "Too Many Requests" } };
}
