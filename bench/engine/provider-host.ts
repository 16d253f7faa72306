// The SDK's dynamic-provider server (`@pulumi/pulumi/cmd/dynamic-provider`), started once per
// run with the project directory as its working directory (serialized providers `require()`
// modules relative to it), configured with the whole stack config, and called over the
// ResourceProvider gRPC protocol. Values cross as plain JSON: this provider does not accept
// secrets, so the caller unwraps them first.
import { Slots } from "../../lib/slots";
import { spawn, type ChildProcess } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import type * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { EngineError } from "./errors";
import { forwardLines } from "./lines";
import { GRPC_OPTIONS, mapToStruct } from "./monitor-server";
import { makeSecret, type PropertyMap } from "./properties";
import { resolveSdkModule, withCompileCache } from "./sdk";

export interface InitFailure {
  id: string;
  properties: PropertyMap;
  reasons: string[];
}

/** A provider operation failed; `initFailure` is set when the object exists but did not initialise. */
export class ProviderError extends EngineError {
  constructor(
    message: string,
    readonly urn: string,
    readonly initFailure?: InitFailure,
  ) {
    super("PROVIDER", message, { urn });
  }
}

export interface CheckResult {
  inputs: PropertyMap;
  failures: { property: string; reason: string }[];
}

export type DiffChanges = "unknown" | "none" | "some";

export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface ProviderHostOptions {
  projectDir: string;
  project: string;
  stack: string;
  engineAddress: string;
  env: NodeJS.ProcessEnv;
  /** The stack config ("project:key" → text) and which keys are secret. */
  config: Record<string, string>;
  secretKeys: readonly string[];
  parallel: number;
  /** Lines the provider process prints (after its port). */
  onOutput: (line: string, stream: "stdout" | "stderr") => void;
}

function structToMap(s: structproto.Struct | undefined): PropertyMap {
  return s?.toJavaScript() ?? {};
}

