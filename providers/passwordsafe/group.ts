// passwordsafe:Group — the shared SCIM group provider (providers/scim/group.ts) over Password
// Safe's own provider process context: every create and replace carries a description, members
// change by PATCH add/remove.
import type * as pulumi from "@pulumi/pulumi";
import { scimGroupProviderFor, scimGroupResource } from "../scim/group";
import { passwordSafeProduct } from "./product";
import { passwordSafeProcess } from "./user";

export const passwordSafeGroupProvider = scimGroupProviderFor(passwordSafeProcess, passwordSafeProduct);

export class PasswordSafeGroup extends scimGroupResource({ provider: () => passwordSafeGroupProvider, module: "passwordsafe" }) {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
}
