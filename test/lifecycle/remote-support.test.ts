// Remote Support end to end, through the offline engine and the RS emulator, with a stack that
// manages RS only: first up, a no-change preview, a directory change (membership lives in
// Entra: nothing to write, the recorded access follows), a mapping change, a hand edit found by
// drift and undone, the removal safety, a protected account, and the client secret in neither
// the state nor the log.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";
import { demoTenantV2Path } from "../../bench/emulators/graph";
import { driftWorkflow, upWorkflow } from "../../workflows/commands";
import { EXIT } from "../../lib/exit-codes";
import { ids } from "../sources/entra/demo";
import { cliStackOutput } from "../../workflows/config-get";
import { ACCESS_RECORD_OUTPUT } from "../../program/access-record";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const TIER1 = "Help Desk Tier 1";
const ESCALATION = "Help Desk Escalation";
const WINDOWS_OPERATORS = "3c6fe58b-417d-45c9-aca6-ce44decaa1ee";
const LINUX_ADMINS = "ac37f319-bfb3-4247-ade8-a06b9ab8ea2d";

const demoFile = fs.readFileSync(path.join(PROJECT_DIR, "test/providers/rs/remote-support.mappings.yaml"), "utf8");
/** The demo's RS section (its groups by object id), with bob protected (by object id) and a tight removal safety. */
const mappings = `${demoFile}
protected: [${ids.bob}]
safety: { maxRemovals: 3, maxRemovalPercent: 60 }
`;

let env: DemoEnvironment;
let file: string;
const log: string[] = [];
const writes = (from: number) => env.rs.requests.slice(from).filter((r) => r.method !== "GET" && !r.path.endsWith("/token"));
const policy = (name: string) => [...env.rs.state.groupPolicies.values()].find((p) => p.wire.name === name);
const memberNames = (name: string) =>
  policy(name)!
    .members.map((m) => (m.kind === "named-group" ? m.group_name : m.kind))
    .sort();
const stateText = () => fs.readFileSync(path.join(env.workDir, "state", "demo.json"), "utf8");
/** The rs part of the access record the last run kept in the stack's (secret) outputs, read as explain reads it. */
function recordedRs(): { accounts: Record<string, string>; grants: Record<string, string[]> } {
  const record = cliStackOutput(PROJECT_DIR, env.options.stack, { env: env.options.env })(ACCESS_RECORD_OUTPUT) as {
    targets: Record<string, { accounts: Record<string, string>; grants: Record<string, string[]> }>;
  };
  return record.targets.rs;
}

before(async () => {
  env = await startDemoEnvironment({
    projectDir: PROJECT_DIR,
    workDir: path.join(os.tmpdir(), `pam-rs-${process.pid}`),
    print: (t) => log.push(t),
    mappings: { "remote-support.yaml": mappings },
  });
  file = path.join(env.workDir, "mappings", "remote-support.yaml");
});
after(() => env.close());

