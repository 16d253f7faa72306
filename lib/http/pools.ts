// One undici Pool per origin, shared by every client of that origin in the process (the API
// client and its token provider, say). This registry is the only process-wide mutable state
// of the HTTP layer. Idle sockets are unref'd by undici, so an open pool does not keep a
// process alive; `closeAll` is for tests and orderly shutdown.
import { Pool } from "undici";

export class PoolRegistry {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly connectTimeoutMs = 10_000) {}

  /** The pool for `origin` (scheme://host:port), created on first use. */
  forOrigin(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool || pool.closed || pool.destroyed) {
      pool = new Pool(origin, { connections: 16, connect: { timeout: this.connectTimeoutMs } });
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
