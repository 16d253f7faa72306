// The lifecycle benchmark: a generated tenant, mappings and host inventory at size S, M or L,
// run through the offline engine against the emulators — first `up`, a no-change `preview`, a
// no-change drift run (the drift job: `refresh --preview-only` alongside `preview`) and a 1 % change — printing for each run the wall
// time, CPU and peak RSS of every process (program, provider, engine), requests per product,
// writes against the minimum, the PRA write phase against its rate-limit floor and the state's
// size per resource. Figures only: nothing here is asserted.
//
//   node dist/bench/benchmarks/lifecycle.js [--size S|M|L|XS] [--cpu-prof <dir>] [--heap-snapshot program|provider|engine] [--keep]
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { generateTenant } from "../emulators/graph/generate-tenant";
import type { TenantFixture } from "../emulators/graph/tenant";
import type { RecordedRequest } from "../emulators/common/server";
import type { PraSeed } from "../emulators/pra";
import { startDemoEnvironment, type DemoEnvironment } from "../demo/environment";
import { driftWorkflow } from "../../workflows/commands";
import { offlineEngineCommand, offlineEngineRunner } from "../../workflows/runner";

export interface Size {
  name: string;
  users: number;
  groups: number;
  policies: number;
  hosts: number;
}

export const SIZES: Record<string, Size> = {
  /** A quarter of S, for profiling (heap snapshots) in a few minutes. */
  XS: { name: "XS", users: 250, groups: 13, policies: 5, hosts: 125 },
  S: { name: "S", users: 1_000, groups: 50, policies: 20, hosts: 500 },
  M: { name: "M", users: 5_000, groups: 250, policies: 100, hosts: 2_500 },
  L: { name: "L", users: 10_000, groups: 500, policies: 200, hosts: 5_000 },
};

const PRIVX_ROLES = 10;
const pad = (n: number, width = 3) => String(n).padStart(width, "0");
const jumpZone = (i: number) => `Jump Zone ${pad(i)}`;

/**
 * Every group is a member of exactly one policy (group j → policy j mod policies) and of one
 * PrivX role, so every user has a PRA user and a PrivX user: objects = 2 × users + groups +
 * policies + hosts (users and hosts are held by batch resources, see lib/provider/batch.ts).
 */
export function mappingsFor(size: Size, tenant: TenantFixture): Record<string, string> {
  const groups: Record<string, { displayName: string }> = {};
  tenant.groups.forEach((g, j) => (groups[`g${pad(j + 1)}`] = { displayName: g.displayName }));
  const aliases = Object.keys(groups);
  const groupPolicies = Array.from({ length: size.policies }, (_, p) => ({
    name: `Policy ${pad(p + 1)}`,
    members: aliases.filter((_, j) => j % size.policies === p),
    permissions: {
      perm_access_allowed: true,
      access_perm_status: "defined",
      perm_shell_jump: p % 2 === 0,
      perm_remote_rdp: p % 2 === 1,
      perm_session_idle_timeout: 1800,
    },
    jumpGroups: [p % 2 === 0 ? { name: jumpZone(p + 1), jumpItemRole: "Administrator" } : { name: jumpZone(p + 1) }],
  }));
  const roles = Array.from({ length: PRIVX_ROLES }, (_, r) => ({ name: `role-${pad(r + 1, 2)}`, members: aliases.filter((_, j) => j % PRIVX_ROLES === r) }));
  const access = stringify({
    groups,
    leavers: "deactivate",
    safety: { maxRemovals: Math.max(10, Math.ceil(size.users / 50)) },
    pra: { userName: "userPrincipalName", groupPolicies },
    privx: { userName: "userPrincipalName", externalId: "id", roles },
  });
  return { "access.yaml": access, "hosts.yaml": hostsYaml(size.hosts, "") };
}

function hostsYaml(count: number, changedSuffix: string, changeEvery = 0): string {
  const hosts = Array.from({ length: count }, (_, i) => {
    const n = pad(i + 1, 5);
    const role = `role-${pad((i % PRIVX_ROLES) + 1, 2)}`;
    const changed = changeEvery > 0 && i % changeEvery === 0;
    return {
      externalId: `bench-host-${n}`,
      commonName: `host-${n}`,
      contactAddress: `10.${Math.floor(i / 250) % 250}.${i % 250}.10`,
      description: `Generated host ${n}${changed ? changedSuffix : ""}`,
      tags: [`env=${i % 3 === 0 ? "prod" : "dev"}`, `rack=r${i % 12}`],
      services: i % 4 === 0 ? { SSH: 22, WEB: 443 } : { SSH: 22 },
      principals: i % 2 === 0 ? { directoryRoles: [role], sharedAccounts: { root: [role] } } : { directoryRoles: [role] },
      auditEnabled: i % 7 !== 0,
    };
  });
  return stringify({ privx: { hosts } });
}

