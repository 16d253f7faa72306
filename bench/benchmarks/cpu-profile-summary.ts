// Summarises a V8 .cpuprofile (from node --cpu-prof): self time by function and by package or
// project folder, and inclusive time of the heaviest frames. Bench infrastructure:
//   node dist/bench/benchmarks/cpu-profile-summary.js <file.cpuprofile> [--top N]
import * as fs from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  if (!url) return "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return url;
  const dist = url.indexOf("/dist/");
  if (dist >= 0)
    return `dist/${url
      .slice(dist + 6)
      .split("/")
      .slice(0, 2)
      .join("/")}`;
  return url;
}

export function summarise(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  // Idle time is left out: the figures are shares of the CPU the process used.
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  profile.samples.forEach((id, i) => {
    if (!idle.has(id)) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || "(anonymous)"} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + t);
    const w = where(n.callFrame.url);
    pkg.set(w, (pkg.get(w) ?? 0) + t);
    // Inclusive: every distinct frame on the stack gets the sample once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur)!.callFrame;
      const k = `${c.functionName || "(anonymous)"} ${where(c.url)}:${c.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + t);
    }
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
  const list = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `  ${pct(t)}  ${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`)
      .join("\n");
  return [
    `${(total / 1e6).toFixed(1)} s of CPU sampled (idle left out)`,
    "self time by package/folder:",
    list(pkg, top),
    "self time by function:",
    list(fn, top),
    "inclusive time by function:",
    list(inclusive, top * 2),
  ].join("\n");
}

if (require.main === module) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string" } } });
  for (const file of positionals) {
    console.log(`── ${file}`);
    console.log(summarise(JSON.parse(fs.readFileSync(file, "utf8")) as Profile, Number(values.top ?? 15)));
  }
}
