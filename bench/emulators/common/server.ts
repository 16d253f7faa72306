// The HTTPS server every emulator runs on: 127.0.0.1, port 0, a certificate from the test CA,
// a small router, a record of every request (for assertions on traffic) and the fault knobs.
import * as https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultKnobs } from "./faults";
import { testCa } from "./test-ca";

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  /** The status answered; 0 when the connection was reset instead (an injected drop). */
  status: number;
  /** When it was answered (or dropped), `Date.now()`: the lifecycle benchmark's request timelines. */
  at: number;
}

export interface EmulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Raw body text. */
  body: string;
  /** Path parameters from the route pattern (`:id`), decoded. */
  params: Record<string, string>;
  /** The body parsed as JSON; throws a SyntaxError the route may turn into its product's error. */
  json<T = unknown>(): T;
  /** The body parsed as application/x-www-form-urlencoded. */
  form(): URLSearchParams;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string | number>;
  /** Serialized as JSON unless it is a string. Omit for an empty body. */
  body?: unknown;
}

export type RouteHandler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export class Router {
  private routes: Route[] = [];

  /** `pattern` is a path such as `/groups/:id/members`; `:name` matches one segment. */
  on(method: string, pattern: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = pattern
      .split("/")
      .map((segment) => {
        if (segment.startsWith(":")) {
          names.push(segment.slice(1));
          return "([^/]+)";
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** The matching route with its params, or whether the path exists under another method. */
  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | "method-not-allowed" | undefined {
    let pathKnown = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathKnown = true;
      if (route.method !== method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1])));
      return { handler: route.handler, params };
    }
    return pathKnown ? "method-not-allowed" : undefined;
  }
}

export interface EmulatorServerOptions {
  router: Router;
  /** Answer for an unknown path or method, in the product's error shape. */
  notFound: (req: EmulatorRequest) => EmulatorResponse;
  /** Answer for an injected fault, in the product's error shape. */
  faultResponse?: (status: number, retryAfterSeconds?: number) => EmulatorResponse;
  /** Answer for a handler that threw, in the product's error shape. */
  internalError?: (err: Error) => EmulatorResponse;
  /** Runs before routing, e.g. for rate limiting or authentication; a response short-circuits. */
  before?: (req: EmulatorRequest) => EmulatorResponse | undefined;
  /** Headers added to every response (e.g. rate-limit headers). */
  decorate?: (req: EmulatorRequest, res: EmulatorResponse) => void;
}

export interface EmulatorServer {
  url: string;
  caFile: string;
  caPem: string;
  requests: RecordedRequest[];
  faults: FaultKnobs;
  close(): Promise<void>;
}

function defaultFaultResponse(status: number, retryAfterSeconds?: number): EmulatorResponse {
  return {
    status,
    headers: retryAfterSeconds !== undefined ? { "Retry-After": retryAfterSeconds } : {},
    body: { message: `injected fault ${status}` },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, out: EmulatorResponse): void {
  const headers: Record<string, string | number> = { ...(out.headers ?? {}) };
  let payload: string | undefined;
  if (out.body !== undefined) {
    payload = typeof out.body === "string" ? out.body : JSON.stringify(out.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  }
  res.writeHead(out.status, headers);
  res.end(payload);
}

export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const ca = await testCa();
  const { certPem, keyPem } = await ca.serverCertificate();
  const requests: RecordedRequest[] = [];
  const faults = new FaultKnobs();

  const server = https.createServer({ cert: certPem, key: keyPem }, async (req, res) => {
    const url = new URL(req.url ?? "/", "https://emulator");
    const body = await readBody(req);
    const request: EmulatorRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      params: {},
      json: <T>() => JSON.parse(body) as T,
      form: () => new URLSearchParams(body),
    };
    let out: EmulatorResponse;
    let loseAnswer = false;
    try {
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      // After the latency and before any handling: a request is either held here or served whole.
      if ((await faults.passGate()) === "drop") {
        requests.push({ method: request.method, path: request.path, query: request.query, headers: req.headers, body, status: 0, at: Date.now() });
        req.socket.destroy();
        return;
      }
      const fault = faults.take(request.method, request.path);
      if (fault?.drop === "before-handling") {
        requests.push({ method: request.method, path: request.path, query: request.query, headers: req.headers, body, status: 0, at: Date.now() });
        req.socket.destroy();
        return;
      }
      loseAnswer = fault?.drop === "after-handling";
      if (fault && !fault.drop) {
        out = (options.faultResponse ?? defaultFaultResponse)(fault.status ?? 503, fault.retryAfterSeconds);
      } else {
        out = options.before?.(request) ?? (await dispatch(options, request));
      }
    } catch (err) {
      out = options.internalError?.(err as Error) ?? { status: 500, body: { message: (err as Error).message } };
    }
    options.decorate?.(request, out);
    requests.push({
      method: request.method,
      path: request.path,
      query: request.query,
      headers: req.headers,
      body,
      status: loseAnswer ? 0 : out.status,
      at: Date.now(),
    });
    if (loseAnswer) req.socket.destroy();
    else send(res, out);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caFile: ca.caFile,
    caPem: ca.caPem,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        faults.release("drop");
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function dispatch(options: EmulatorServerOptions, request: EmulatorRequest): Promise<EmulatorResponse> {
  const found = options.router.match(request.method, request.path);
  if (found === undefined) return options.notFound(request);
  if (found === "method-not-allowed") return { status: 405, body: { message: "Method Not Allowed" } };
  request.params = found.params;
  return found.handler(request);
}
