// Password Safe's resource types in the provider contract, against the Password Safe emulator
// with pages of 2; groups carry the description Password Safe requires.
import { scimGroupContract, scimUserContract } from "../scim/contract-kit";
import { passwordSafe, passwordSafeUser, type PasswordSafeEmulator } from "./harness";

const store = (emulator: PasswordSafeEmulator) => emulator.state;

export const passwordSafeUserContract = scimUserContract("passwordsafe:User", passwordSafe, {
  store,
  emulator: { maxCount: 2 },
  desired: passwordSafeUser({ onRemove: "delete" }),
  changedRole: "Administrator",
  byHand: { name: { givenName: "Alice", familyName: "Smith" }, emails: [{ value: "alice@contoso.com", primary: true }] },
});
export const passwordSafeGroupContract = scimGroupContract("passwordsafe:Group", passwordSafe, {
  store,
  emulator: { maxCount: 2 },
  description: "App administrators",
});
