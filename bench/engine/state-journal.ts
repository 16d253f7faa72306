// The state while a run goes: an append-only journal next to the state file instead of a full
// rewrite. Each batch appends only the resources that changed since the previous batch (found
// by object identity, so no copy of the state is kept), with at most one fsync a second; the
// run ends with one full, atomic write of the state file, which supersedes the journal. A run
// that dies leaves the journal behind, and the next load replays it onto the state file it was
// started from (its `serial`), so what was created before the crash is not forgotten
// (`loadState` in state.ts, which also defines the journal's lines).
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from "node:fs";
import type { SecretsManager } from "./passphrase";
import { encryptState, journalKey as keyOf, type JournalLine, type ResourceState, type StackState } from "./state";

export class StateJournal {
  private fd?: number;
  private written = new Map<string, ResourceState>();
  private salt?: string;
  private baseSerial: number;
  private syncedAt = 0;
  /** Lines and bytes appended, for the benchmark's figures. */
  bytes = 0;

  constructor(
    private readonly file: string,
    base: StackState,
    private readonly secrets: SecretsManager,
  ) {
    for (const r of base.resources) this.written.set(keyOf(r), r);
    this.baseSerial = base.serial ?? 0;
  }

  /**
   * Appends what changed between the last batch and `state`. Returns false (and writes nothing)
   * when two resources share a key, which the journal cannot express: the caller then writes
   * the whole state instead.
   */
  append(state: StackState): boolean {
    const current = new Map<string, ResourceState>();
    for (const r of state.resources) {
      const key = keyOf(r);
      if (current.has(key)) return false;
      current.set(key, r);
    }
    const puts: ResourceState[] = [];
    for (const [key, r] of current) if (this.written.get(key) !== r) puts.push(r);
    const drops = [...this.written.keys()].filter((key) => !current.has(key));
    if (!puts.length && !drops.length) return true;
    const sealed = encryptState({ ...state, resources: puts }, this.secrets);
    const lines: JournalLine[] = [];
    if (this.fd === undefined) {
      rmSync(this.file, { force: true });
      this.fd = openSync(this.file, "a", 0o600);
      this.salt = sealed.secretsSalt;
      lines.push({ journal: 1, baseSerial: this.baseSerial, secretsSalt: sealed.secretsSalt });
    } else if (sealed.secretsSalt && sealed.secretsSalt !== this.salt) {
      // A first secret opened the crypter: the salt must be known before its ciphertexts.
      this.salt = sealed.secretsSalt;
      lines.push({ journal: 1, baseSerial: this.baseSerial, secretsSalt: sealed.secretsSalt });
    }
    for (const r of sealed.resources) lines.push({ put: r });
    for (const key of drops) lines.push({ drop: key });
    const text = lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
    writeSync(this.fd, text);
    // A process that dies keeps what it wrote (the kernel has it); fsync, which only guards
    // against losing the machine, runs at most once a second, and at close.
    const now = Date.now();
    if (now - this.syncedAt >= 1000) {
      fsyncSync(this.fd);
      this.syncedAt = now;
    }
    this.bytes += Buffer.byteLength(text);
    this.written = current;
    return true;
  }

  /** The journal is superseded (a full state was written): forget it. */
  reset(state: StackState, serial: number): void {
    this.close();
    this.baseSerial = serial;
    rmSync(this.file, { force: true });
    this.written = new Map(state.resources.map((r) => [keyOf(r), r]));
  }

  close(): void {
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
      closeSync(this.fd);
    }
    this.fd = undefined;
  }
}
