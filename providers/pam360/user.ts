// pam360:User — the shared SCIM user provider (providers/scim/user.ts) over PAM360's own
// provider process context.
import type * as pulumi from "@pulumi/pulumi";
import { newScimProcess } from "../scim/context";
import { scimUserProviderFor, scimUserResource } from "../scim/user";
import { pam360Product } from "./product";

/** This provider process's PAM360 context, shared by every PAM360 provider the process loads. */
export const pam360Process = newScimProcess(pam360Product);

export const pam360UserProvider = scimUserProviderFor(pam360Process, pam360Product);

export class Pam360User extends scimUserResource({ filename: __filename, exportName: "pam360UserProvider", module: "pam360" }) {
  declare readonly scimId: pulumi.Output<string>;
  declare readonly userName: pulumi.Output<string>;
}
