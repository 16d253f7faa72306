// Preloaded into every Node process of a benchmarked run (NODE_OPTIONS=--require …): on exit it
// appends the process's CPU time and peak RSS to PAM_BENCH_MEASURE_FILE, one JSON line, named
// by its role (program, provider, engine). Bench infrastructure only; nothing else loads it.
import * as fs from "node:fs";
import * as path from "node:path";
import * as v8 from "node:v8";
import { constants as perfConstants, PerformanceObserver } from "node:perf_hooks";

const file = process.env.PAM_BENCH_MEASURE_FILE;

function role(argv: readonly string[]): string {
  const joined = argv.join(" ");
  if (/cmd[\\/]run/.test(joined)) return "program";
  if (/cmd[\\/]dynamic-provider/.test(joined)) return "provider";
  if (/engine[\\/]cli/.test(joined)) return "engine";
  return "other";
}

if (file) {
  const started = Date.now();
  let written = false;
  // The JS heap's and Buffers' high-water marks, sampled, to tell heap from native memory in
  // the peak RSS.
  let heapUsed = 0;
  let external = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heapUsed = Math.max(heapUsed, m.heapUsed);
    external = Math.max(external, m.external + m.arrayBuffers);
  };
  setInterval(sample, 250).unref();
  // The heap right after a major collection is about what is live: the peak RSS minus this is
  // garbage V8 had not yet collected, and memory it had not yet given back.
  let liveAfterMajorGc = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) liveAfterMajorGc = Math.max(liveAfterMajorGc, process.memoryUsage().heapUsed);
    }
  });
  gcs.observe({ entryTypes: ["gc"] });
  const record = () => {
    if (written) return;
    written = true;
    sample();
    const usage = process.resourceUsage();
    const line = {
      role: role(process.argv),
      pid: process.pid,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      userMs: usage.userCPUTime / 1000,
      systemMs: usage.systemCPUTime / 1000,
      maxRssKb: usage.maxRSS,
      peakHeapMb: Math.round(heapUsed / 2 ** 20),
      peakExternalMb: Math.round(external / 2 ** 20),
      liveAfterMajorGcMb: Math.round(liveAfterMajorGc / 2 ** 20),
      wallMs: Date.now() - started,
    };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  process.on("exit", record);
  // The engine stops its provider process with SIGTERM: exit normally so the figures (and a
  // --cpu-prof profile) are written.
  process.on("SIGTERM", () => {
    record();
    process.exit(143);
  });
}

// PAM_BENCH_HEAP_SNAPSHOT=<role> writes a heap snapshot of that process (into
// PAM_BENCH_HEAP_DIR/.bench-heap/), for where its memory goes.
const snapshotRole = process.env.PAM_BENCH_HEAP_SNAPSHOT;
if (file && snapshotRole && snapshotRole === role(process.argv)) {
  const write = () => {
    const dir = path.join(process.env.PAM_BENCH_HEAP_DIR ?? ".", ".bench-heap");
    fs.mkdirSync(dir, { recursive: true });
    v8.writeHeapSnapshot(path.join(dir, `${snapshotRole}-${process.pid}.heapsnapshot`));
  };
  // PAM_BENCH_HEAP_SNAPSHOT_AT_MS: at that time after start instead (mid-run, near the peak);
  // PAM_BENCH_HEAP_SNAPSHOT_AT_MB: the first time the JS heap holds that much (the peak's content).
  const at = Number(process.env.PAM_BENCH_HEAP_SNAPSHOT_AT_MS ?? "");
  const atMb = Number(process.env.PAM_BENCH_HEAP_SNAPSHOT_AT_MB ?? "");
  if (at > 0) setTimeout(write, at).unref();
  else if (atMb > 0) {
    const watch = setInterval(() => {
      if (process.memoryUsage().heapUsed < atMb * 2 ** 20) return;
      clearInterval(watch);
      write();
    }, 100);
    watch.unref();
  } else process.once("exit", write);
}
