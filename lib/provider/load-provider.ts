// Runs in the provider process: what a resource's `__provider` text calls to get the provider
// implementation from the project's current build. The text names this module, the built module
// and the export; nothing else (no code, no client, no credential) is ever stored in state.
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { withDefinedOutputs } from "./defined-values";
import { ProviderError } from "./errors";

/** The implementation exported as `exportName` by `builtModule` (relative to the project directory), its outputs always encodable (see defined-values.ts). */
export function loadProvider(builtModule: string, exportName: string): pulumi.dynamic.ResourceProvider {
  const loaded = require(path.resolve(process.cwd(), builtModule)) as Record<string, pulumi.dynamic.ResourceProvider | undefined>;
  const implementation = loaded[exportName];
  if (!implementation) {
    throw new ProviderError({ code: "PRECONDITION", target: "pam-reconciler", object: builtModule, detail: `does not export ${exportName}`, remedy: "Rebuild the project (npm run build)" });
  }
  return withDefinedOutputs(implementation);
}
