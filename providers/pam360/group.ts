// pam360:Group — the shared SCIM group provider (providers/scim/group.ts) over PAM360's own
// provider process context: flat groups of the source's transitive members, replaced whole.
import type * as pulumi from "@pulumi/pulumi";
import { scimGroupProviderFor, scimGroupResource } from "../scim/group";
import { pam360Product } from "./product";
import { pam360Process } from "./user";

export const pam360GroupProvider = scimGroupProviderFor(pam360Process, pam360Product);

export class Pam360Group extends scimGroupResource({ provider: () => pam360GroupProvider, module: "pam360" }) {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
}
