// passwordsafe:Users — the shared SCIM user provider (providers/scim/user.ts), in batches, over Password Safe's
// own provider process context.
import type * as pulumi from "@pulumi/pulumi";
import { newScimProcess } from "../scim/context";
import { scimUserProviderFor, scimUserProviders, scimUsersResource } from "../scim/user";
import { passwordSafeProduct } from "./product";

/** This provider process's Password Safe context, shared by every Password Safe provider the process loads. */
export const passwordSafeProcess = newScimProcess(passwordSafeProduct);

/** passwordsafe:Users: this process's Password Safe users, in batches keyed by Entra object id. */
const passwordSafeUsers = scimUserProviders(scimUserProviderFor(passwordSafeProcess, passwordSafeProduct), "Password Safe users");
export const passwordSafeUsersProvider = passwordSafeUsers.batch;
/** passwordsafe:User resources left in a stack's state from before batches. */
export const passwordSafeUserProvider = passwordSafeUsers.retired;

export class PasswordSafeUsers extends scimUsersResource({ provider: () => passwordSafeUsersProvider, module: "passwordsafe" }) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
