// The HTTP layer every product client uses. Import from here, not from the files.
export { createHttpClient, errorDetailOf } from "./client";
export type { HttpClient, HttpClientOptions, HttpLogger, HttpMethod, HttpResponse, QueryValue, RequestOptions } from "./client";
export { ApiError, isApiError, codeForStatus, whenFound, deleteIdempotently, clientSideError } from "./errors";
export type { ApiErrorCode, ApiErrorFacts } from "./errors";
export { bearerAuth, basicAuth, basicAuthorization, headerTokenAuth } from "./auth";
export type { AuthProvider } from "./auth";
export { OAuthClientCredentials } from "./oauth-client-credentials";
export type { ClientAssertion, OAuthClientCredentialsOptions } from "./oauth-client-credentials";
export { parseLinkHeader, findLink } from "./link-header";
export type { LinkValue } from "./link-header";
export { TokenBucket, realClock } from "./rate-limiter";
export type { Clock, RateLimit } from "./rate-limiter";
export { DEFAULT_RETRY_BUDGET_MS, DEFAULT_RETRY_POLICY, IDEMPOTENT_METHODS, backoffDelay, parseRetryAfter, parseRateLimitHeaders, retryDelay } from "./retry";
export type { RetryPolicy, RateLimitStatus } from "./retry";
export { PoolRegistry, sharedPools } from "./pools";
export { REDACTED, redactUrl, redactBody, scrubText, secretEncodings, isSecretName } from "./redact";
export { inOrder, PAGES_AHEAD } from "./prefetch";
