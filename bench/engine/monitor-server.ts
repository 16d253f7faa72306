// The gRPC side the program runner talks to: the ResourceMonitor service (resource
// registrations) and the Engine service (logging, root resource), both served on one
// 127.0.0.1 port with the SDK's own generated service definitions. This file only translates
// between protobuf messages and plain values; the deployment logic lives behind MonitorHandlers.
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { toWireValue, type PropertyMap } from "./properties";

export type Severity = "debug" | "info" | "warning" | "error";

export interface RegisterRequest {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  inputs: PropertyMap;
  protect?: boolean;
  dependencies: string[];
  provider: string;
  propertyDependencies: Record<string, string[]>;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  additionalSecretOutputs: string[];
  retainOnDelete?: boolean;
  replaceOnChanges: string[];
  importId: string;
  remote: boolean;
}

export interface RegisterResult {
  urn: string;
  id?: string;
  outputs: PropertyMap;
  propertyDependencies?: Record<string, string[]>;
  /** The step failed or was skipped: the SDK rejects the resource's outputs. */
  failed?: boolean;
}

export interface DeploymentInfo {
  project: string;
  stack: string;
  organization: string;
  dryRun: boolean;
  parallel: number;
  config: Record<string, string>;
  secretKeys: string[];
}

export interface MonitorHandlers {
  info: DeploymentInfo;
  registerResource(req: RegisterRequest): Promise<RegisterResult>;
  registerResourceOutputs(urn: string, outputs: PropertyMap): void;
  /** `Resource.get` / a StackReference: the properties of an object the program reads, not manages. */
  readResource(req: { type: string; name: string; id: string; parent: string }): { urn: string; properties: PropertyMap };
  /** Resolves when every step the program started has finished. */
  waitForShutdown(): Promise<void>;
  log(severity: Severity, message: string, urn: string | undefined): void;
}

/** Feature ids the SDK may ask about, and whether this engine implements them. */
const FEATURES: Record<string, { id: resproto.ResourceMonitorFeature; supported: boolean }> = {
  secrets: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_SECRETS, supported: true },
  resourceReferences: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES, supported: false },
  outputValues: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_OUTPUT_VALUES, supported: false },
  deletedWith: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_DELETED_WITH, supported: false },
  replaceWith: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_REPLACE_WITH, supported: false },
  aliasSpecs: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS, supported: false },
  transforms: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_TRANSFORMS, supported: false },
  invokeTransforms: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_INVOKE_TRANSFORMS, supported: false },
  parameterization: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_PARAMETERIZATION, supported: false },
  resourceHooks: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_HOOKS, supported: false },
  errorHooks: { id: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ERROR_HOOKS, supported: false },
};

const SEVERITIES: Record<number, Severity> = {
  [engproto.LogSeverity.DEBUG]: "debug",
  [engproto.LogSeverity.INFO]: "info",
  [engproto.LogSeverity.WARNING]: "warning",
  [engproto.LogSeverity.ERROR]: "error",
};

export const GRPC_OPTIONS = {
  "grpc.max_receive_message_length": 400 * 1024 * 1024,
  "grpc.max_send_message_length": 400 * 1024 * 1024,
};

function structToMap(s: structproto.Struct | undefined): PropertyMap {
  return s?.toJavaScript() ?? {};
}

export function mapToStruct(m: PropertyMap): structproto.Struct {
  return structproto.Struct.fromJavaScript(toWireValue(m) as Record<string, structproto.JavaScriptValue>);
}

function decodeRegister(req: resproto.RegisterResourceRequest): RegisterRequest {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    propertyDependencies[key] = deps.getUrnsList();
  });
  return {
    type: req.getType(),
    name: req.getName(),
    parent: req.getParent(),
    custom: req.getCustom(),
    inputs: structToMap(req.getObject()),
    protect: req.hasProtect() ? req.getProtect() : undefined,
    dependencies: req.getDependenciesList(),
    provider: req.getProvider(),
    propertyDependencies,
    deleteBeforeReplace: req.getDeletebeforereplace(),
    ignoreChanges: req.getIgnorechangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
    replaceOnChanges: req.getReplaceonchangesList(),
    importId: req.getImportid(),
    remote: req.getRemote(),
  };
}

function encodeRegister(result: RegisterResult): resproto.RegisterResourceResponse {
  const resp = new resproto.RegisterResourceResponse();
  resp.setUrn(result.urn);
  resp.setId(result.id ?? "");
  resp.setObject(mapToStruct(result.outputs));
  resp.setResult(result.failed ? resproto.Result.FAIL : resproto.Result.SUCCESS);
  const deps = resp.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(result.propertyDependencies ?? {})) {
    const d = new resproto.RegisterResourceResponse.PropertyDependencies();
    d.setUrnsList(urns);
    deps.set(key, d);
  }
  return resp;
}

function grpcError(code: grpc.status, message: string): grpc.ServiceError {
  return Object.assign(new Error(message), { code, details: message, metadata: new grpc.Metadata() });
}

function unimplemented(what: string) {
  return (_call: unknown, callback: (err: grpc.ServiceError) => void) =>
    callback(grpcError(grpc.status.UNIMPLEMENTED, `${what} is not supported by the offline engine`));
}

export interface MonitorServer {
  address: string;
  close(): Promise<void>;
}

