// Fault knobs shared by every emulator: tests and the demo inject throttling, server errors and
// latency to prove the clients are polite and resilient.

export interface InjectedFault {
  /** HTTP status to answer with instead of serving the request (429, 500, 502, 503, 504); ignored with `drop`. */
  status?: number;
  /**
   * Reset the connection instead of answering: "before-handling" serves nothing (the request is
   * lost on the way), "after-handling" serves the request, changes state, and loses the answer
   * (what a client sees when a gateway or the network fails after the server did the work).
   */
  drop?: "before-handling" | "after-handling";
  /** Seconds for a Retry-After header (429/503). */
  retryAfterSeconds?: number;
  /** How many matching requests get this fault; then it is used up. */
  times: number;
  /** Only requests whose path contains this text (or matches this expression). */
  path?: string | RegExp;
  /** Only requests with this method. */
  method?: string;
}

export class FaultKnobs {
  private queue: InjectedFault[] = [];
  /** Added to every response, in milliseconds. */
  latencyMs = 0;
  private gate?: { promise: Promise<"serve" | "drop">; open(verdict: "serve" | "drop"): void };
  /** Requests that arrived while held (served or dropped when released). */
  heldCount = 0;

  /** Holds every request that arrives from now on, unserved, until `release`. */
  hold(): void {
    if (this.gate) return;
    let open!: (verdict: "serve" | "drop") => void;
    const promise = new Promise<"serve" | "drop">((resolve) => (open = resolve));
    this.gate = { promise, open };
  }

  /** Lets held requests through ("serve") or answers them by resetting their connection, unserved ("drop"). */
  release(verdict: "serve" | "drop" = "serve"): void {
    this.gate?.open(verdict);
    this.gate = undefined;
  }

  /** For the server: resolves at once when nothing is held, else when released. */
  async passGate(): Promise<"serve" | "drop"> {
    if (!this.gate) return "serve";
    this.heldCount++;
    return this.gate.promise;
  }

  inject(fault: InjectedFault): void {
    this.queue.push({ ...fault });
  }

  clear(): void {
    this.queue = [];
    this.latencyMs = 0;
    this.release("serve");
  }

  /** Pending faults, for assertions that they were all consumed. */
  get pending(): readonly InjectedFault[] {
    return this.queue;
  }

  /** The fault that applies to this request, consuming one use of it. */
  take(method: string, path: string): InjectedFault | undefined {
    const index = this.queue.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === method.toUpperCase()) && (!f.path || (typeof f.path === "string" ? path.includes(f.path) : f.path.test(path))),
    );
    if (index < 0) return undefined;
    const fault = this.queue[index];
    fault.times -= 1;
    if (fault.times <= 0) this.queue.splice(index, 1);
    return fault;
  }
}
