// Runs in the provider process: what a resource's `__provider` text calls to get the provider of
// its kind from the project's current build (dist/providers/provider-registry, which declares
// every kind from the target table). Texts written by earlier versions name a built module and
// an export instead; the registry maps each of those to its kind, so moving or renaming files
// never strands a stack. Nothing else (no code, no client, no credential) is stored in state.
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { withDefinedOutputs } from "./defined-values";
import { ProviderError } from "./errors";

const REGISTRY = "dist/providers/provider-registry";

interface ProviderRegistry {
  providerFor(kind: string): pulumi.dynamic.ResourceProvider | undefined;
  kindOfLegacyReference(builtModule: string, exportName: string): string | undefined;
}

/**
 * The provider of `kind` ("pra:ScimUsers"), or, for a reference an earlier version wrote, of the
 * kind that `builtModule`'s `exportName` was; its outputs always encodable (see defined-values.ts).
 */
export function loadProvider(kindOrBuiltModule: string, legacyExportName?: string): pulumi.dynamic.ResourceProvider {
  const registry = require(path.resolve(process.cwd(), REGISTRY)) as ProviderRegistry;
  const kind = legacyExportName === undefined ? kindOrBuiltModule : registry.kindOfLegacyReference(kindOrBuiltModule, legacyExportName);
  const implementation = kind === undefined ? undefined : registry.providerFor(kind);
  if (!implementation) {
    const what = legacyExportName === undefined ? `the kind ${kindOrBuiltModule}` : `${kindOrBuiltModule} ${legacyExportName}`;
    throw new ProviderError({
      code: "PRECONDITION",
      target: "pam-reconciler",
      object: what,
      detail: "has no provider in this build",
      remedy: "Rebuild the project (npm run build), or run the version that wrote this state",
    });
  }
  return withDefinedOutputs(implementation);
}