test(
  "Remote Support: first up, no change, directory change, mapping change, drift undone, removal safety, protected account, secret",
  { timeout: 300_000 },
  async () => {
    // First up: both policies, their SAML groups under the named provider, jump groups, provisioned.
    assert.equal(await upWorkflow(env.runner, env.options), 0, log.join(""));
    assert.deepEqual(memberNames(TIER1), [WINDOWS_OPERATORS]);
    assert.deepEqual(memberNames(ESCALATION), [LINUX_ADMINS]);
    const tier1 = policy(TIER1)!.wire as unknown as Record<string, unknown>;
    assert.equal(tier1.perm_support_allowed, "full_support");
    assert.equal(tier1.perm_routing_idle_timeout, 900);
    assert.equal(policy(ESCALATION)!.jumpGroups.length, 2);
    assert.deepEqual(env.rs.state.unprovisionedGroupPolicyIds(), []);
    assert.match(log.join(""), /rs:GroupPolicy/);
    // Who each policy reaches: bob is protected, carol is disabled; neither is counted.
    assert.deepEqual(recordedRs().grants, { [`group policy ${ESCALATION}`]: [ids.alice], [`group policy ${TIER1}`]: [ids.dave] });
    assert.equal(env.rs.state.users.size, 1, "no user is provisioned: RS makes them at their first SAML login");

    // Nothing changed: a preview expecting none passes, and writes nothing.
    let mark = env.rs.requests.length;
    log.length = 0;
    assert.equal((await env.runner.run("preview", { ...env.options, expectNoChanges: true })).exitCode, 0, log.join(""));
    assert.deepEqual(writes(mark), []);

    // The directory changes: dave leaves Windows Operators, heidi joins Linux Admins (nested).
    // Membership is Entra's: RS gets no write, and the recorded access follows.
    env.graph.loadTenant(demoTenantV2Path);
    mark = env.rs.requests.length;
    log.length = 0;
    // dave was help-desk's one member who is not protected: the group reads as empty now, which the
    // removal safety stops as it would a directory glitch, writing nothing; an intended change passes with allowRemovals.
    assert.equal(await upWorkflow(env.runner, env.options), EXIT.SAFETY_LIMIT, log.join(""));
    assert.match(log.join(""), /group help-desk had 1 members on the last run and reads as empty now/);
    log.length = 0;
    assert.equal(await upWorkflow(env.runner, { ...env.options, allowRemovals: true }), 0, log.join(""));
    assert.deepEqual(writes(mark), []);
    assert.deepEqual(recordedRs().grants, { [`group policy ${ESCALATION}`]: [ids.heidi, ids.alice].sort(), [`group policy ${TIER1}`]: [] });

    // A mapping change: the escalation group joins Tier 1 too.
    fs.writeFileSync(file, mappings.replace("members: [help-desk]", "members: [help-desk, help-desk-escalation]"));
    log.length = 0;
    assert.equal(await upWorkflow(env.runner, env.options), 0, log.join(""));
    assert.deepEqual(memberNames(TIER1), [LINUX_ADMINS, WINDOWS_OPERATORS].sort());
    assert.deepEqual(env.rs.state.unprovisionedGroupPolicyIds(), []);

    // A hand edit in the RS console: drift finds it (exit 7), up --refresh undoes it.
    policy(TIER1)!.members.length = 0;
    (policy(TIER1)!.wire as unknown as Record<string, unknown>).perm_routing_idle_timeout = 0;
    env.rs.state.touch();
    log.length = 0;
    const drift = await driftWorkflow(env.runner, env.options);
    assert.equal(drift.exitCode, EXIT.DRIFT, log.join(""));
    assert.match(log.join(""), /Help Desk Tier 1/);
    assert.deepEqual(memberNames(TIER1), [], "drift detection applies nothing");
    log.length = 0;
    assert.equal(await upWorkflow(env.runner, { ...env.options, refresh: true }), 0, log.join(""));
    assert.deepEqual(memberNames(TIER1), [LINUX_ADMINS, WINDOWS_OPERATORS].sort());
    assert.equal((policy(TIER1)!.wire as unknown as Record<string, unknown>).perm_routing_idle_timeout, 900);
    log.length = 0;
    assert.equal((await driftWorkflow(env.runner, env.options)).exitCode, 0, log.join(""));

    // Removal safety: back to Tier 1 without the escalation group, and no escalation policy:
    // alice and heidi would lose both policies and their access.
    const policies = env.rs.state.groupPolicies.size;
    const escalationStart = mappings.indexOf(`    - name: ${ESCALATION}`);
    const withoutEscalation = mappings.slice(0, escalationStart) + mappings.slice(mappings.indexOf("\nprotected:"));
    fs.writeFileSync(file, withoutEscalation);
    mark = env.rs.requests.length;
    log.length = 0;
    assert.equal(await upWorkflow(env.runner, env.options), EXIT.SAFETY_LIMIT, log.join(""));
    assert.match(log.join(""), /alice@contoso\.com/);
    assert.deepEqual(writes(mark), [], "nothing written to Remote Support");
    assert.equal(env.rs.state.groupPolicies.size, policies);

    // The client secret is in neither the state nor anything the runs printed.
    assert.equal(stateText().includes(env.rs.clientSecret), false, "no RS client secret in the state");
    assert.equal(log.join("").includes(env.rs.clientSecret), false, "no RS client secret in the log");
  },
);
