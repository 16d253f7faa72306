// Summarises a V8 heap snapshot (from measure-process.ts or node --heapsnapshot-signal): self
// size and count by constructor or string kind, the heaviest first. Bench infrastructure:
//   node dist/bench/benchmarks/heap-snapshot-summary.js <file.heapsnapshot> [--top N]
import * as fs from "node:fs";
import { parseArgs } from "node:util";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: (string[] | string)[] } };
  nodes: number[];
  strings: string[];
}

export function summariseHeap(snap: Snapshot, top: number): string {
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0] as string[];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const groups = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    const size = snap.nodes[i + sizeAt];
    total += size;
    let key: string;
    if (type === "string" || type === "concatenated string" || type === "sliced string") {
      const text = snap.strings[snap.nodes[i + nameAt]] ?? "";
      // Strings grouped by what they look like: stack traces, URNs, the serialized provider...
      key =
        /^Error\n\s+at /.test(text) || /\n\s+at /.test(text)
          ? "(string) stack trace"
          : text.startsWith("urn:pulumi:")
            ? "(string) URN"
            : text.includes("exports.handler")
              ? "(string) serialized provider"
              : "(string) other";
    } else key = `(${type}) ${type === "object" || type === "closure" ? snap.strings[snap.nodes[i + nameAt]] : ""}`;
    const g = groups.get(key) ?? { size: 0, count: 0 };
    g.size += size;
    g.count++;
    groups.set(key, g);
  }
  const rows = [...groups.entries()].sort((a, b) => b[1].size - a[1].size).slice(0, top);
  return [
    `${(total / 2 ** 20).toFixed(0)} MB in the heap`,
    ...rows.map(
      ([k, g]) =>
        `  ${((100 * g.size) / total).toFixed(1).padStart(5)} %  ${(g.size / 2 ** 20).toFixed(1).padStart(7)} MB  ${String(g.count).padStart(9)}  ${k}`,
    ),
  ].join("\n");
}

if (require.main === module) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string" } } });
  for (const file of positionals) {
    console.log(`── ${file}`);
    console.log(summariseHeap(JSON.parse(fs.readFileSync(file, "utf8")) as Snapshot, Number(values.top ?? 25)));
  }
}
