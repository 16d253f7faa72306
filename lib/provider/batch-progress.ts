// Progress of the member writes of every batch of one kind in this provider process: a long
// first `up` (10,000 PRA users at 15 requests a second is 11 minutes) says how far it is and
// how long the rest should take, at most every `intervalMs`, instead of waiting silently.
export interface BatchTask {
  done(): void;
  finish(): void;
}

export interface BatchProgress {
  start(what: string, steps: number): BatchTask;
}

interface Tally {
  total: number;
  done: number;
  startedAt: number;
  lastLine: number;
  open: number;
}

export interface ProgressOptions {
  write?: (line: string) => void;
  now?: () => number;
  intervalMs?: number;
  /** Fewer writes than this in flight for a kind: no progress lines (the demo's few users). */
  minimum?: number;
}

const count = (n: number) => n.toLocaleString("en-US");

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** The line for a tally: "PRA users: 1,200 of 10,000 written in 80 s, about 9 min left". */
export function progressLine(what: string, tally: Pick<Tally, "total" | "done">, elapsedMs: number): string {
  const rate = tally.done / Math.max(elapsedMs, 1);
  const left = tally.done > 0 && tally.done < tally.total ? `, about ${duration((tally.total - tally.done) / rate)} left` : "";
  return `${what}: ${count(tally.done)} of ${count(tally.total)} written in ${duration(elapsedMs)}${left}`;
}

export function createBatchProgress(options: ProgressOptions = {}): BatchProgress {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 10_000;
  const minimum = options.minimum ?? 100;
  const tallies = new Map<string, Tally>();

  return {
    start(what, steps) {
      let tally = tallies.get(what);
      if (!tally || tally.open === 0) tallies.set(what, (tally = { total: 0, done: 0, startedAt: now(), lastLine: now(), open: 0 }));
      const t = tally;
      t.total += steps;
      t.open++;
      return {
        done() {
          t.done++;
          if (t.total >= minimum && now() - t.lastLine >= intervalMs) {
            t.lastLine = now();
            write(progressLine(what, t, now() - t.startedAt));
          }
        },
        finish() {
          t.open--;
          if (t.open === 0 && t.total >= minimum) write(progressLine(what, t, now() - t.startedAt));
        },
      };
    },
  };
}

/** This provider process's progress, shared by every batch it runs. */
export const batchProgress = createBatchProgress();
