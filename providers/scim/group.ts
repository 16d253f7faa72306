// <product>:Group (scim:Group, pam360:Group, passwordsafe:Group) — with provisionGroups, one
// group in the SCIM product per mapped member source, holding its in-scope transitive members
// (the application sees a flat group, never a nested one). The lifecycle is the one every SCIM
// group shares (lib/provider/scim-group.ts: members, protected members, adoption, PATCH or PUT);
// a product that requires a description (Password Safe) gets one on every create and replace,
// and it is compared like the name.
import type * as pulumi from "@pulumi/pulumi";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { ProviderError } from "../../lib/provider/errors";
import type { ProcessContext } from "../../lib/provider/process-context";
import { scimGroupLifecycle, scimGroupOutputsOf, type ScimGroupInputs, type ScimGroupKind, type ScimGroupOutputs } from "../../lib/provider/scim-group";
import type { ScimGroup } from "../../lib/scim";
import { scimProcess, type ScimContext } from "./context";
import { scimProduct } from "./generic";
import type { ScimProduct } from "./product";

export type { ScimGroupInputs, ScimGroupOutputs } from "../../lib/provider/scim-group";

const UNKNOWN_MEMBER = "unknown SCIM member";

/** A SCIM product's groups for the one lifecycle. */
function scimGroups(product: Pick<ScimProduct, "title" | "model">): ScimGroupKind<ScimContext> {
  const target = product.title;
  return {
    target,
    store: (context) => ({ users: context.users, groups: context.groups, client: context.client }),
    requiresDescription: product.model?.groupDescriptions === true,
    check: () => [],
    unknownMemberLabel: UNKNOWN_MEMBER,
    missingMembers: (inputs, missing) =>
      new ProviderError({
        code: "PRECONDITION",
        target,
        object: `group ${inputs.displayName}`,
        detail: `the application has no user for ${missing.join(", ")}`,
        remedy: "Their User resources must be created first (the program declares that dependency)",
      }),
  };
}

/** A group's outputs from what the product holds (a preview's survey reads adopted groups so). */
export function outputsOf(context: ScimContext, group: ScimGroup, protectedAccounts: readonly string[], withDescription: boolean): Promise<ScimGroupOutputs> {
  return scimGroupOutputsOf({ users: context.users }, group, protectedAccounts, withDescription, UNKNOWN_MEMBER);
}

/** The <product>:Group provider over a provider process's context: the real process's, or a test's own. */
export function scimGroupProviderFor(processContext: ProcessContext<ScimContext>, product: Pick<ScimProduct, "title" | "model"> = scimProduct) {
  return scimGroupLifecycle(processContext, scimGroups(product));
}

/** The resource class of a product's groups: `<module>:Group`, implemented by `provider`. */
export function scimGroupResource(spec: { provider: () => pulumi.dynamic.ResourceProvider; module: string }) {
  return dynamicResource<ScimGroupInputs, ScimGroupOutputs>({ ...spec, type: "Group", outputs: ["scimId"] });
}

export const scimGroupProvider = scimGroupProviderFor(scimProcess);

export class ScimAppGroup extends scimGroupResource({ provider: () => scimGroupProvider, module: "scim" }) {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
}
