import { randomBytes } from "node:crypto";

export interface IssuedToken {
  token: string;
  subject: string;
  expiresAt: number;
}

/**
 * Bearer tokens an emulator has issued. `maxLivePerSubject` reproduces PRA's rule that a 31st
 * live token evicts the oldest; `expireAll` is the "token expiry" fault knob.
 */
export class TokenStore {
  private tokens = new Map<string, IssuedToken>();
  issuedCount = 0;

  constructor(
    private readonly ttlSeconds: number,
    private readonly maxLivePerSubject = Infinity,
  ) {}

  issue(subject: string): IssuedToken {
    const now = Date.now();
    const live = [...this.tokens.values()].filter((t) => t.subject === subject && t.expiresAt > now);
    while (live.length >= this.maxLivePerSubject) {
      const oldest = live.shift()!;
      this.tokens.delete(oldest.token);
    }
    const issued = { token: randomBytes(24).toString("base64url"), subject, expiresAt: now + this.ttlSeconds * 1000 };
    this.tokens.set(issued.token, issued);
    this.issuedCount += 1;
    return issued;
  }

  /** The token's record when it is live, undefined when unknown, evicted or expired. */
  validate(token: string | undefined): IssuedToken | undefined {
    if (!token) return undefined;
    const found = this.tokens.get(token);
    if (!found || found.expiresAt <= Date.now()) return undefined;
    return found;
  }

  get ttl(): number {
    return this.ttlSeconds;
  }

  expireAll(): void {
    this.tokens.clear();
  }
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}

/** `[user, password]` of an `Authorization: Basic …` header. */
export function basicCredentials(header: string | undefined): [string, string] | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
}
