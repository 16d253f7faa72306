// pam360:Users — the shared SCIM user provider (providers/scim/user.ts), in batches, over PAM360's
// own provider process context.
import type * as pulumi from "@pulumi/pulumi";
import { newScimProcess } from "../scim/context";
import { scimUserProviderFor, scimUserProviders, scimUsersResource } from "../scim/user";
import { pam360Product } from "./product";

/** This provider process's PAM360 context, shared by every PAM360 provider the process loads. */
export const pam360Process = newScimProcess(pam360Product);

/** pam360:Users: this process's PAM360 users, in batches keyed by Entra object id. */
const pam360Users = scimUserProviders(scimUserProviderFor(pam360Process, pam360Product), "PAM360 users");
export const pam360UsersProvider = pam360Users.batch;
/** pam360:User resources left in a stack's state from before batches. */
export const pam360UserProvider = pam360Users.retired;

export class Pam360Users extends scimUsersResource({ provider: () => pam360UsersProvider, module: "pam360" }) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
