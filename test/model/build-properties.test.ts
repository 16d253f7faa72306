// Properties of buildDesiredState over random directories and mappings (fast-check).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import { buildDesiredState } from "../../providers/target-model";
import { loadMappingsFromText } from "../../providers/target-model";
import type { ReconcilerMappings as MappingModel } from "../../providers/target-model";
import type { DirectorySnapshot } from "../../sources/snapshot";
import { memberSourceName, type MemberSource } from "../../model";
import { directoryUser, snapshotOf } from "./fixtures/snapshots";

const APP_ID = "3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01";
const GROUPS = 4;
const SOURCES = ["g0", "g1", "g2", "g3", "app", "app/operator", "app/auditor"];
const RULES = ["userPrincipalName", "mail", { attribute: "userPrincipalName", stripDomain: true, lowercase: true }] as const;

interface World {
  snapshot: DirectorySnapshot;
  files: { file: string; text: string }[];
  protectedIds: Set<string>;
  seed: number;
}

const userArb = fc.record({
  name: fc.constantFrom("alice", "bob", "carol", "dave", "erin", "frank"),
  domain: fc.constantFrom("contoso.com", "fabrikam.com"),
  enabled: fc.boolean(),
  hasMail: fc.boolean(),
});

const worldArb: fc.Arbitrary<World> = fc
  .array(userArb, { minLength: 1, maxLength: 14 })
  .chain((users) => {
    const ids = users.map((_, i) => `u${String(i).padStart(2, "0")}`);
    const subset = fc.subarray(ids);
    return fc.record({
      users: fc.constant(users),
      groupMembers: fc.array(subset, { minLength: GROUPS, maxLength: GROUPS }),
      assignments: fc.record({ operator: subset, auditor: subset, plain: subset }),
      policies: fc.array(fc.subarray(SOURCES, { minLength: 1 }), { minLength: 1, maxLength: 3 }),
      roles: fc.array(fc.subarray(SOURCES, { minLength: 1 }), { minLength: 0, maxLength: 2 }),
      protectedIds: fc.subarray(ids),
      protectByUpn: fc.boolean(),
      praRule: fc.constantFrom(...RULES),
      seed: fc.integer(),
    });
  })
  .map((w) => {
    const ids = w.users.map((_, i) => `u${String(i).padStart(2, "0")}`);
    const directoryUsers = w.users.map((u, i) =>
      directoryUser(ids[i], `${u.name}${i === 0 ? "" : i}@${u.domain}`, { accountEnabled: u.enabled, mail: u.hasMail ? `${u.name}.${i}@${u.domain}` : null }),
    );
    const snapshot = snapshotOf({
      users: directoryUsers,
      groups: w.groupMembers.map((members, i) => ({ id: `group-${i}`, displayName: `Group ${i}`, userIds: members })),
      applications: [
        {
          appId: APP_ID,
          displayName: "App",
          assignments: [
            { role: "operator", userIds: w.assignments.operator },
            { role: "auditor", userIds: w.assignments.auditor },
            { role: null, userIds: w.assignments.plain },
          ],
        },
      ],
    });
    const aliases = {
      groups: Object.fromEntries(Array.from({ length: GROUPS }, (_, i) => [`g${i}`, { displayName: `Group ${i}` }])),
      applications: { app: { appId: APP_ID, roles: { operator: null, auditor: null } } },
      protected: w.protectedIds.map((id) => (w.protectByUpn ? (directoryUsers.find((u) => u.id === id)?.userPrincipalName ?? id) : id)),
    };
    const pra = { pra: { userName: w.praRule, groupPolicies: w.policies.map((members, i) => ({ name: `Policy ${i}`, members })) } };
    const privx = { privx: { roles: w.roles.map((members, i) => ({ name: `role-${i}`, members })) } };
    return {
      snapshot,
      files: [
        { file: "aliases.yaml", text: stringify(aliases) },
        { file: "pra.yaml", text: stringify(pra) },
        { file: "privx.yaml", text: stringify(privx) },
      ],
      protectedIds: new Set(w.protectedIds),
      seed: w.seed,
    };
  });

function modelOf(files: { file: string; text: string }[]): MappingModel {
  const result = loadMappingsFromText(files);
  assert.deepEqual(result.errors, []);
  assert.ok(result.value);
  return result.value;
}

/** A deterministic shuffle (mulberry32 + Fisher-Yates) so a failing case replays. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function shuffledSnapshot(s: DirectorySnapshot, seed: number): DirectorySnapshot {
  const users = Object.fromEntries(shuffle(Object.entries(s.users), seed));
  return {
    ...s,
    users,
    groups: shuffle(s.groups, seed + 1).map((g, i) => ({ ...g, userIds: shuffle(g.userIds, seed + 2 + i) })),
    applications: s.applications.map((a) => ({
      ...a,
      assignments: shuffle(a.assignments, seed + 3).map((x) => ({ ...x, userIds: shuffle(x.userIds, seed + 4) })),
    })),
  };
}

/** The ids of the users a mapped source of this target contains. */
function mappedIds(snapshot: DirectorySnapshot, sources: string[]): Set<string> {
  const ids = new Set<string>();
  for (const source of sources) {
    const lists = source.startsWith("g")
      ? [snapshot.groups.find((g) => g.id === `group-${source.slice(1)}`)?.userIds ?? []]
      : source === "app"
        ? snapshot.applications[0].assignments.map((a) => a.userIds)
        : snapshot.applications[0].assignments.filter((a) => a.appRoleValue === source.slice(4)).map((a) => a.userIds);
    for (const list of lists) for (const id of list) ids.add(id);
  }
  return ids;
}

