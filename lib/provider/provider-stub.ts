// The object Pulumi serializes into every resource's `__provider` property. It holds two strings
// and loads the real implementation from the project's build when a method is called, so:
// state stays small (about half a kilobyte per resource), a code change does not show up as
// "~ __provider" on every resource, refresh and delete run the current code, and no client or
// credential is ever captured into state. The provider process runs in the project directory.
import type * as pulumi from "@pulumi/pulumi";

/**
 * A stub for the implementation exported as `exportName` by the compiled module `builtModule`
 * (a path relative to the project directory, e.g. "dist/providers/pra/scim-user").
 */
export function providerStub(builtModule: string, exportName: string): pulumi.dynamic.ResourceProvider {
  const load = (): pulumi.dynamic.ResourceProvider => {
    const path = require("path");
    const loaded = require(path.resolve(process.cwd(), builtModule));
    const impl = loaded[exportName];
    if (!impl) {
      const { ProviderError } = require(path.resolve(process.cwd(), "dist/lib/provider/errors"));
      throw new ProviderError({ code: "PRECONDITION", target: "pam-reconciler", object: builtModule, detail: `does not export ${exportName}`, remedy: "Rebuild the project (npm run build)" });
    }
    return impl;
  };
  return {
    configure: (req) => load().configure?.(req) ?? Promise.resolve(),
    check: (olds, news) => load().check!(olds, news),
    diff: (id, olds, news) => load().diff!(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read!(id, props),
    update: (id, olds, news) => load().update!(id, olds, news),
    delete: (id, props) => load().delete!(id, props),
  };
}
