// npm run bench: every benchmark, one after another, each printing its own figures.
// Figures, not pass/fail: this machine is shared and noisy, so no threshold is asserted here.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const benches: { script: string; args: string[]; nodeArgs: string[] }[] = [
  { script: "desired-state.js", args: [], nodeArgs: ["--expose-gc"] },
  { script: "graph-requests.js", args: [], nodeArgs: [] },
  { script: "refresh-requests.js", args: [], nodeArgs: [] },
];

let failed = 0;
for (const bench of benches) {
  console.log(`\n── ${bench.script.replace(/\.js$/, "")} ${"─".repeat(60)}`);
  const result = spawnSync(process.execPath, [...bench.nodeArgs, path.join(__dirname, bench.script), ...bench.args], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
