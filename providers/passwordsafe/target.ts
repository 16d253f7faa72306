// BeyondTrust Password Safe as a target: the shared SCIM target with Password Safe's product facts.
import { scimTargetFor } from "../scim/target";
import { PasswordSafeGroup } from "./group";
import { passwordSafeProduct } from "./product";
import { PasswordSafeUsers } from "./user";

export const passwordSafeTarget = scimTargetFor(passwordSafeProduct, { Users: PasswordSafeUsers, Group: PasswordSafeGroup });
