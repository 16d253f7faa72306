// The provider contract for every resource type of every target, each against its emulator.
// A new resource type is one entry here (its entry sits in its target's test folder).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { targetList } from "../../providers/targets";
import { providerContract, type ContractEntry } from "./contract";
import { praGroupPolicyContract, praScimGroupContract, praScimUserContract } from "./pra/contract-entries";
import { privxHostContract, privxScimUserContract } from "./privx/contract-entries";
import { scimGroupContract, scimUserContract } from "./scim/contract-entries";
import { pam360GroupContract, pam360UserContract } from "./pam360/contract-entries";
import { passwordSafeGroupContract, passwordSafeUserContract } from "./passwordsafe/contract-entries";
import { rsGroupPolicyContract } from "./rs/contract-entries";

const CONTRACT: readonly ContractEntry[] = [
  praScimUserContract,
  praScimGroupContract,
  praGroupPolicyContract,
  privxScimUserContract,
  privxHostContract,
  scimUserContract,
  scimGroupContract,
  pam360UserContract,
  pam360GroupContract,
  passwordSafeUserContract,
  passwordSafeGroupContract,
  rsGroupPolicyContract,
];

test("the contract has an entry for every resource type in the target table", () => {
  const declared = targetList.flatMap(({ name, target }) => Object.keys(target.resources).map((type) => `${name}:${type}`));
  assert.deepEqual(CONTRACT.map((entry) => entry.type).sort(), declared.sort());
});

for (const entry of CONTRACT) providerContract(entry);
