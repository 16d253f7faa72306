// What every route of the emulator shares: the state, the options, issued tokens, the rate
// limiter and the API accounts.
import type { EmulatorRequest } from "../common/server";
import { TokenStore, bearerToken } from "../common/tokens";
import type { ResolvedApiAccount, ResolvedOptions } from "./options";
import { RateLimiter } from "./rate-limit";
import type { PraState } from "./state";

export interface PraRuntime {
  state: PraState;
  options: ResolvedOptions;
  tokens: TokenStore;
  limiter: RateLimiter;
  accounts: Map<string, ResolvedApiAccount>;
}

export function createRuntime(state: PraState, options: ResolvedOptions): PraRuntime {
  return {
    state,
    options,
    tokens: new TokenStore(options.tokenTtlSeconds, options.maxLiveTokensPerAccount),
    limiter: new RateLimiter(options.rateLimitPerSecond, options.rateLimitPerHour, options.clock),
    accounts: new Map(options.accounts.map((a) => [a.clientId, a])),
  };
}

/** The API account behind a live OAuth access token, if any. */
export function accountOfBearer(runtime: PraRuntime, req: EmulatorRequest): ResolvedApiAccount | undefined {
  const header = req.headers.authorization;
  const issued = runtime.tokens.validate(bearerToken(header));
  if (!issued) return undefined;
  const account = runtime.accounts.get(issued.subject);
  return account?.enabled ? account : undefined;
}

/** The origin the client used, for absolute URLs in Link and Location headers. */
export function originOf(req: EmulatorRequest): string {
  return `https://${req.headers.host ?? "127.0.0.1"}`;
}

export function rateLimitHeaders(decision: { limit: number; remaining: number }): Record<string, number> {
  return { "X-RateLimit-Limit": decision.limit, "X-RateLimit-Remaining": decision.remaining };
}
