// Through the real program and engine: a run rides out a short outage by itself (throttling,
// server errors, answers lost after the product did the work) without duplicating anything, and
// an outage longer than the retry budget fails the run with a message that says so.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import { startDemoEnvironment, type DemoEnvironment } from "../../bench/demo/environment";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");

let env: DemoEnvironment;
const log: string[] = [];

before(async () => {
  env = await startDemoEnvironment({ projectDir: PROJECT_DIR, workDir: path.join(os.tmpdir(), `pam-faults-${process.pid}`), print: (t) => log.push(t) });
});
after(() => env.close());

function duplicates(values: (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  return values.filter((v): v is string => typeof v === "string" && (seen.has(v) || !seen.add(v)));
}

test("the first up rides out 8 × 503, 40 × 429 and lost answers to creates, and duplicates nothing", async () => {
  // Retry-After: 0 keeps the test fast; the waits themselves are tested on virtual time in test/lib/http.
  env.pra.faults.inject({ status: 503, retryAfterSeconds: 0, times: 8, path: "/api/scim/v2/Users", method: "POST" });
  env.privx.faults.inject({ status: 429, retryAfterSeconds: 0, times: 40, path: "/Hosts" });
  env.pra.faults.inject({ drop: "after-handling", times: 1, path: "/api/scim/v2/Groups", method: "POST" });
  env.pra.faults.inject({ drop: "after-handling", times: 1, path: "/api/config/v1/group-policy", method: "POST" });
  env.privx.faults.inject({ drop: "after-handling", times: 1, path: "/Users", method: "POST" });

  log.length = 0;
  const up = await env.runner.run("up", env.options);
  assert.equal(up.exitCode, 0, log.join("") + up.output);
  assert.deepEqual([...env.pra.faults.pending, ...env.privx.faults.pending], [], "every injected fault was met");
  assert.match(log.join("") + up.output, /answered 503; retrying in/, "the waits were reported while they happened");

  const pra = env.pra.state;
  assert.deepEqual(duplicates(pra.scimUsers().map((u) => u.scim!.externalId)), [], "one PRA user per Entra user");
  assert.deepEqual(duplicates([...pra.scimGroups.values()].map((g) => g.displayName)), [], "one SCIM group per name");
  assert.deepEqual(duplicates([...pra.groupPolicies.values()].map((p) => p.wire.name)), [], "one group policy per name");
  assert.deepEqual(duplicates([...env.privx.state.users.values()].map((u) => u.externalId)), [], "one PrivX user per Entra user");
  assert.deepEqual(duplicates([...env.privx.state.hosts.values()].map((h) => h.externalId)), [], "one PrivX host per inventory entry");

  const again = await env.runner.run("preview", { ...env.options, refresh: true, expectNoChanges: true });
  assert.equal(again.exitCode, 0, `the faulty run converged: ${again.output}`);
});

test("an outage longer than retryBudgetSeconds fails the run with the budget named, not a bare 429", async () => {
  env.pra.faults.inject({ status: 429, retryAfterSeconds: 30, times: 1000, path: "/api/scim/v2/Users", method: "GET" });
  try {
    log.length = 0;
    const options = { ...env.options, refresh: true, env: { ...env.options.env, PAM_RECONCILER_RETRY_BUDGET_SECONDS: "5" } };
    const result = await env.runner.run("preview", options);
    assert.equal(result.exitCode, 255);
    const output = log.join("") + result.output;
    assert.match(output, /retryBudgetSeconds/, output);
    assert.match(output, /HTTP 429/, output);
  } finally {
    env.pra.faults.clear();
  }
});
