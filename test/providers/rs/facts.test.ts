// The RS group policy field table is RS's spec's GroupPolicy, field for field (as extracted into
// the RS emulator's contract from rs-configuration.openapi.yaml): a renamed or new field
// upstream is noticed here once the contract is regenerated.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { rsContract } from "../../../bench/emulators/rs/contract.generated";
import { rsGroupPolicyFields } from "../../../providers/rs/facts";
import { praGroupPolicyFields } from "../../../providers/pra/facts";

test("rsGroupPolicyFields is the writable part of RS's GroupPolicy schema", () => {
  const writable = Object.entries(rsContract.schemas.GroupPolicy.properties!).filter(([name, p]) => name !== "name" && !p.readOnly);
  assert.deepEqual(Object.keys(rsGroupPolicyFields).sort(), writable.map(([name]) => name).sort());
  for (const [name, field] of writable) {
    const ours = rsGroupPolicyFields[name];
    assert.equal(ours.type, field.type, `${name}: type`);
    if (ours.type === "string") assert.deepEqual([...ours.enum], field.enum, `${name}: enum`);
    if (ours.type === "integer") {
      assert.equal(ours.minimum, field.minimum, `${name}: minimum`);
      assert.equal(ours.maximum, field.maximum, `${name}: maximum`);
      for (const allowed of ours.allowed ?? []) assert.ok(allowed >= ours.minimum && allowed <= ours.maximum, `${name}: ${allowed} within the spec's range`);
    }
  }
});

test("RS and PRA differ where the specs do: each has fields the other refuses", () => {
  for (const f of ["rep_perm_status", "perm_support_allowed", "perm_routing_idle_timeout", "perm_console_idle_timeout", "perm_vpro"]) {
    assert.ok(f in rsGroupPolicyFields && !(f in praGroupPolicyFields), f);
  }
  for (const f of ["access_perm_status", "perm_access_allowed", "perm_web_jump", "perm_protocol_tunnel"])
    assert.ok(f in praGroupPolicyFields && !(f in rsGroupPolicyFields), f);
});
