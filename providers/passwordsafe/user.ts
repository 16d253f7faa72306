// passwordsafe:User — the shared SCIM user provider (providers/scim/user.ts) over Password
// Safe's own provider process context (its own OAuth token).
import type * as pulumi from "@pulumi/pulumi";
import { newScimProcess } from "../scim/context";
import { scimUserProviderFor, scimUserResource } from "../scim/user";
import { passwordSafeProduct } from "./product";

/** This provider process's Password Safe context, shared by every Password Safe provider the process loads. */
export const passwordSafeProcess = newScimProcess(passwordSafeProduct);

export const passwordSafeUserProvider = scimUserProviderFor(passwordSafeProcess, passwordSafeProduct);

export class PasswordSafeUser extends scimUserResource({ filename: __filename, exportName: "passwordSafeUserProvider", module: "passwordsafe" }) {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly userName: pulumi.Output<string>;
}