export async function startMonitorServer(handlers: MonitorHandlers): Promise<MonitorServer> {
  const server = new grpc.Server(GRPC_OPTIONS);
  let rootUrn = "";

  server.addService(resrpc.ResourceMonitorService, {
    getDeploymentInfo(_call: grpc.ServerUnaryCall<emptyproto.Empty, resproto.DeploymentInfo>, callback: grpc.sendUnaryData<resproto.DeploymentInfo>) {
      const info = new resproto.DeploymentInfo();
      info.setProject(handlers.info.project);
      info.setStack(handlers.info.stack);
      info.setOrganization(handlers.info.organization);
      info.setDryrun(handlers.info.dryRun);
      info.setParallel(handlers.info.parallel);
      for (const [k, v] of Object.entries(handlers.info.config)) info.getConfigMap().set(k, v);
      info.setConfigsecretkeysList(handlers.info.secretKeys);
      info.setSupportedfeaturesList(
        Object.values(FEATURES)
          .filter((f) => f.supported)
          .map((f) => f.id),
      );
      callback(null, info);
    },
    supportsFeature(
      call: grpc.ServerUnaryCall<resproto.SupportsFeatureRequest, resproto.SupportsFeatureResponse>,
      callback: grpc.sendUnaryData<resproto.SupportsFeatureResponse>,
    ) {
      const resp = new resproto.SupportsFeatureResponse();
      resp.setHassupport(FEATURES[call.request.getId()]?.supported ?? false);
      callback(null, resp);
    },
    registerResource(
      call: grpc.ServerUnaryCall<resproto.RegisterResourceRequest, resproto.RegisterResourceResponse>,
      callback: grpc.sendUnaryData<resproto.RegisterResourceResponse>,
    ) {
      handlers.registerResource(decodeRegister(call.request)).then(
        (result) => callback(null, encodeRegister(result)),
        (err: Error) => callback(grpcError(grpc.status.UNKNOWN, err.message)),
      );
    },
    registerResourceOutputs(
      call: grpc.ServerUnaryCall<resproto.RegisterResourceOutputsRequest, emptyproto.Empty>,
      callback: grpc.sendUnaryData<emptyproto.Empty>,
    ) {
      try {
        handlers.registerResourceOutputs(call.request.getUrn(), structToMap(call.request.getOutputs()));
        callback(null, new emptyproto.Empty());
      } catch (err) {
        callback(grpcError(grpc.status.INVALID_ARGUMENT, (err as Error).message));
      }
    },
    signalAndWaitForShutdown(_call: grpc.ServerUnaryCall<emptyproto.Empty, emptyproto.Empty>, callback: grpc.sendUnaryData<emptyproto.Empty>) {
      handlers.waitForShutdown().then(
        () => callback(null, new emptyproto.Empty()),
        (err: Error) => callback(grpcError(grpc.status.UNKNOWN, err.message)),
      );
    },
    invoke: unimplemented("Invoke (provider functions)"),
    call: unimplemented("Call (component methods)"),
    readResource(
      call: grpc.ServerUnaryCall<resproto.ReadResourceRequest, resproto.ReadResourceResponse>,
      callback: grpc.sendUnaryData<resproto.ReadResourceResponse>,
    ) {
      try {
        const req = call.request;
        const read = handlers.readResource({ type: req.getType(), name: req.getName(), id: req.getId(), parent: req.getParent() });
        const resp = new resproto.ReadResourceResponse();
        resp.setUrn(read.urn);
        resp.setProperties(mapToStruct(read.properties));
        callback(null, resp);
      } catch (err) {
        callback(grpcError(grpc.status.UNIMPLEMENTED, (err as Error).message));
      }
    },
    registerStackTransform: unimplemented("stack transforms"),
    registerStackInvokeTransform: unimplemented("invoke transforms"),
    registerResourceHook: unimplemented("resource hooks"),
    registerErrorHook: unimplemented("error hooks"),
    registerPackage: unimplemented("parameterized packages"),
  });

  server.addService(engrpc.EngineService, {
    log(call: grpc.ServerUnaryCall<engproto.LogRequest, emptyproto.Empty>, callback: grpc.sendUnaryData<emptyproto.Empty>) {
      const req = call.request;
      handlers.log(SEVERITIES[req.getSeverity()] ?? "info", req.getMessage(), req.getUrn() || undefined);
      callback(null, new emptyproto.Empty());
    },
    getRootResource(
      _call: grpc.ServerUnaryCall<engproto.GetRootResourceRequest, engproto.GetRootResourceResponse>,
      callback: grpc.sendUnaryData<engproto.GetRootResourceResponse>,
    ) {
      const resp = new engproto.GetRootResourceResponse();
      resp.setUrn(rootUrn);
      callback(null, resp);
    },
    setRootResource(
      call: grpc.ServerUnaryCall<engproto.SetRootResourceRequest, engproto.SetRootResourceResponse>,
      callback: grpc.sendUnaryData<engproto.SetRootResourceResponse>,
    ) {
      rootUrn = call.request.getUrn();
      callback(null, new engproto.SetRootResourceResponse());
    },
    startDebugging: unimplemented("debugging"),
    requirePulumiVersion(_call: unknown, callback: grpc.sendUnaryData<engproto.RequirePulumiVersionResponse>) {
      callback(null, new engproto.RequirePulumiVersionResponse());
    },
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Calls still open (a crashed program's) must not keep the engine waiting.
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000).unref();
      }),
  };
}
