// BeyondTrust Password Safe as a target: the shared SCIM target with Password Safe's product facts.
import { scimTargetFor } from "../scim/target";
import { PasswordSafeGroup } from "./group";
import { passwordSafeProduct } from "./product";
import { PasswordSafeUser } from "./user";

export const passwordSafeTarget = scimTargetFor(passwordSafeProduct, { User: PasswordSafeUser, Group: PasswordSafeGroup });
