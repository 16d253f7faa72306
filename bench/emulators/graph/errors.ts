// Error bodies exactly as the two services send them: Graph's OData error envelope, and the
// identity platform's OAuth error with AADSTS codes, trace and correlation ids.
import { randomUUID } from "node:crypto";
import type { EmulatorResponse } from "../common/server";

/** Graph's innerError.date has no fractional seconds and no zone designator. */
function graphDate(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "");
}

export const graphJsonContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export function graphError(
  status: number,
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId: string },
  headers: Record<string, string | number> = {},
): EmulatorResponse {
  return {
    status,
    headers: { "Content-Type": "application/json", ...headers },
    body: {
      error: {
        code,
        message,
        innerError: { date: graphDate(), "request-id": ids.requestId, "client-request-id": ids.clientRequestId },
      },
    },
  };
}

/** Graph's codes for the statuses the fault knobs inject. */
export function graphFaultCode(status: number): { code: string; message: string } {
  switch (status) {
    case 429:
      return { code: "TooManyRequests", message: "Too many requests from Identifier: the application has been throttled." };
    case 503:
      return { code: "serviceNotAvailable", message: "The service is temporarily unavailable. Please retry after the period in Retry-After." };
    case 504:
      return { code: "UnknownError", message: "Gateway timeout." };
    default:
      return { code: "generalException", message: `Injected fault ${status}.` };
  }
}

export interface AadErrorSpec {
  status: number;
  /** OAuth error: invalid_request, invalid_client, unauthorized_client, invalid_scope, unsupported_grant_type. */
  error: string;
  aadsts: number;
  description: string;
}

export function aadError(spec: AadErrorSpec): EmulatorResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "Z");
  return {
    status: spec.status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store, no-cache" },
    body: {
      error: spec.error,
      error_description: `AADSTS${spec.aadsts}: ${spec.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [spec.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${spec.aadsts}`,
    },
  };
}
