// ManageEngine PAM360 as a target: the shared SCIM target with PAM360's product facts.
import { scimTargetFor } from "../scim/target";
import { Pam360Group } from "./group";
import { pam360Product } from "./product";
import { Pam360Users } from "./user";

export const pam360Target = scimTargetFor(pam360Product, { Users: Pam360Users, Group: Pam360Group });
