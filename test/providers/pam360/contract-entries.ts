// PAM360's resource types in the provider contract, against the PAM360 emulator with pages of 2.
import { scimGroupContract, scimUserContract } from "../scim/contract-kit";
import { pam360, pam360User, type Pam360Emulator } from "./harness";

const store = (emulator: Pam360Emulator) => emulator.state;

export const pam360UserContract = scimUserContract("pam360:User", pam360, {
  store,
  emulator: { maxCount: 2 },
  desired: pam360User({ onRemove: "delete" }),
  changedRole: "Password Administrator",
  byHand: { name: { givenName: "Alice", familyName: "Smith" }, emails: [{ value: "alice@contoso.com", primary: true }], roles: [{ value: "Password User" }] },
});
export const pam360GroupContract = scimGroupContract("pam360:Group", pam360, { store, emulator: { maxCount: 2 } });
