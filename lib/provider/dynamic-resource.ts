// The one way a dynamic provider declares its resource class. Pulumi's own
// `pulumi.dynamic.Resource` serializes the provider object's closure into every resource's
// `__provider` (2.5 KB of generated code for a seven-method loader, stored twice per resource);
// here `__provider` is a one-line module that the SDK's dynamic-provider process evaluates as it
// would the serialized closure (`require-from-string`, then `handler()`), and whose handler loads
// the implementation from the project's current `dist/` at call time:
//   exports.handler=()=>require(require("path").resolve("dist/lib/provider/load-provider"))
//     .loadProvider("dist/providers/pra/scim-user","praScimUserProvider");
// So state stays small and stable (a code change is no "~ __provider"), refresh and delete run the
// current code, and no code, client or credential is captured. The provider process, like the
// program, runs in the project directory.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** The project directory: this file is dist/lib/provider/dynamic-resource.js once built. */
const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const LOADER = "dist/lib/provider/load-provider";

/** A built module's path relative to the project, without extension: "dist/providers/pra/scim-user". */
export function builtModuleOf(filename: string): string {
  return path.relative(PROJECT_DIR, filename).split(path.sep).join("/").replace(/\.js$/, "");
}

/** The `__provider` text for the implementation `exportName` of the built module `builtModule`. */
export function providerReference(builtModule: string, exportName: string): string {
  return `exports.handler=()=>require(require("path").resolve(${JSON.stringify(LOADER)})).loadProvider(${JSON.stringify(builtModule)},${JSON.stringify(exportName)});`;
}

export interface DynamicResourceSpec<Outputs> {
  /** `__filename` of the provider's module: the implementation is loaded from its build. */
  filename: string;
  /** The name under which that module exports the provider implementation. */
  exportName: string;
  /** Type token `pulumi-nodejs:dynamic/<module>:<type>`, e.g. "pra" and "ScimUser". */
  module: string;
  type: string;
  /** Output-only properties, declared so the resource exposes them. */
  outputs: readonly (keyof Outputs & string)[];
}

export interface DynamicResourceClass<Inputs> {
  new (name: string, args: Inputs, opts?: pulumi.CustomResourceOptions): pulumi.CustomResource;
  /** The `__provider` text every resource of this class carries. */
  readonly providerReference: string;
}

/**
 * A resource class of the dynamic-provider package (`pulumi-nodejs:dynamic/...`), exactly what
 * `pulumi.dynamic.Resource` registers except for the `__provider` text.
 */
export function dynamicResource<Inputs extends object, Outputs extends Inputs>(spec: DynamicResourceSpec<Outputs>): DynamicResourceClass<Inputs> {
  const reference = providerReference(builtModuleOf(spec.filename), spec.exportName);
  const token = `pulumi-nodejs:dynamic/${spec.module}:${spec.type}`;
  const outputs = Object.fromEntries(spec.outputs.map((name) => [name, undefined]));
  return class extends pulumi.CustomResource {
    static readonly providerReference = reference;

    constructor(name: string, args: Inputs, opts?: pulumi.CustomResourceOptions) {
      super(token, name, { ...args, ...outputs, __provider: reference }, opts);
    }
  };
}
