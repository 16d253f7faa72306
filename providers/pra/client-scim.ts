// PRA's SCIM API (Users and Groups at <site>/api/scim/v2, long-lived bearer token) through the
// one SCIM client with the pra dialect.
import type { HttpClientOptions } from "../../lib/http";
import { bearerAuth } from "../../lib/http";
import { configureDialect, createScimClient, type ScimClient, type ScimDialectOverrides } from "../../lib/scim";
import { checkedSiteUrl, PRA_DEFAULT_RATE_LIMIT } from "./client";

export interface PraScimClientOptions {
  /** Site URL, e.g. https://pra.example.com (no trailing slash). */
  url: string;
  /** The API account's long-lived SCIM bearer token. */
  token: string;
  /** PATCH/filter support is unverified on PRA: off unless switched on here. */
  dialect?: ScimDialectOverrides;
  pageSize?: number;
  /** Transport settings; the rate limit defaults to the Configuration API client's, under PRA's 20/s per API account. */
  http?: Omit<HttpClientOptions, "product" | "baseUrl" | "auth" | "accept" | "classifyError">;
}

export function praScimBaseUrl(url: string): string {
  return `${checkedSiteUrl(url, "praUrl")}/api/scim/v2`;
}

export function praScimClient(options: PraScimClientOptions): ScimClient {
  return createScimClient({
    baseUrl: praScimBaseUrl(options.url),
    dialect: configureDialect("pra", options.dialect),
    auth: bearerAuth(options.token),
    product: "pra-scim",
    pageSize: options.pageSize,
    // PRA's per-account limit holds for SCIM too: without a client-side limit a run creating
    // many users gets most of its requests refused (429) and waits out each Retry-After.
    http: { rateLimit: PRA_DEFAULT_RATE_LIMIT, ...options.http },
  });
}
