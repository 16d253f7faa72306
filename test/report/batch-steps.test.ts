// The reports read batch resources (`pra:ScimUsers users-07`, a map of users) exactly as they
// read one resource per user: each recorded per-object digest below is rewritten as the same
// run with the users and hosts in batches, and both must give the same reports.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Digest, DigestState, DigestStep } from "../../report/digest";
import { parseUrn } from "../../report/digest";
import { buildAccessReport } from "../../report/access-report";
import { buildDriftReport } from "../../report/drift-report";
import { memberKindOf, memberSteps } from "../../report/batch-steps";
import { batchIndexOf } from "../../lib/provider/batch";
import { loadFixture } from "./golden";

/** Per-object type → its batch type, as the targets declare them. */
const BATCH_OF: Record<string, string> = {
  "pulumi-nodejs:dynamic/pra:ScimUser": "pulumi-nodejs:dynamic/pra:ScimUsers",
  "pulumi-nodejs:dynamic/privx:ScimUser": "pulumi-nodejs:dynamic/privx:ScimUsers",
  "pulumi-nodejs:dynamic/privx:Host": "pulumi-nodejs:dynamic/privx:Hosts",
  "pulumi-nodejs:dynamic/scim:User": "pulumi-nodejs:dynamic/scim:Users",
};

type Side = { inputs: Record<string, unknown>; outputs: Record<string, unknown>; ids: Record<string, string> };
const emptySide = (): Side => ({ inputs: {}, outputs: {}, ids: {} });

function add(side: Side, key: string, state: DigestState | undefined): void {
  if (!state) return;
  if (state.inputs) side.inputs[key] = state.inputs;
  if (state.outputs) side.outputs[key] = state.outputs;
  if (state.id) side.ids[key] = state.id;
}

/**
 * A changed secret shows as "[secret]" on both sides of a masked digest, so only the engine's
 * diff reasons tell it changed, and those name the batch's `members`, not the field. No member
 * field is a secret (the program marks none), so such steps stay single here.
 */
const holdsSecret = (step: DigestStep): boolean =>
  [step.oldState, step.newState].some((state) =>
    Object.entries({ ...state?.inputs, ...state?.outputs }).some(([k, v]) => k !== "__provider" && v === "[secret]"),
  );

/** This fixture replaces a host on `zone`, which the host provider's diff never does (only `externalId`, the batch key). */
const REPLACEMENT_OPS = new Set(["create-replacement", "replace", "delete-replaced"]);

/** The same digest with every per-object step of a batched type folded into batches of 4 buckets. */
function batched(digest: Digest, { refresh = false } = {}): Digest {
  const batches = new Map<string, { type: string; urn: string; old: Side; new: Side; changed: boolean; hadOld: boolean; hadNew: boolean }>();
  const steps: DigestStep[] = [];
  for (const step of digest.steps) {
    const type = step.newState?.type ?? step.oldState?.type ?? parseUrn(step.urn).type;
    const batchType = BATCH_OF[type];
    if (!batchType || holdsSecret(step) || REPLACEMENT_OPS.has(step.op)) {
      steps.push(step);
      continue;
    }
    const key = parseUrn(step.urn).name;
    const name = `b-${batchIndexOf(key, 4)}`;
    const id = `${batchType}::${name}`;
    let batch = batches.get(id);
    if (!batch) {
      const urn = step.urn.replace(`${type}::${key}`, `${batchType}::${name}`);
      batches.set(id, (batch = { type: batchType, urn, old: emptySide(), new: emptySide(), changed: false, hadOld: false, hadNew: false }));
    }
    const gone = step.op === "delete" || (refresh && !step.newState);
    add(batch.old, key, step.oldState);
    if (!gone) add(batch.new, key, step.newState ?? step.oldState);
    batch.changed ||= step.op !== "same";
  }
  for (const batch of batches.values()) {
    const state = (side: Side): DigestState => ({
      urn: batch.urn,
      type: batch.type,
      id: "batch-1",
      inputs: { members: side.inputs },
      outputs: { members: side.outputs, ids: side.ids },
    });
    const op = refresh && digest.steps.some((s) => s.op === "refresh") ? "refresh" : batch.changed ? "update" : "same";
    const oldState = Object.keys(batch.old.outputs).length + Object.keys(batch.old.inputs).length > 0 ? state(batch.old) : undefined;
    steps.push({ op: oldState ? op : "create", urn: batch.urn, ...(oldState ? { oldState } : {}), newState: state(batch.new) });
  }
  return { ...digest, steps };
}

