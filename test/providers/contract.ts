// The one contract every dynamic provider keeps, run for every resource type of every target
// against its emulator (the list is in contract.test.ts). Modeled on scimmy's shared resource
// suite: create → read → update → drift by hand → undo → delete → adopt without duplicating →
// 404 handling. Each entry says how to reach its product's state; the steps are the same.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { MemberProvider } from "../../lib/provider/batch";

type Props = Record<string, unknown>;

/** The provider methods the contract drives, as the SDK's provider process (or a batch) calls them. */
export type ContractProvider<Inputs, Outputs> = MemberProvider<Inputs, Outputs>;

/** One resource type, running against its emulator. */
export interface ContractSubject<Inputs, Outputs> {
  /** The provider of the current simulated provider process (it follows `newProcess`). */
  provider: ContractProvider<Inputs, Outputs>;
  /** A new provider process, as a later `pulumi up` or refresh starts: its indexes are read again. */
  newProcess(): Promise<void>;
  /** Inputs of the object the contract manages, and the same object with a compared property changed. */
  desired: Inputs;
  changed: Inputs;
  /** What the product holds of the property `changed` changes (undefined: no such object), read from the emulator's state. */
  held(id: string): unknown;
  /** That property's value in `inputs`, as the product would hold it. */
  expected(inputs: Inputs): unknown;
  /** Objects of this type the product holds. */
  count(): number;
  /** Changes the object in the emulator's state, as someone would in the product's console. */
  editByHand(id: string): void;
  /** Removes the object from the emulator's state, as someone would in the product's console. */
  removeByHand(id: string): void;
  /** Makes the object `desired` describes as an older tool or a person would (not linked to this program); its id. */
  makeByHand(): Promise<string>;
  close(): Promise<void>;
}

export interface ContractEntry {
  /** The resource type, e.g. "pra:ScimUser". */
  type: string;
  start(): Promise<ContractSubject<Props, Props>>;
}

/** Typed entries erase to the list's common shape (the suite only moves values between methods). */
export function contractEntry<Inputs, Outputs>(type: string, start: () => Promise<ContractSubject<Inputs, Outputs>>): ContractEntry {
  return { type, start: start as unknown as ContractEntry["start"] };
}

/** Runs the contract for one entry. */
export function providerContract(entry: ContractEntry): void {
  describe(`${entry.type}: the provider contract`, () => {
    let subject: ContractSubject<Props, Props>;
    let id: string;
    let outs: Props;
    let desired: Props;
    let changed: Props;

    const checked = async (inputs: Props): Promise<Props> => {
      const result = await subject.provider.check(inputs, inputs);
      assert.deepEqual(result.failures ?? [], [], "the inputs pass check");
      return result.inputs ?? inputs;
    };

    before(async () => {
      subject = await entry.start();
      desired = await checked(subject.desired);
      changed = await checked(subject.changed);
    });
    after(() => subject.close());

    test("create: the product holds the object as desired, and it shows no diff", async () => {
      const before = subject.count();
      const created = await subject.provider.create(desired);
      id = created.id;
      outs = created.outs!;
      assert.equal(subject.count(), before + 1);
      assert.deepEqual(subject.held(id), subject.expected(desired));
      assert.equal((await subject.provider.diff(id, outs, desired)).changes, false);
    });

    test("read in a new process returns the object as the product holds it, with no diff", async () => {
      await subject.newProcess();
      const read = await subject.provider.read(id, outs);
      assert.equal(read.id, id);
      assert.equal((await subject.provider.diff(id, read.props!, desired)).changes, false);
      outs = read.props!;
    });

    test("update: a changed input is a change in place, applied to the product, then no diff", async () => {
      const diff = await subject.provider.diff(id, outs, changed);
      assert.equal(diff.changes, true);
      assert.deepEqual(diff.replaces ?? [], []);
      outs = (await subject.provider.update(id, outs, changed)).outs!;
      assert.deepEqual(subject.held(id), subject.expected(changed));
      assert.equal((await subject.provider.diff(id, outs, changed)).changes, false);
    });

    test("drift by hand is read back as a change, and update undoes it", async () => {
      subject.editByHand(id);
      await subject.newProcess();
      const drifted = await subject.provider.read(id, outs);
      assert.equal(drifted.id, id);
      assert.equal((await subject.provider.diff(id, drifted.props!, changed)).changes, true, "the hand edit shows as a change");
      await subject.provider.update(id, drifted.props!, changed);
      assert.deepEqual(subject.held(id), subject.expected(changed));
      await subject.newProcess();
      const undone = await subject.provider.read(id, drifted.props);
      assert.equal((await subject.provider.diff(id, undone.props!, changed)).changes, false, "no drift left");
      outs = undone.props!;
    });

    test("delete removes the object from the product", async () => {
      const before = subject.count();
      await subject.provider.delete(id, outs);
      assert.equal(subject.held(id), undefined);
      assert.equal(subject.count(), before - 1);
    });

    test("create adopts an object made outside the program instead of adding a second one", async () => {
      const made = await subject.makeByHand();
      await subject.newProcess();
      const before = subject.count();
      const adopted = await subject.provider.create(desired);
      assert.equal(adopted.id, made);
      assert.equal(subject.count(), before, "no duplicate");
      assert.deepEqual(subject.held(made), subject.expected(desired));
      assert.equal((await subject.provider.diff(made, adopted.outs!, desired)).changes, false);
      id = adopted.id;
      outs = adopted.outs!;
    });

    test("an object removed by hand: read returns no id, and delete succeeds", async () => {
      subject.removeByHand(id);
      assert.equal(subject.held(id), undefined);
      await subject.newProcess();
      const read = await subject.provider.read(id, outs);
      assert.equal(read.id, undefined);
      await subject.provider.delete(id, outs);
      assert.equal(subject.held(id), undefined);
    });
  });
}
