// npm run bench: every benchmark, one after another, each printing its own figures.
// Figures, not pass/fail: this machine is shared and noisy, so no threshold is asserted here.
//
//   npm run bench                          the quick benchmarks (seconds)
//   npm run bench -- --lifecycle           and the lifecycle benchmark at size S (about 4 minutes:
//                                          its first up is paced by PRA's rate limit)
//   npm run bench -- --size M [--size L]   the lifecycle benchmark at those sizes (M about 15
//                                          minutes, L longer); --cpu-prof <dir> profiles every process
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    lifecycle: { type: "boolean" },
    size: { type: "string", multiple: true },
    "cpu-prof": { type: "string" },
    "heap-snapshot": { type: "string" },
  },
});

const benches: { script: string; args: string[]; nodeArgs: string[] }[] = [
  { script: "desired-state.js", args: [], nodeArgs: ["--expose-gc"] },
  { script: "graph-requests.js", args: [], nodeArgs: [] },
  { script: "refresh-requests.js", args: [], nodeArgs: [] },
];
if (values.lifecycle || values.size) {
  const sizes = values.size ?? ["S"];
  const extra = [
    ...sizes.flatMap((s) => ["--size", s]),
    ...(values["cpu-prof"] ? ["--cpu-prof", values["cpu-prof"]] : []),
    ...(values["heap-snapshot"] ? ["--heap-snapshot", values["heap-snapshot"]] : []),
  ];
  benches.push({ script: "lifecycle.js", args: extra, nodeArgs: [] });
}

let failed = 0;
for (const bench of benches) {
  console.log(`\n── ${bench.script.replace(/\.js$/, "")} ${"─".repeat(60)}`);
  const result = spawnSync(process.execPath, [...bench.nodeArgs, path.join(__dirname, bench.script), ...bench.args], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
