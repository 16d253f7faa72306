// The one way a dynamic provider declares its resource class. Pulumi's own
// `pulumi.dynamic.Resource` serializes the provider object's closure into every resource's
// `__provider` (2.5 KB of generated code for a seven-method loader, stored twice per resource);
// here `__provider` is a one-line module that the SDK's dynamic-provider process evaluates as it
// would the serialized closure (`require-from-string`, then `handler()`), and whose handler asks
// the project's current `dist/` for the provider of the resource's kind:
//   exports.handler=()=>require(require("path").resolve("dist/lib/provider/load-provider"))
//     .loadProvider("pra:ScimUsers");
// The kind is the type token's `<module>:<type>`, the one name a state already depends on (its
// URNs hold it), so renaming or moving a provider's file changes nothing stored. State stays
// small and stable (a code change is no "~ __provider"), refresh and delete run the current
// code, and no code, client or credential is captured. The provider process, like the program,
// runs in the project directory.
import * as pulumi from "@pulumi/pulumi";

const LOADER = "dist/lib/provider/load-provider";

/** The providers of every kind declared in this process, by kind ("pra:ScimUsers"). */
const providers = new Map<string, () => pulumi.dynamic.ResourceProvider>();

/** The `__provider` text every resource of `kind` ("pra:ScimUsers") carries. */
export function providerReference(kind: string): string {
  return `exports.handler=()=>require(require("path").resolve(${JSON.stringify(LOADER)})).loadProvider(${JSON.stringify(kind)});`;
}

/** The provider of a kind declared in this process (its resource class defined), if any. */
export function registeredProvider(kind: string): pulumi.dynamic.ResourceProvider | undefined {
  return providers.get(kind)?.();
}

/** Every kind declared in this process. */
export function registeredKinds(): string[] {
  return [...providers.keys()].sort();
}

export interface DynamicResourceSpec<Outputs> {
  /** The provider implementation, asked for only when the provider process needs it. */
  provider: () => pulumi.dynamic.ResourceProvider;
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
 * `pulumi.dynamic.Resource` registers except for the `__provider` text; defining it registers
 * its kind's provider for the loader.
 */
export function dynamicResource<Inputs extends object, Outputs extends Inputs>(spec: DynamicResourceSpec<Outputs>): DynamicResourceClass<Inputs> {
  const kind = `${spec.module}:${spec.type}`;
  const known = providers.get(kind);
  if (known && known !== spec.provider) throw new Error(`internal: two resource classes declare the kind ${kind}`);
  providers.set(kind, spec.provider);
  const reference = providerReference(kind);
  const token = `pulumi-nodejs:dynamic/${kind}`;
  const outputs = Object.fromEntries(spec.outputs.map((name) => [name, undefined]));
  return class extends pulumi.CustomResource {
    static readonly providerReference = reference;

    constructor(name: string, args: Inputs, opts?: pulumi.CustomResourceOptions) {
      super(token, name, { ...args, ...outputs, __provider: reference }, opts);
    }
  };
}
