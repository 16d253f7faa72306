// One run per stack at a time: a lock file created exclusively (O_EXCL) next to the state file,
// holding who took it. A lock whose process is gone is reported with the command that breaks it,
// never broken silently (the dead run may have left work half done that a human should look at).
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";
import { EngineError } from "./errors";

export interface LockInfo {
  pid: number;
  host: string;
  time: string;
  command: string;
}

export function lockFile(stateDir: string, stack: string): string {
  return path.join(stateDir, `${stack}.lock`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return undefined;
  }
}

export interface StackLock {
  file: string;
  release: () => void;
}

/** Takes the stack lock or throws LOCKED (a live holder) / LOCK_STALE (a dead one). */
export function acquireLock(stateDir: string, stack: string, command: string, breakCommand: string): StackLock {
  mkdirSync(stateDir, { recursive: true });
  const file = lockFile(stateDir, stack);
  const info: LockInfo = { pid: process.pid, host: hostname(), time: new Date().toISOString(), command };
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const holder = readLock(file);
    const who = holder ? `pid ${holder.pid} on ${holder.host}, running \`${holder.command}\` since ${holder.time}` : "an unreadable lock file";
    const stale = holder !== undefined && holder.host === info.host && !processIsAlive(holder.pid);
    if (stale) {
      throw new EngineError(
        "LOCK_STALE",
        `stack ${stack} is locked by a run that no longer exists (${who}). ` +
          `If no other run is active, break the lock with: ${breakCommand} (or delete ${file})`,
        { stack, file },
      );
    }
    throw new EngineError("LOCKED", `stack ${stack} is locked by another run (${who}); wait for it to finish`, { stack, file });
  }
  try {
    writeSync(fd, `${JSON.stringify(info)}\n`);
  } finally {
    closeSync(fd);
  }
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      const current = readLock(file);
      if (current && current.pid === info.pid && current.time === info.time) rmSync(file, { force: true });
    },
  };
}

/** `unlock`: removes the lock file; refuses while its holder on this host is still running. */
export function breakLock(stateDir: string, stack: string): boolean {
  const file = lockFile(stateDir, stack);
  const holder = readLock(file);
  if (holder && holder.host === hostname() && processIsAlive(holder.pid) && holder.pid !== process.pid) {
    throw new EngineError("LOCKED", `stack ${stack} is locked by pid ${holder.pid}, which is still running`, { stack, file });
  }
  try {
    rmSync(file);
    return true;
  } catch {
    return false;
  }
}
