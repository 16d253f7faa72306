// Benchmark: desired state for 50,000 users in 2,000 groups (synthetic directory).
// Prints the time to load the mappings and to build the state (target: build < 1 s), and memory.
//   node .build/<dir>/bench/desired-state.js [users] [groups]
import * as os from "node:os";
import { stringify } from "yaml";
import { buildDesiredState } from "../../providers/target-model";
import { loadMappingsFromText } from "../../providers/target-model";
import type { DirectorySnapshot, DirectoryUser, ResolvedGroup } from "../../sources/snapshot";

const USERS = Number(process.argv[2] ?? 50_000);
const GROUPS = Number(process.argv[3] ?? 2_000);
const GROUPS_PER_USER = 3;
const POLICIES = 200;
const ROLES = 100;
const RUNS = 5;
const APP_ID = "3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01";

const guid = (kind: number, n: number) => `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** Deterministic pseudo-random numbers, so every run measures the same directory. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function syntheticSnapshot(): DirectorySnapshot {
  const next = random(42);
  const users: Record<string, DirectoryUser> = {};
  const members: string[][] = Array.from({ length: GROUPS }, () => []);
  for (let i = 0; i < USERS; i++) {
    const id = guid(1, i);
    const upn = `user${i}@contoso.com`;
    users[id] = {
      id,
      userPrincipalName: upn,
      mail: upn,
      displayName: `User ${i}`,
      givenName: "User",
      surname: String(i),
      accountEnabled: i % 50 !== 0,
      attributes: {},
    };
    for (let k = 0; k < GROUPS_PER_USER; k++) members[Math.floor(next() * GROUPS)].push(id);
  }
  const groups: ResolvedGroup[] = members.map((userIds, g) => ({
    reference: { displayName: `Group ${g}` },
    id: guid(2, g),
    displayName: `Group ${g}`,
    userIds: [...new Set(userIds)].sort(),
    ignored: { devices: 0, servicePrincipals: 0, contacts: 0, other: 0 },
  }));
  const operatorIds = Object.keys(users)
    .filter((_, i) => i % 10 === 0)
    .sort();
  return {
    users,
    groups,
    applications: [
      {
        appId: APP_ID,
        servicePrincipalId: guid(3, 1),
        displayName: "BeyondTrust PRA",
        assignments: [
          {
            principalId: guid(2, 0),
            principalType: "Group",
            principalDisplayName: "Group 0",
            appRoleId: guid(4, 1),
            appRoleValue: "operator",
            userIds: operatorIds,
          },
        ],
      },
    ],
    stats: { requests: 0, ignored: { devices: 0, servicePrincipals: 0, contacts: 0, other: 0 } },
  };
}

function syntheticMappings(): { file: string; text: string }[] {
  const groups = Object.fromEntries(Array.from({ length: GROUPS }, (_, g) => [`g${g}`, { displayName: `Group ${g}` }]));
  const perPolicy = Math.ceil(GROUPS / 2 / POLICIES);
  const groupPolicies = Array.from({ length: POLICIES }, (_, p) => ({
    name: `Policy ${p}`,
    members: [...Array.from({ length: perPolicy }, (_, k) => `g${p * perPolicy + k}`), ...(p === 0 ? ["pra/operator"] : [])],
    permissions: { perm_access_allowed: true, perm_shell_jump: p % 2 === 0 },
    jumpGroups: [{ name: `Jump Group ${p}`, jumpItemRole: "Administrator" }],
  }));
  const perRole = Math.ceil(GROUPS / 2 / ROLES);
  const roles = Array.from({ length: ROLES }, (_, r) => ({
    name: `role-${r}`,
    members: Array.from({ length: perRole }, (_, k) => `g${GROUPS / 2 + r * perRole + k}`),
  }));
  return [
    { file: "aliases.yaml", text: stringify({ groups, applications: { pra: { appId: APP_ID } }, protected: ["user7@contoso.com"] }) },
    { file: "pra.yaml", text: stringify({ pra: { groupPolicies } }) },
    { file: "privx.yaml", text: stringify({ privx: { roles } }) },
  ];
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function main(): void {
  const snapshot = syntheticSnapshot();
  const files = syntheticMappings();
  const memberships = snapshot.groups.reduce((n, g) => n + g.userIds.length, 0);

  let started = performance.now();
  const loaded = loadMappingsFromText(files);
  const loadMs = performance.now() - started;
  if (!loaded.value) throw new Error(`synthetic mappings invalid: ${loaded.errors.length} error(s)`);
  const model = loaded.value;

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let result = buildDesiredState(model, snapshot);
  for (let run = 0; run < RUNS; run++) {
    const cpu = process.cpuUsage();
    started = performance.now();
    result = buildDesiredState(model, snapshot);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const heapAfter = process.memoryUsage().heapUsed;
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const { state, problems } = result;

  console.log(`desired state: ${USERS} users, ${GROUPS} groups, ${memberships} memberships; ${POLICIES} PRA policies, ${ROLES} PrivX roles`);
  console.log(`  load mappings (${files.length} files, ${GROUPS} aliases): ${loadMs.toFixed(0)} ms`);
  console.log(
    `  build: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms over ${RUNS} runs (target < 1000 ms) ${median < 1000 ? "OK" : "SLOW"}`,
  );
  // On a busy shared machine wall time includes waiting for a core; CPU time (all threads, GC included) does not.
  console.log(
    `  build CPU time: median ${cpuTimes[Math.floor(cpuTimes.length / 2)].toFixed(0)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`,
  );
  console.log(
    `  output: PRA ${state.pra?.users.length} users, ${state.pra?.groups.length} SCIM groups, ${state.pra?.groupPolicies.length} policies; ` +
      `PrivX ${state.privx?.users.length} users; ${problems.length} problem(s)`,
  );
  const memory = process.memoryUsage();
  console.log(
    `  memory: heap used ${megabytes(memory.heapUsed)} (${megabytes(heapAfter - heapBefore)} retained by the runs${global.gc ? "" : ", run with --expose-gc for a settled figure"}), rss ${megabytes(memory.rss)}`,
  );
}

main();
