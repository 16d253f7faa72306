// The offline engine's state journal: batches append only what changed, a journal left by a
// run that died is replayed onto the state file it started from, a stale one is ignored, and
// secrets are as sealed in the journal as in the state file.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { SecretsManager } from "../../../bench/engine/passphrase";
import { makeSecret } from "../../../bench/engine/properties";
import { emptyState, journalFile, loadState, saveState, type ResourceState, type StackState } from "../../../bench/engine/state";
import { StateJournal } from "../../../bench/engine/state-journal";

const env = { PULUMI_CONFIG_PASSPHRASE: "journal-test" };
const resource = (name: string, value: unknown = name): ResourceState => ({
  urn: `urn:pulumi:s::p::pulumi-nodejs:dynamic/t:T::${name}`,
  type: "pulumi-nodejs:dynamic/t:T",
  custom: true,
  id: `id-${name}`,
  inputs: { value: value },
  outputs: { value: value },
  dependencies: [],
});

function scratch(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "state-journal-"));
  return { dir, file: path.join(dir, "s.json") };
}

test("a journal holds only what changed, and a load replays it onto the state file it started from", (t) => {
  const { dir, file } = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const secrets = new SecretsManager(env, undefined);
  const base: StackState = { ...emptyState("p", "s"), resources: [resource("a"), resource("b")] };
  base.serial = saveState(file, base, secrets);

  const journal = new StateJournal(journalFile(file), base, secrets);
  const a2 = resource("a", "changed");
  assert.ok(journal.append({ ...base, resources: [a2, base.resources[1]] }));
  const firstBatch = journal.bytes;
  assert.ok(journal.append({ ...base, resources: [a2, base.resources[1], resource("c", makeSecret("hush"))] }));
  assert.ok(journal.append({ ...base, resources: [a2, resource("c", makeSecret("hush"))].slice(0, 1) }));
  journal.close();
  assert.ok(firstBatch < 1000, `one changed resource journaled in ${firstBatch} bytes`);
  assert.ok(!readFileSync(journalFile(file), "utf8").includes("hush"), "the secret is sealed in the journal");

  // The run died here: the next load sees the file plus the journal.
  const loaded = loadState(file, "p", "s");
  assert.deepEqual(
    loaded.resources.map((r) => [r.urn.split("::").pop(), r.inputs.value]),
    [["a", "changed"]],
  );
});

test("a journal superseded by a later full write is ignored", (t) => {
  const { dir, file } = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const secrets = new SecretsManager(env, undefined);
  const base: StackState = { ...emptyState("p", "s"), resources: [resource("a")] };
  base.serial = saveState(file, base, secrets);
  const journal = new StateJournal(journalFile(file), base, secrets);
  journal.append({ ...base, resources: [resource("a", "from the journal")] });
  journal.close();
  const text = readFileSync(journalFile(file), "utf8");
  saveState(file, { ...base, resources: [resource("a", "written in full")] }, secrets);
  assert.ok(!existsSync(journalFile(file)), "a full write removes the journal");
  writeFileSync(journalFile(file), text); // a journal left over from before that write
  assert.equal(loadState(file, "p", "s").resources[0].inputs.value, "written in full");
});

test("a first run that died before any full write is recovered from its journal, a cut-off last line ignored", (t) => {
  const { dir, file } = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const secrets = new SecretsManager(env, undefined);
  const base = emptyState("p", "s");
  const journal = new StateJournal(journalFile(file), base, secrets);
  journal.append({ ...base, resources: [resource("a")] });
  journal.close();
  writeFileSync(journalFile(file), readFileSync(journalFile(file), "utf8") + '{"put":{"urn":"cut');
  assert.deepEqual(
    loadState(file, "p", "s").resources.map((r) => r.id),
    ["id-a"],
  );
});
