// passwordsafe:Users — the shared SCIM user provider (providers/scim/user.ts), in batches, over Password Safe's
// own provider process context.
import type * as pulumi from "@pulumi/pulumi";
import { newScimProcess } from "../scim/context";
import { scimUserProviderFor, scimUserProviders, scimUsersResource } from "../scim/user";
import { passwordSafeProduct } from "./product";

/** This provider process's Password Safe context, shared by every Password Safe provider the process loads. */
export const passwordSafeProcess = newScimProcess(passwordSafeProduct);

/** passwordsafe:Users: this process's Password Safe users, in batches keyed by Entra object id. */
export const passwordSafeUsersProvider = scimUserProviders(scimUserProviderFor(passwordSafeProcess, passwordSafeProduct), "Password Safe users").batch;

export class PasswordSafeUsers extends scimUsersResource({ filename: __filename, exportName: "passwordSafeUsersProvider", module: "passwordsafe" }) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