function praSeedFor(size: Size): PraSeed {
  return { jumpGroups: Array.from({ length: size.policies }, (_, i) => ({ name: jumpZone(i + 1) })) };
}

/** One directory change at 1 % of the users (renamed), and 1 % of the hosts (described anew). */
function onePercentChange(tenant: TenantFixture): TenantFixture {
  const copy = structuredClone(tenant);
  copy.users.forEach((u, i) => {
    if (i % 100 === 7) u.displayName = `${u.displayName} (renamed)`;
  });
  return copy;
}

interface ProcessFigures {
  role: string;
  pid: number;
  cpuMs: number;
  maxRssKb: number;
  peakHeapMb?: number;
  peakExternalMb?: number;
  liveAfterMajorGcMb?: number;
  wallMs: number;
}

/** Requests to one route (ids elided), with the first and last in ms after the run started. */
interface RouteFigures {
  route: string;
  count: number;
  from: number;
  to: number;
}

/** `GET /api/config/v1/group-policy/:id/member`: the path with its ids elided. */
function routeOf(r: RecordedRequest): string {
  const segments = r.path.split("/").map((seg) => (/^\d+$|^[0-9a-f-]{16,}$|^[A-Za-z0-9_-]{20,}$/i.test(seg) ? ":id" : seg));
  return `${r.method} ${segments.join("/")}`;
}

function routeFigures(requests: readonly RecordedRequest[], startedAt: number): RouteFigures[] {
  const byRoute = new Map<string, RouteFigures>();
  for (const r of requests) {
    const route = routeOf(r);
    const at = r.at - startedAt;
    const figures = byRoute.get(route);
    if (!figures) byRoute.set(route, { route, count: 1, from: at, to: at });
    else Object.assign(figures, { count: figures.count + 1, from: Math.min(figures.from, at), to: Math.max(figures.to, at) });
  }
  return [...byRoute.values()].sort((a, b) => b.count - a.count);
}