function parseInitFailure(err: grpc.ServiceError): InitFailure | undefined {
  const raw = err.metadata?.get("grpc-status-details-bin")?.[0];
  if (!raw) return undefined;
  try {
    const status = statusproto.Status.deserializeBinary(typeof raw === "string" ? Buffer.from(raw, "base64") : raw);
    for (const detail of status.getDetailsList()) {
      if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const info = provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      return { id: info.getId(), properties: structToMap(info.getProperties()), reasons: info.getReasonsList() };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Check, diff and read calls built and in flight at once (see ProviderHost.quick). */
const QUICK_CALLS = 16;

export class ProviderHost {
  /** Property maps already encoded (the old inputs go to both check and diff). */
  private readonly structs = new WeakMap<PropertyMap, structproto.Struct>();

  private struct(m: PropertyMap): structproto.Struct {
    let s = this.structs.get(m);
    if (!s) this.structs.set(m, (s = mapToStruct(m)));
    return s;
  }

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: provrpc.ResourceProviderClient,
    private readonly limiter: Slots,
  ) {}

  static async start(opts: ProviderHostOptions): Promise<ProviderHost> {
    const script = resolveSdkModule(opts.projectDir, "cmd/dynamic-provider");
    const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
    delete env.PULUMI_CONFIG;
    delete env.PULUMI_CONFIG_SECRET_KEYS;
    Object.assign(env, {
      PULUMI_NODEJS_PROJECT: opts.project,
      PULUMI_NODEJS_STACK: opts.stack,
      PULUMI_NODEJS_ORGANIZATION: "organization",
      PULUMI_NODEJS_ROOT_DIRECTORY: opts.projectDir,
    });
    const child = spawn(process.execPath, [script, opts.engineAddress], {
      cwd: opts.projectDir,
      env: withCompileCache(env),
      // Like the Pulumi engine, hold a pipe on the plugin's standard input for its whole life:
      // when this process dies, however it dies, the pipe closes and the provider stops.
      stdio: ["pipe", "pipe", "pipe"],
    });
    const port = await readPort(child, opts.onOutput);
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), GRPC_OPTIONS);
    const host = new ProviderHost(child, client, new Slots(Math.max(1, opts.parallel)));
    try {
      await host.configure(opts.config, opts.secretKeys);
    } catch (e) {
      host.stop();
      throw e;
    }
    return host;
  }

  private call<Resp>(urn: string, what: string, start: (callback: (err: grpc.ServiceError | null, resp: Resp) => void) => unknown): Promise<Resp> {
    return this.limiter.run(
      () =>
        new Promise<Resp>((resolve, reject) => {
          start((err, resp) => {
            if (err) reject(new ProviderError(`${what} failed: ${err.details || err.message}`, urn, parseInitFailure(err)));
            else resolve(resp);
          });
        }),
    );
  }

  /** The whole stack config, secret values wrapped as secrets (the dynamic provider unwraps them). */
  private async configure(config: Record<string, string>, secretKeys: readonly string[]): Promise<void> {
    const args: PropertyMap = {};
    for (const [k, v] of Object.entries(config)) args[k] = secretKeys.includes(k) ? makeSecret(v) : v;
    const req = new provproto.ConfigureRequest();
    req.setArgs(mapToStruct(args));
    req.setAcceptsecrets(true);
    req.setAcceptresources(false);
    req.setSendsOldInputs(true);
    req.setSendsOldInputsToDelete(true);
    await this.call<provproto.ConfigureResponse>("", "configuring the dynamic provider", (cb) => this.client.configure(req, cb));
  }

  /**
   * Check, diff and read (a refresh) carry large messages (a batch's old and new members) and are
   * short, or paced by a product's rate limit that 16 calls in flight already fill: at most
   * QUICK_CALLS are built and in flight at once, so a preview or refresh of a large stack does not
   * hold every resource's protobuf encoding at the same time. Writes (create, update, delete),
   * which a batch may hold for minutes, are bounded only by --parallel.
   */
  private readonly quick = new Slots(QUICK_CALLS);

  check(urn: string, type: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    return this.quick.run(() => this.checkNow(urn, type, olds, news));
  }

  diff(
    urn: string,
    type: string,
    id: string,
    oldOutputs: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
    ignoreChanges: string[],
  ): Promise<DiffResult> {
    return this.quick.run(() => this.diffNow(urn, type, id, oldOutputs, news, oldInputs, ignoreChanges));
  }

  private async checkNow(urn: string, type: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setType(type);
    req.setOlds(this.struct(olds));
    req.setNews(mapToStruct(news));
    const resp = await this.call<provproto.CheckResponse>(urn, "check", (cb) => this.client.check(req, cb));
    return {
      inputs: structToMap(resp.getInputs()),
      failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  private async diffNow(
    urn: string,
    type: string,
    id: string,
    oldOutputs: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
    ignoreChanges: string[],
  ): Promise<DiffResult> {
    const req = new provproto.DiffRequest();
    req.setUrn(urn);
    req.setType(type);
    req.setId(id);
    req.setOlds(mapToStruct(oldOutputs));
    req.setNews(mapToStruct(news));
    req.setOldInputs(this.struct(oldInputs));
    // The old inputs' encoding was kept for this diff only: the state holds them all run long.
    this.structs.delete(oldInputs);
    req.setIgnorechangesList(ignoreChanges);
    const resp = await this.call<provproto.DiffResponse>(urn, "diff", (cb) => this.client.diff(req, cb));
    const changes = resp.getChanges();
    return {
      changes:
        changes === provproto.DiffResponse.DiffChanges.DIFF_SOME ? "some" : changes === provproto.DiffResponse.DiffChanges.DIFF_NONE ? "none" : "unknown",
      replaces: resp.getReplacesList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
    };
  }

  async create(urn: string, type: string, inputs: PropertyMap): Promise<{ id: string; outputs: PropertyMap }> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    req.setType(type);
    req.setProperties(mapToStruct(inputs));
    const resp = await this.call<provproto.CreateResponse>(urn, "create", (cb) => this.client.create(req, cb));
    if (!resp.getId()) throw new ProviderError("create returned no id", urn);
    return { id: resp.getId(), outputs: structToMap(resp.getProperties()) };
  }

  read(urn: string, type: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<{ id?: string; outputs: PropertyMap; inputs?: PropertyMap }> {
    return this.quick.run(() => this.readNow(urn, type, id, outputs, inputs));
  }

  private async readNow(
    urn: string,
    type: string,
    id: string,
    outputs: PropertyMap,
    inputs: PropertyMap,
  ): Promise<{ id?: string; outputs: PropertyMap; inputs?: PropertyMap }> {
    const req = new provproto.ReadRequest();
    req.setUrn(urn);
    req.setType(type);
    req.setId(id);
    req.setProperties(mapToStruct(outputs));
    req.setInputs(mapToStruct(inputs));
    const resp = await this.call<provproto.ReadResponse>(urn, "read", (cb) => this.client.read(req, cb));
    return { id: resp.getId() || undefined, outputs: structToMap(resp.getProperties()), inputs: resp.hasInputs() ? structToMap(resp.getInputs()) : undefined };
  }

  async update(
    urn: string,
    type: string,
    id: string,
    oldOutputs: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
    ignoreChanges: string[],
  ): Promise<PropertyMap> {
    const req = new provproto.UpdateRequest();
    req.setUrn(urn);
    req.setType(type);
    req.setId(id);
    req.setOlds(mapToStruct(oldOutputs));
    req.setNews(mapToStruct(news));
    req.setOldInputs(this.struct(oldInputs));
    req.setIgnorechangesList(ignoreChanges);
    const resp = await this.call<provproto.UpdateResponse>(urn, "update", (cb) => this.client.update(req, cb));
    return structToMap(resp.getProperties());
  }

  async delete(urn: string, type: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setUrn(urn);
    req.setType(type);
    req.setId(id);
    req.setProperties(mapToStruct(outputs));
    req.setOldInputs(mapToStruct(inputs));
    await this.call<emptyproto.Empty>(urn, "delete", (cb) => this.client.delete(req, cb));
  }

  stop(): void {
    this.client.close();
    this.child.stdin?.end();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

/** The provider prints its port as the first stdout line; everything after is diagnostics. */
function readPort(child: ChildProcess, onOutput: ProviderHostOptions["onOutput"]): Promise<number> {
  return new Promise((resolve, reject) => {
    let port: number | undefined;
    const stderr: string[] = [];
    forwardLines(child.stdout!, (line) => {
      if (port === undefined && /^\d+$/.test(line.trim())) {
        port = Number(line.trim());
        resolve(port);
      } else onOutput(line, "stdout");
    });
    forwardLines(child.stderr!, (line) => {
      if (port === undefined) stderr.push(line);
      onOutput(line, "stderr");
    });
    child.on("error", (err) => reject(new EngineError("PROVIDER", `could not start the dynamic provider: ${err.message}`)));
    child.on("exit", (code, signal) => {
      if (port === undefined) {
        reject(new EngineError("PROVIDER", `the dynamic provider exited before listening (${signal ?? `exit code ${code}`}): ${stderr.slice(-5).join(" | ")}`));
      }
    });
  });
}
