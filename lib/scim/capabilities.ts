// What a SCIM server says it supports, from its /ServiceProviderConfig (RFC 7643 §5): PATCH and
// filtering. A server without the endpoint, or one that does not say, gets the safe subset
// (whole-resource PUT, list and compare), which every RFC 7644 server must serve.
import { ApiError, isApiError, type HttpClient } from "../http";
import type { ScimDialectOverrides } from "./dialects";

export interface ScimCapabilities {
  patch: boolean;
  filter: boolean;
  /** Where the answer came from: the server's own config, or the fallback when it has none. */
  source: "ServiceProviderConfig" | "fallback";
}

function flag(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  return typeof value === "string" && value.trim().toLowerCase() === "true";
}

function supported(config: Record<string, unknown>, feature: string): boolean {
  const key = Object.keys(config).find((k) => k.toLowerCase() === feature);
  const entry = key === undefined ? undefined : config[key];
  if (!entry || typeof entry !== "object") return false;
  const s = Object.entries(entry).find(([k]) => k.toLowerCase() === "supported");
  return flag(s?.[1]);
}

/** Reads GET <base>/ServiceProviderConfig; a 404 (or 501) means the fallback, any other failure is thrown. */
export async function discoverCapabilities(http: HttpClient): Promise<ScimCapabilities> {
  try {
    const res = await http.get("/ServiceProviderConfig");
    const body = res.body;
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new ApiError({
        code: "BAD_RESPONSE",
        product: "scim",
        method: "GET",
        url: res.url,
        status: res.status,
        retryable: false,
        detail: "ServiceProviderConfig is not a JSON object",
      });
    }
    const config = body as Record<string, unknown>;
    return { patch: supported(config, "patch"), filter: supported(config, "filter"), source: "ServiceProviderConfig" };
  } catch (err) {
    if (isApiError(err, "NOT_FOUND") || (isApiError(err) && err.status === 501)) return { patch: false, filter: false, source: "fallback" };
    throw err;
  }
}

/** The dialect switches that follow from what the server supports. */
export function overridesFrom(capabilities: ScimCapabilities): Pick<ScimDialectOverrides, "supportsPatch" | "supportsFilter"> {
  return { supportsPatch: capabilities.patch, supportsFilter: capabilities.filter };
}