interface RunFigures {
  name: string;
  exitCode: number;
  wallMs: number;
  processes: ProcessFigures[];
  /** Per product; `from` and `to` are its first and last request, in ms after the run started. */
  requests: Record<string, { total: number; writes: number; throttled: number; from: number; to: number; families: RouteFigures[] }>;
  praWrites: number;
  /** First to last PRA write. */
  praWritePhaseMs: number;
  changed: number;
  stateBytes: number;
  resources: number;
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const TOKEN_ENDPOINT = /\/(oauth2\/token|oauth\/token|token)$/;
const isWrite = (r: RecordedRequest) => WRITE_METHODS.has(r.method) && !TOKEN_ENDPOINT.test(r.path);

/** The environment that makes every Node process of a run record its figures (measure-process.ts). */
function measuredEnv(env: DemoEnvironment, measureFile: string, cpuProfDir?: string): NodeJS.ProcessEnv {
  const measure = path.join(__dirname, "measure-process.js");
  const nodeOptions = [`--require=${measure}`, ...(cpuProfDir ? [`--cpu-prof`, `--cpu-prof-dir=${cpuProfDir}`] : [])].join(" ");
  return { ...env.options.env, NODE_OPTIONS: nodeOptions, PAM_BENCH_MEASURE_FILE: measureFile };
}

/** A run is engine arguments, or "drift": the drift job itself (npm run drift's workflow). */
type RunSpec = string[] | "drift";

async function runEngine(env: DemoEnvironment, spec: RunSpec, measureFile: string, cpuProfDir?: string): Promise<{ code: number; changed: number }> {
  if (spec === "drift") {
    const { exitCode, report } = await driftWorkflow(offlineEngineRunner(env.projectDir), {
      ...env.options,
      env: measuredEnv(env, measureFile, cpuProfDir),
      print: () => undefined,
    });
    if (exitCode !== 0) process.stderr.write(`drift workflow exited ${exitCode}: ${JSON.stringify(report?.errors ?? [])}\n`);
    return { code: exitCode, changed: report ? report.handChanges.length + report.directoryChanges.length : NaN };
  }
  const { code, stdout } = await runEngineProcess(env, spec, measureFile, cpuProfDir);
  return { code, changed: changedCount(stdout) };
}

function runEngineProcess(env: DemoEnvironment, args: string[], measureFile: string, cpuProfDir?: string): Promise<{ code: number; stdout: string }> {
  const [node, ...engineArgs] = offlineEngineCommand(env.projectDir);
  const child = spawn(
    node,
    [...engineArgs, ...args, "--stack", env.options.stack, "--cwd", env.projectDir, "--config-file", env.options.configFile!, "--json"],
    {
      cwd: env.projectDir,
      env: { ...process.env, ...measuredEnv(env, measureFile, cpuProfDir) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  return new Promise((resolve) => {
    child.on("close", (code) => {
      if (code !== 0 && code !== 7) process.stderr.write(`engine ${args.join(" ")} exited ${code}\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}\n`);
      resolve({ code: code ?? 255, stdout });
    });
  });
}

function changedCount(stdout: string): number {
  try {
    const digest = JSON.parse(stdout) as { changeSummary?: Record<string, number> };
    return Object.entries(digest.changeSummary ?? {})
      .filter(([op]) => op !== "same")
      .reduce((sum, [, n]) => sum + n, 0);
  } catch {
    return NaN;
  }
}

/** The state files' size as written (minified, as the CLI's file backend writes it) and their resources. */
function stateFigures(stateDir: string): { bytes: number; resources: number } {
  let bytes = 0;
  let resources = 0;
  if (!fs.existsSync(stateDir)) return { bytes, resources };
  for (const name of fs.readdirSync(stateDir)) {
    if (!name.endsWith(".json")) continue;
    const file = path.join(stateDir, name);
    bytes += fs.statSync(file).size;
    try {
      const state = JSON.parse(fs.readFileSync(file, "utf8")) as { resources: unknown[] };
      resources += state.resources.length;
    } catch {
      /* not a state file */
    }
  }
  return { bytes, resources };
}

async function measureRun(name: string, env: DemoEnvironment, spec: RunSpec, workDir: string, cpuProfDir?: string): Promise<RunFigures> {
  const measureFile = path.join(workDir, `measure-${name.replace(/\W+/g, "-")}.jsonl`);
  const products = { graph: env.graph.requests, pra: env.pra.requests, privx: env.privx.requests };
  const marks = Object.fromEntries(Object.entries(products).map(([k, r]) => [k, r.length]));
  const started = performance.now();
  const startedAt = Date.now();
  const profDir = cpuProfDir ? path.join(cpuProfDir, name.replace(/\W+/g, "-")) : undefined;
  const { code, changed } = await runEngine(env, spec, measureFile, profDir);
  const wallMs = performance.now() - started;
  const requests: RunFigures["requests"] = {};
  let praWrites = 0;
  let praWritePhaseMs = 0;
  for (const [product, list] of Object.entries(products)) {
    const since = list.slice(marks[product]);
    const writes = since.filter(isWrite);
    const at = since.map((r) => r.at - startedAt);
    const throttled = since.filter((r) => r.status === 429).length;
    requests[product] = {
      total: since.length,
      writes: writes.length,
      throttled,
      from: Math.min(...at),
      to: Math.max(...at),
      families: routeFigures(since, startedAt),
    };
    if (product === "pra") {
      praWrites = writes.length;
      praWritePhaseMs = writes.length ? writes[writes.length - 1].at - writes[0].at : 0;
    }
  }
  const processes = fs.existsSync(measureFile)
    ? fs
        .readFileSync(measureFile, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ProcessFigures)
    : [];
  const state = stateFigures(path.join(env.workDir, "state"));
  return { name, exitCode: code, wallMs, praWritePhaseMs, processes, requests, praWrites, changed, stateBytes: state.bytes, resources: state.resources };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

function print(run: RunFigures, minimumWrites: number, objects: number): void {
  const line = (text: string) => console.log(`  ${text}`);
  console.log(`${run.name}: ${s(run.wallMs)} wall, exit ${run.exitCode}`);
  for (const role of ["program", "provider", "engine"]) {
    const ps = run.processes.filter((p) => p.role === role);
    if (!ps.length) continue;
    const cpu = ps.reduce((a, p) => a + p.cpuMs, 0);
    const rss = Math.max(...ps.map((p) => p.maxRssKb));
    const heap = Math.max(...ps.map((p) => p.peakHeapMb ?? 0));
    const external = Math.max(...ps.map((p) => p.peakExternalMb ?? 0));
    const live = Math.max(...ps.map((p) => p.liveAfterMajorGcMb ?? 0));
    line(
      `${role.padEnd(8)} ${s(cpu).padStart(8)} CPU, ${mb(rss).padStart(7)} peak RSS (JS heap ${heap} MB, ${live} MB after a major GC, buffers ${external} MB)${ps.length > 1 ? ` (${ps.length} processes, alive ${ps.map((p) => s(p.wallMs)).join(" and ")})` : ""}`,
    );
  }
  const span = (r: { from: number; to: number }) => `${s(r.from)}–${s(r.to)} into the run`;
  line(
    `requests: ${Object.entries(run.requests)
      .map(([p, r]) => `${p} ${r.total} (${r.writes} writes${r.throttled ? `, ${r.throttled} answered 429` : ""})`)
      .join(", ")}`,
  );
  for (const [product, r] of Object.entries(run.requests)) {
    if (!r.total) continue;
    const top = r.families.slice(0, 3).map((f) => `${f.count} ${f.route} ${span(f)}`);
    line(`  ${product}: ${span(r)}; ${top.join("; ")}${r.families.length > 3 ? `; ${r.families.length - 3} other routes` : ""}`);
  }
  const writes = Object.values(run.requests).reduce((a, r) => a + r.writes, 0);
  line(
    `writes ${writes} against a minimum of ${minimumWrites}${minimumWrites ? ` (× ${(writes / minimumWrites).toFixed(2)})` : ""}; resources changed ${run.changed}`,
  );
  if (run.praWrites) {
    const floor15 = (run.praWrites / 15) * 1000;
    const floor20 = (run.praWrites / 20) * 1000;
    line(
      `PRA write phase ${s(run.praWritePhaseMs)} for ${run.praWrites} writes; floor ${s(floor15)} at the client's 15/s (× ${(run.praWritePhaseMs / floor15).toFixed(2)}), ` +
        `${s(floor20)} at PRA's 20/s (× ${(run.praWritePhaseMs / floor20).toFixed(2)}); whole run × ${(run.wallMs / floor15).toFixed(2)} the 15/s floor`,
    );
  }
  if (run.resources) {
    line(
      `state: ${run.stateBytes.toLocaleString("en")} bytes, ${run.resources} resources (${Math.round(run.stateBytes / run.resources)} bytes each) for ${objects} objects ` +
        `(${Math.round(run.stateBytes / objects)} bytes per object)`,
    );
  }
}

async function benchSize(size: Size, cpuProfDir: string | undefined, keep: boolean): Promise<void> {
  const objects = 2 * size.users + size.groups + size.policies + size.hosts;
  console.log(
    `\nsize ${size.name}: ${size.users} users, ${size.groups} groups, ${size.policies} group policies, ${size.hosts} hosts → ${objects} objects in PRA and PrivX`,
  );
  const tenant = generateTenant({ users: size.users, groups: size.groups, nestingDepth: 0, seed: 20261201 });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `pam-reconciler-bench-${size.name}-`));
  const projectDir = path.resolve(__dirname, "..", "..", "..");
  const env = await startDemoEnvironment({ projectDir, workDir, tenant, mappings: mappingsFor(size, tenant), praSeed: praSeedFor(size) });
  try {
    const managedUsers = size.users; // every user is in a mapped group
    // Minimum writes of a first up: one per object created (users, groups and policies in PRA,
    // users and hosts in PrivX); PRA's Configuration API also needs one call per policy member,
    // jump group and provisioning.
    const firstUpMinimum = 2 * managedUsers + size.groups + size.policies + size.hosts;
    const runs: [string, RunSpec, () => void, number][] = [
      ["first up", ["up", "--yes"], () => undefined, firstUpMinimum],
      ["no-change preview", ["preview", "--expect-no-changes"], () => undefined, 0],
      // The drift job as scheduled runs make it: a refresh preview alongside a preview.
      ["no-change drift run (npm run drift: refresh --preview-only alongside preview)", "drift", () => undefined, 0],
    ];
    const changed = onePercentChange(tenant);
    const renamed = tenant.users.filter((_, i) => i % 100 === 7).length;
    const hostsChanged = Math.ceil(size.hosts / 100);
    runs.push([
      "1% change (up)",
      ["up", "--yes"],
      () => {
        env.graph.loadTenant(changed);
        fs.writeFileSync(path.join(workDir, "mappings", "hosts.yaml"), hostsYaml(size.hosts, " (changed)", 100));
      },
      2 * renamed + hostsChanged,
    ]);
    for (const [name, args, before, minimum] of runs) {
      before();
      print(await measureRun(name, env, args, workDir, cpuProfDir), minimum, objects);
    }
  } finally {
    await env.close();
    if (keep) console.log(`  kept ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { size: { type: "string", multiple: true }, "cpu-prof": { type: "string" }, "heap-snapshot": { type: "string" }, keep: { type: "boolean" } },
  });
  // --heap-snapshot program|provider|engine: that process writes a heap snapshot at exit.
  if (values["heap-snapshot"]) {
    process.env.PAM_BENCH_HEAP_SNAPSHOT = values["heap-snapshot"];
    process.env.PAM_BENCH_HEAP_DIR = path.resolve(values["cpu-prof"] ?? ".");
  }
  const names = (values.size ?? ["S"]).flatMap((v) => v.split(",")).map((v) => v.trim().toUpperCase());
  for (const name of names) if (!SIZES[name]) throw new Error(`unknown size ${name} (XS, S, M or L)`);
  const cpuProfDir = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : undefined;
  for (const name of names) await benchSize(SIZES[name], cpuProfDir, values.keep ?? false);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
