// One undici Pool per origin, shared by every client of that origin in the process (the API
// client and its token provider, say). This registry is the only process-wide mutable state
// of the HTTP layer. Idle sockets are unref'd by undici, so an open pool does not keep a
// process alive; `closeAll` is for tests and orderly shutdown.
import type { SecureContext } from "node:tls";
import { Pool } from "undici";
import { sharedSecureContext } from "../ca-bundle";

export class PoolRegistry {
  private readonly pools = new Map<string, Pool>();
  /** The secure context each HTTPS pool was built with (a CA bundle trusted later makes a new one). */
  private readonly contexts = new WeakMap<Pool, SecureContext>();

  constructor(private readonly connectTimeoutMs = 10_000) {}

  /** The pool for `origin` (scheme://host:port), created on first use. */
  forOrigin(origin: string): Pool {
    let pool = this.pools.get(origin);
    // Every TLS connection of the process shares one secure context (and so one parsed CA
    // list); undici resumes TLS sessions per host on top of that.
    const secureContext = origin.startsWith("https:") ? sharedSecureContext() : undefined;
    const stale = pool !== undefined && secureContext !== undefined && this.contexts.get(pool) !== secureContext;
    if (!pool || pool.closed || pool.destroyed || stale) {
      if (pool && stale) pool.close().catch(() => pool?.destroy());
      pool = new Pool(origin, {
        connections: 16,
        connect: secureContext ? { timeout: this.connectTimeoutMs, secureContext } : { timeout: this.connectTimeoutMs },
      });
      if (secureContext) this.contexts.set(pool, secureContext);
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async closeAll(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => p.destroy())));
  }
}

export const sharedPools = new PoolRegistry();