describe("batch resources in the reports", () => {
  it("the access report of a batched plan is the report of the same plan with one resource per object", () => {
    for (const fixture of ["preview-demo-v2.json", "preview-mass-removal.json", "preview-policies-hosts.json", "preview-no-changes.json"]) {
      const single = buildAccessReport(loadFixture(fixture), { maxRemovals: 10, protectedUserNames: ["breakglass@contoso.com"] });
      const digest = batched(loadFixture(fixture));
      if (fixture !== "preview-no-changes.json")
        assert.ok(
          digest.steps.some((s) => /(ScimUsers|Hosts)::b-\d$/.test(s.urn)),
          `${fixture} has batch steps`,
        );
      const inBatches = buildAccessReport(digest, { maxRemovals: 10, protectedUserNames: ["breakglass@contoso.com"] });
      assert.deepEqual({ ...inBatches, changeSummary: {} }, { ...single, changeSummary: {} }, fixture);
    }
  });

  it("the drift report of a batched refresh and plan is the report of the per-object ones", () => {
    for (const toRefreshOps of [false, true]) {
      const refresh = loadFixture("refresh-pra-drift.json");
      const asCli: Digest = toRefreshOps
        ? {
            ...refresh,
            steps: refresh.steps.map((s) =>
              s.op === "update" ? { ...s, op: "refresh" } : s.op === "delete" ? { ...s, op: "refresh", newState: undefined } : s,
            ),
          }
        : refresh;
      const single = buildDriftReport(asCli, loadFixture("preview-demo-v2.json"));
      const inBatches = buildDriftReport(batched(asCli, { refresh: true }), batched(loadFixture("preview-demo-v2.json")));
      const names = (r: typeof single) => ({
        hand: r.handChanges.map((c) => [c.name, c.change, c.differences]),
        directory: r.directoryChanges.map((c) => [c.name, c.change, c.differences]),
      });
      assert.ok(single.handChanges.length > 0 && single.directoryChanges.length > 0, "the fixtures have both kinds");
      assert.deepEqual(names(inBatches), names(single));
    }
  });

  it("a member the provider's own diff would leave alone is no change, even where raw values differ", () => {
    // A disabled PrivX user keeps its Entra groups in the inputs, but PrivX maps it no role.
    const type = "pulumi-nodejs:dynamic/privx:ScimUsers";
    const urn = `urn:pulumi:prod::pam-reconciler::${type}::users-01`;
    const frank = {
      externalId: "s-1",
      userName: "frank@contoso.com",
      displayName: "Frank",
      mail: null,
      entraId: "e-1",
      onRemove: "deactivate",
      protected: false,
    };
    const recorded = { ...frank, groups: [], active: false, scimId: "u-1" };
    const step: DigestStep = {
      op: "update",
      urn,
      oldState: {
        urn,
        type,
        inputs: { members: { "e-1": { ...frank, groups: ["db-admins"], active: false } } },
        outputs: { members: { "e-1": recorded }, ids: { "e-1": "u-1" } },
      },
      newState: { urn, type, inputs: { members: { "e-1": { ...frank, groups: ["db-admins", "web"], active: false } } } },
    };
    assert.deepEqual(memberSteps(step, memberKindOf(type)!), []);
    const enabled: DigestStep = { ...step, newState: { urn, type, inputs: { members: { "e-1": { ...frank, groups: ["db-admins"], active: true } } } } };
    const [member] = memberSteps(enabled, memberKindOf(type)!);
    assert.equal(member.op, "update");
    assert.equal(member.urn, "urn:pulumi:prod::pam-reconciler::pulumi-nodejs:dynamic/privx:ScimUser::e-1");
    assert.equal(member.oldState?.id, "u-1");
  });

  it("after a batch failed part-way, a member its recorded inputs hold but its outputs do not was never applied: the retry creates it, and the report says so", () => {
    // What the engine records for a partial failure: the inputs it asked for, the outputs of what was written.
    const type = "pulumi-nodejs:dynamic/pra:ScimUsers";
    const urn = `urn:pulumi:prod::pam-reconciler::${type}::users-07`;
    const user = (name: string, id: string) => ({
      externalId: id,
      userName: `${name}@contoso.com`,
      displayName: name,
      givenName: null,
      familyName: null,
      email: null,
      active: true,
      onRemove: "deactivate",
      protected: false,
    });
    const [alice, dave] = [user("alice", "e-a"), user("dave", "e-d")];
    const failed: DigestState = {
      urn,
      type,
      id: "batch-1",
      inputs: { members: { "e-a": alice, "e-d": dave } },
      outputs: { members: { "e-a": { ...alice, scimId: "1" } }, ids: { "e-a": "1" } },
    };
    const retry: DigestStep = { op: "update", urn, oldState: failed, newState: { urn, type, inputs: { members: { "e-a": alice, "e-d": dave } } } };
    const steps = memberSteps(retry, memberKindOf(type)!);
    assert.deepEqual(
      steps.map((s) => [s.op, parseUrn(s.urn).name]),
      [["create", "e-d"]],
    );
    const report = buildAccessReport({ steps: [retry] }, { maxRemovals: 10, protectedUserNames: [] });
    assert.match(JSON.stringify(report), /dave@contoso\.com/, "the retry's report lists the account it writes");
    assert.doesNotMatch(JSON.stringify(report), /alice@contoso\.com/, "and not the one the failed run wrote already");
  });

  it("types that are no batch are left as they are", () => {
    assert.equal(memberKindOf("pulumi-nodejs:dynamic/pra:ScimGroup"), undefined);
    assert.equal(memberKindOf("pulumi:pulumi:Stack"), undefined);
    assert.equal(memberKindOf("pulumi-nodejs:dynamic/pra:ScimUsers")?.type, "pulumi-nodejs:dynamic/pra:ScimUser");
  });
});
