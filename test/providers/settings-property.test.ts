// Every provider's diff and update survive any change of settings and any state an older version
// wrote: for each resource type (against its emulator, as in the contract), generated olds
// (the state as it is, or with the settings an older version did not record left out) × news
// (the desired object with its settings and values changed at random) go through the SDK's own
// encoding both ways: the program's inputs through `serializeProperties`, state and results
// through google-protobuf's `Struct`, as the dynamic-provider process does. No diff or update
// throws, every result encodes, and after an update the object shows no diff.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { withDefinedOutputs } from "../../lib/provider/defined-values";
import type { ContractEntry, ContractSubject } from "./contract";
import { praGroupPolicyContract, praScimGroupContract, praScimUserContract } from "./pra/contract-entries";
import { privxHostContract, privxScimUserContract } from "./privx/contract-entries";
import { scimGroupContract, scimUserContract } from "./scim/contract-entries";
import { pam360GroupContract, pam360UserContract } from "./pam360/contract-entries";
import { passwordSafeGroupContract, passwordSafeUserContract } from "./passwordsafe/contract-entries";

type Props = Record<string, unknown>;

const ENTRIES: readonly ContractEntry[] = [
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
];

/** Settings: values of our own, kept in state, that a user changes in the mappings. */
const SETTING_VALUES: Record<string, readonly unknown[]> = {
  onRemove: ["deactivate", "delete"],
  protected: [false, true],
  roleLocked: [false, true],
  active: [true, false],
};
/** What an older version did not record in state. */
const RECORDED_LATER = ["roleLocked", "roleAttribute", "protected", "attributes", "onRemove", "description", "entraId"];

/** As the dynamic-provider process receives a value: encoded by the SDK and decoded from protobuf. */
const overTheWire = (props: Props): Props => structproto.Struct.fromJavaScript(props as never).toJavaScript();
async function fromTheProgram(inputs: Props): Promise<Props> {
  return overTheWire(await serializeProperties("settings-property", inputs));
}

/** A value of `key` for the news: the desired one, the changed one, a setting flipped, or (if optional) none. */
function valueOf(key: string, desired: Props, changed: Props): fc.Arbitrary<unknown> {
  const choices: unknown[] = [desired[key], changed[key], ...(SETTING_VALUES[key] ?? [])];
  if (RECORDED_LATER.includes(key)) choices.push(undefined);
  return fc.constantFrom(...choices);
}

function newsOf(desired: Props, changed: Props): fc.Arbitrary<Props> {
  const keys = [...new Set([...Object.keys(desired), ...Object.keys(changed)])];
  return fc.record(Object.fromEntries(keys.map((k) => [k, valueOf(k, desired, changed)])));
}

for (const entry of ENTRIES) {
  describe(`${entry.type}: any change of settings, from any older state`, () => {
    let subject: ContractSubject<Props, Props>;
    let provider: ReturnType<typeof withDefinedOutputs>;
    let id: string;
    let state: Props;

    before(async () => {
      subject = await entry.start();
      provider = withDefinedOutputs(subject.provider as never);
      const created = await provider.create(await fromTheProgram(subject.desired));
      id = created.id;
      state = overTheWire(created.outs);
    });
    after(() => subject.close());

    test("no diff or update throws, every result encodes, and each update converges", async () => {
      const runs = fc.record({
        news: newsOf(subject.desired, subject.changed),
        forgotten: fc.subarray(RECORDED_LATER),
      });
      await fc.assert(
        fc.asyncProperty(runs, async ({ news: generated, forgotten }) => {
          const checked = await provider.check!(state, await fromTheProgram(generated));
          fc.pre((checked.failures ?? []).length === 0);
          const news = overTheWire(checked.inputs);
          const olds = overTheWire(Object.fromEntries(Object.entries(state).filter(([k]) => !forgotten.includes(k))));
          const diff = await provider.diff!(id, olds, news);
          if (!diff.changes || (diff.replaces ?? []).length > 0) return;
          const updated = await provider.update!(id, olds, news);
          state = overTheWire(updated.outs);
          assert.equal(
            (await provider.diff!(id, state, news)).changes,
            false,
            `converged after ${JSON.stringify(news)} state ${JSON.stringify(state)} olds ${JSON.stringify(olds)}`,
          );
          const read = await provider.read!(id, state);
          assert.ok(read.id, "the object is still there");
          state = overTheWire(read.props);
        }),
        { numRuns: 40, seed: 2121 },
      );
    });
  });
}