test("building twice gives deep-equal results (idempotent, no hidden state)", () => {
  fc.assert(
    fc.property(worldArb, (w) => {
      const model = modelOf(w.files);
      assert.deepEqual(buildDesiredState(model, w.snapshot), buildDesiredState(model, w.snapshot));
    }),
    { numRuns: 60 },
  );
});

test("the result does not depend on the order of files, groups, users or members", () => {
  fc.assert(
    fc.property(worldArb, (w) => {
      const expected = buildDesiredState(modelOf(w.files), w.snapshot);
      const shuffled = buildDesiredState(modelOf(shuffle(w.files, w.seed)), shuffledSnapshot(w.snapshot, w.seed));
      assert.deepEqual(shuffled, expected);
    }),
    { numRuns: 60 },
  );
});

test("protected accounts are only ever hands-off users (protected: true), never group members", () => {
  fc.assert(
    fc.property(worldArb, (w) => {
      const { state } = buildDesiredState(modelOf(w.files), w.snapshot);
      const names = new Set<string>();
      for (const id of w.protectedIds) {
        assert.ok(state.pra?.users.filter((u) => u.externalId === id).every((u) => u.protected));
        assert.ok(state.privx?.users.filter((u) => u.entraId === id).every((u) => u.protected));
        const u = w.snapshot.users[id];
        names.add(u.userPrincipalName.toLowerCase());
        assert.ok(state.protectedUserNames.includes(u.userPrincipalName.toLowerCase()));
      }
      for (const g of state.pra?.groups ?? []) {
        for (const member of g.members) {
          const owner = state.pra?.users.find((u) => u.userName === member);
          assert.ok(owner && !w.protectedIds.has(owner.externalId) && !owner.protected, `${member} in ${g.displayName} is a listed, unprotected user`);
        }
      }
      for (const u of [...(state.pra?.users ?? []), ...(state.privx?.users ?? [])]) {
        assert.equal(u.protected, w.protectedIds.has("entraId" in u ? u.entraId : u.externalId));
      }
    }),
    { numRuns: 60 },
  );
});

test("a user appears in a target only when a source mapped for that target contains them", () => {
  fc.assert(
    fc.property(worldArb, (w) => {
      const model = modelOf(w.files);
      const { state } = buildDesiredState(model, w.snapshot);
      const text = (m: MemberSource) => memberSourceName(m);
      const praIds = mappedIds(w.snapshot, model.pra?.groupPolicies.flatMap((p) => p.members.map(text)) ?? []);
      for (const u of state.pra?.users ?? []) assert.ok(praIds.has(u.externalId), `${u.externalId} is in a PRA source`);
      for (const role of model.privx?.roles ?? []) {
        const ids = mappedIds(w.snapshot, role.members.map(text));
        for (const u of state.privx?.users ?? [])
          assert.equal(u.groups.includes(role.name), ids.has(u.entraId), `${u.entraId} holds ${role.name} exactly when a source of it contains them`);
      }
      for (const u of state.privx?.users ?? []) assert.ok(u.groups.length > 0);
    }),
    { numRuns: 60 },
  );
});

test("every user's active flag follows accountEnabled: a disabled account yields a deactivated user", () => {
  fc.assert(
    fc.property(worldArb, (w) => {
      const { state } = buildDesiredState(modelOf(w.files), w.snapshot);
      for (const u of state.pra?.users ?? []) assert.equal(u.active, w.snapshot.users[u.externalId].accountEnabled);
      for (const u of state.privx?.users ?? []) assert.equal(u.active, w.snapshot.users[u.entraId].accountEnabled);
    }),
    { numRuns: 60 },
  );
});

test("a disabled account in a mapped group is kept as an inactive user, not dropped", () => {
  const files = [{ file: "m.yaml", text: "groups:\n  g: { displayName: G }\npra:\n  groupPolicies:\n    - { name: P, members: [g] }\n" }];
  const snapshot = snapshotOf({
    users: [directoryUser("u1", "off@contoso.com", { accountEnabled: false })],
    groups: [{ id: "g-1", displayName: "G", userIds: ["u1"] }],
  });
  const { state } = buildDesiredState(modelOf(files), snapshot);
  assert.deepEqual(
    state.pra?.users.map((u) => [u.externalId, u.active]),
    [["u1", false]],
  );
  assert.deepEqual(state.pra?.groups[0].members, ["off@contoso.com"]);
});

test("outputs are sorted and SCIM group members are exactly PRA users", () => {
  const sorted = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1] < x);
  fc.assert(
    fc.property(worldArb, (w) => {
      const { state } = buildDesiredState(modelOf(w.files), w.snapshot);
      const pra = state.pra;
      assert.ok(pra);
      assert.ok(sorted(pra.users.map((u) => u.externalId)));
      assert.ok(sorted(pra.groups.map((g) => g.externalId)));
      assert.ok(sorted(pra.groupPolicies.map((p) => p.name)));
      const userNames = new Set(pra.users.map((u) => u.userName));
      for (const g of pra.groups) {
        assert.ok(sorted(g.members));
        for (const m of g.members) assert.ok(userNames.has(m));
      }
      for (const p of pra.groupPolicies) assert.ok(sorted(p.memberGroups));
      for (const u of state.privx?.users ?? []) assert.ok(sorted(u.groups));
      assert.ok(sorted(state.protectedUserNames));
    }),
    { numRuns: 60 },
  );
});
